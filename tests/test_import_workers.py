"""A GeoParquet import validated by worker processes (`ATLAS_IMPORT_WORKERS`): the same
layer as in one process, every problem still named, wherever its batch was checked."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import geo.importers.parquet as parquet_module
from geo.importers.__main__ import main as import_main
from geo.published import ucdp
from geo.published._rows import Meta, alias_index
from geo.published.rows import map_rows
from geo.settings import import_workers
from geo.store.parts import PartJob, Workers, compile_parts
from geo.vocab import load_actors
from tests.helpers.data import ROOT, SEEDS, copy_layers

UCDP = ROOT / "data" / "ucdp_ged231_sample_afg_tjk.csv"
BATCH = 10  # features per batch here, so a sample of 150 rows makes many batches
BIDI = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: reorders what a reader sees


def _rows() -> tuple[list[str], list[dict[str, str]]]:
    with UCDP.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _batch_of_row(rows: list[dict[str, str]], number: int) -> int:
    """Which batch (0-based) the event of row `number` (1-based) is sent in."""
    mapped = map_rows(rows, Meta(ucdp.DATASET, "23.1", "l", "f.csv"), alias_index(load_actors()))
    numbers = [f["properties"]["dataset"]["row"] for f in mapped.features]
    return numbers.index(number) // BATCH


def _import(
    tmp: Path, csv_path: Path, workers: int, monkeypatch: pytest.MonkeyPatch, *extra: str
) -> tuple[int, Path]:
    layers, data = tmp / "layers", tmp / "data"
    if not layers.exists():
        copy_layers(layers, compiled=False)
    monkeypatch.setenv("ATLAS_IMPORT_WORKERS", str(workers))
    monkeypatch.setattr(parquet_module, "BATCH", BATCH)
    args = ["ucdp", str(csv_path), "--out", str(layers / "ged.parquet"), "--layers", str(layers)]
    return import_main([*args, "--data", str(data), "--seeds", str(SEEDS), *extra]), layers


def test_workers_write_the_very_layer_one_process_writes(tmp_path, monkeypatch, capsys):
    header, rows = _rows()
    rows[37]["where_prec"] = "9"  # row 38 is skipped, and said to be, either way
    csv_path = _write(tmp_path / "ged231.csv", header, rows)
    one, one_layers = _import(tmp_path / "one", csv_path, 1, monkeypatch)
    one_said = capsys.readouterr().out
    two, two_layers = _import(tmp_path / "two", csv_path, 2, monkeypatch)
    two_said = capsys.readouterr().out
    assert one == two == 0
    assert "row 38: skipped: unknown where_prec code '9'" in one_said
    assert one_said.replace("/one/", "/two/") == two_said
    written = pq.read_table(two_layers / "ged.parquet")
    assert written.num_rows > 4 * BATCH  # several batches, both workers used
    assert written.equals(pq.read_table(one_layers / "ged.parquet"))
    assert (two_layers / "ged.parquet").read_bytes() == (one_layers / "ged.parquet").read_bytes()
    one_entry, two_entry = (
        json.loads((d / ".compiled" / "manifest.json").read_text())["layers"]["ged.parquet"]
        for d in (one_layers, two_layers)
    )
    assert one_entry == two_entry and one_entry["rows"] == written.num_rows


def test_a_bad_event_in_the_second_workers_batch_is_named_by_its_row(tmp_path, monkeypatch, capsys):
    header, rows = _rows()
    hidden = 36  # the row (1-based) whose event goes in batch 3: worker 2 of 2
    assert _batch_of_row(rows, hidden) % 2 == 1
    rows[hidden - 1]["where_description"] = f"Kunduz{BIDI} district"
    csv_path = _write(tmp_path / "ged231.csv", header, rows)
    code, layers = _import(tmp_path, csv_path, 2, monkeypatch)
    said = capsys.readouterr().out
    assert code == 0  # the row is skipped by its number, the others imported
    assert f"row {hidden}: skipped: title: hidden control characters U+202E" in said
    assert "; place: hidden control characters U+202E" in said
    written = pq.read_table(layers / "ged.parquet", columns=["id"])["id"].to_pylist()
    assert f"ucdp-ged-{rows[hidden - 1]['id']}" not in written
    assert len(written) > 4 * BATCH and not list(layers.glob(".ged*"))


def test_strict_refuses_before_any_worker_writes(tmp_path, monkeypatch, capsys):
    header, rows = _rows()
    rows[37]["where_prec"] = "9"  # row 38
    csv_path = _write(tmp_path / "ged231.csv", header, rows)
    code, layers = _import(tmp_path, csv_path, 2, monkeypatch, "--strict")
    assert code == 1
    assert "row 38: skipped: unknown where_prec code '9'" in capsys.readouterr().err
    assert not (layers / "ged.parquet").exists() and not list(layers.glob(".ged*"))
    assert not (tmp_path / "data").exists() or not list((tmp_path / "data").glob("*.csv"))


def test_a_batch_a_worker_cannot_check_is_an_error_not_a_hang(tmp_path):
    job = PartJob("ged", tmp_path / "ged.parquet", "GED", ctx=None)  # type: ignore[arg-type]
    with pytest.raises(AttributeError):  # the worker's own error, raised here
        list(compile_parts(job, [[{"type": "Feature"}], [{"type": "Feature"}]], 2))
    with Workers(job, 1) as pool:
        pool.procs[0].kill()
        with pytest.raises(RuntimeError, match="an import worker stopped"):
            pool.result(0)


def test_the_worker_count_is_read_and_checked():
    assert import_workers({}) == 1  # one process unless asked
    assert import_workers({"ATLAS_IMPORT_WORKERS": "3"}) == 3
    for bad in ("0", "-2", "two", "65"):
        with pytest.raises(ValueError, match="ATLAS_IMPORT_WORKERS"):
            import_workers({"ATLAS_IMPORT_WORKERS": bad})
