"""Importing into a GeoParquet layer: validated once into its compiled form, read as it is
at the next start, checked again (its dataset rows included) when an input changes, and
never written over another dataset's layer."""

from __future__ import annotations

from pathlib import Path

import geopandas
import pytest

import geo.store.snapshot as snapshot_module
from geo.importers.__main__ import main as import_main
from geo.store import FileStore
from tests.helpers.data import ROOT, SEEDS, copy_layers

ACLED = ROOT / "tests" / "fixtures" / "acled" / "acled_export_fixture.csv"
UCDP = ROOT / "data" / "ucdp_ged231_sample_afg_tjk.csv"


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path, Path]:
    layers, data = tmp_path / "layers", tmp_path / "data"
    copy_layers(layers, compiled=False)
    return layers, SEEDS, data


def _import(dirs, csv: Path, out: str, *extra: str, kind: str = "acled") -> int:
    layers, seeds, data = dirs
    args = [kind, str(csv), "--out", str(layers / out), "--layers", str(layers)]
    return import_main([*args, "--data", str(data), "--seeds", str(seeds), *extra])


def test_an_imported_parquet_layer_is_read_as_it_is(dirs, monkeypatch):
    assert _import(dirs, ACLED, "acled.parquet") == 0
    layers = dirs[0]
    assert not (layers / "acled.geojson").exists()
    compiled: list[str] = []
    real = snapshot_module.recompile_import
    monkeypatch.setattr(
        snapshot_module, "recompile_import", lambda *a, **k: compiled.append(a[1]) or real(*a, **k)
    )
    snap = FileStore(*dirs).snapshot()
    assert compiled == []
    imported = snap.frame[snap.frame["layer"] == "acled"]
    assert len(imported) == 3 and not snap.problems
    feat = snap.features[imported["id"].iloc[0]]
    assert feat.properties.dataset is not None and feat.properties.dataset.dataset == "ACLED"
    opened = geopandas.read_parquet(layers / "acled.parquet")
    assert sorted(opened["id"]) == sorted(imported["id"])
    assert FileStore(*dirs).audit()[-1]["action"] == "import"


def test_a_changed_dataset_file_is_caught_in_a_parquet_layer(dirs):
    assert _import(dirs, ACLED, "acled.parquet") == 0
    kept = next(dirs[2].glob("*.csv"))
    kept.write_bytes(kept.read_bytes().replace(b"Tajikistan", b"Tadjikistan"))
    snap = FileStore(*dirs).snapshot()
    assert (snap.frame["layer"] == "acled").sum() < 3
    assert any(p.file == "acled.parquet" and p.field == "dataset" for p in snap.problems)


def test_a_parquet_layer_of_another_dataset_is_never_written_over(dirs):
    assert _import(dirs, ACLED, "events.parquet") == 0
    before = (dirs[0] / "events.parquet").read_bytes()
    assert _import(dirs, UCDP, "events.parquet", kind="ucdp") == 1
    assert (dirs[0] / "events.parquet").read_bytes() == before


def test_a_file_that_is_no_atlas_layer_is_named_not_shown(dirs):
    (dirs[0] / "junk.parquet").write_bytes(b"PAR1 not really")
    snap = FileStore(*dirs).snapshot()
    assert any(p.file == "junk.parquet" for p in snap.problems)
    assert "junk" not in set(snap.frame["layer"])
    assert len(snap.frame) > 0


def test_strict_refuses_a_parquet_import_with_a_skipped_row_and_writes_nothing(dirs):
    layers, _, data = dirs
    assert _import(dirs, ACLED, "acled.parquet", "--strict") == 1  # the fixture skips rows
    assert not (layers / "acled.parquet").exists()
    assert not list(layers.glob(".acled*"))
    assert not data.exists() or not list(data.glob("*.csv"))
