"""What `atlas-import` may write (issue 26): never a reference layer or another's events,
never an id another layer holds, never a layer the app would refuse; the CSV copied into
`data/` atomically, and a copy a crash cut short replaced; a huge cell and a header-only
file named in words, with no traceback. One case runs the installed command; the others
call its `main` in this process, with the same arguments, environment and working folder.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import write_csv
from geo.importers.__main__ import main as import_main
from geo.published.folder import MANIFEST
from tests.helpers.data import ROOT, SEEDS, copy_layers, read_layer

ACLED = ROOT / "tests" / "fixtures" / "acled" / "acled_export_fixture.csv"
UCDP = ROOT / "data" / "ucdp_ged231_sample_afg_tjk.csv"
COMMAND = Path(sys.executable).parent / "atlas-import"


@pytest.fixture
def place(tmp_path: Path) -> dict[str, Path]:
    """A layers copy (references and curated events) and an empty data folder."""
    layers = tmp_path / "layers"
    copy_layers(layers)
    return {"layers": layers, "data": tmp_path / "data", "tmp": tmp_path}


def _args(place: dict[str, Path], kind: str, csv_path: Path, out: str, *extra: str) -> list[str]:
    args = [kind, str(csv_path), "--out", str(place["layers"] / out)]
    args += ["--layers", str(place["layers"]), "--data", str(place["data"])]
    return [*args, "--seeds", str(SEEDS), *extra]


def atlas_import(
    place: dict[str, Path], kind: str, csv_path: Path, out: str, *extra: str, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run `atlas-import`'s main on the scratch folders, as the command would: its own
    environment and working folder, its printed lines captured, its exit status returned."""
    args = _args(place, kind, csv_path, out, *extra)
    out_text, err_text = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        patch.chdir(place["tmp"])
        with contextlib.redirect_stdout(out_text), contextlib.redirect_stderr(err_text):
            code = import_main(args)
    return subprocess.CompletedProcess(args, code, out_text.getvalue(), err_text.getvalue())


def installed_import(
    place: dict[str, Path], kind: str, csv_path: Path, out: str, *extra: str
) -> subprocess.CompletedProcess[str]:
    """Run the installed `atlas-import` command itself."""
    return subprocess.run(
        [str(COMMAND), *_args(place, kind, csv_path, out, *extra)],
        cwd=place["tmp"],
        capture_output=True,
        text=True,
        timeout=300,
    )


def refused(done: subprocess.CompletedProcess[str], *words: str) -> str:
    said = done.stdout + done.stderr
    assert done.returncode != 0, said
    assert "Traceback" not in said, said
    for word in words:
        assert word in said, said
    return said


def _copy_as(source: Path, place: dict[str, Path], name: str) -> Path:
    copy = place["tmp"] / name
    copy.write_bytes(source.read_bytes())
    return copy


@pytest.mark.parametrize("layer", ["incidents", "border", "boundaries"])
def test_out_never_replaces_a_curated_or_reference_layer(place, layer):
    before = (place["layers"] / f"{layer}.geojson").read_bytes()
    done = atlas_import(place, "acled", ACLED, f"{layer}.geojson")
    refused(done, "nothing was written" if layer == "incidents" else "reference layer")
    again = atlas_import(place, "acled", ACLED, f"{layer}.geojson", "--replace", layer)
    refused(again)
    assert (place["layers"] / f"{layer}.geojson").read_bytes() == before
    assert not (place["data"] / "acled_export_fixture.csv").exists()


def test_out_never_replaces_a_layer_marked_as_reference(place):
    marked = place["layers"] / "rivers.geojson"
    data = read_layer(place["layers"] / "border.geojson")
    marked.write_text(json.dumps(data), encoding="utf-8")
    done = atlas_import(place, "acled", ACLED, "rivers.geojson", "--replace", "rivers")
    refused(done, "atlas:reference")
    assert read_layer(marked) == data


def test_curated_events_are_named_when_refused(place):
    done = atlas_import(place, "ucdp", UCDP, "incidents.geojson", "--replace", "incidents")
    refused(done, "curated", "incidents.geojson")


def test_the_installed_command_imports_and_refuses_in_words(place):
    done = installed_import(place, "acled", ACLED, "acled.geojson")
    assert done.returncode == 0, done.stderr
    assert read_layer(place["layers"] / "acled.geojson")["features"]
    again = installed_import(place, "ucdp", UCDP, "incidents.geojson", "--replace", "incidents")
    refused(again, "curated", "incidents.geojson")


def test_another_datasets_layer_is_never_replaced(place):
    assert atlas_import(place, "ucdp", UCDP, "mixed.geojson").returncode == 0
    before = (place["layers"] / "mixed.geojson").read_bytes()
    done = atlas_import(place, "acled", ACLED, "mixed.geojson", "--replace", "mixed.geojson")
    refused(done, "UCDP GED from ucdp_ged231_sample_afg_tjk.csv")
    assert (place["layers"] / "mixed.geojson").read_bytes() == before


def test_another_file_of_the_same_dataset_replaces_only_with_replace(place):
    assert atlas_import(place, "acled", ACLED, "acled.geojson").returncode == 0
    before = (place["layers"] / "acled.geojson").read_bytes()
    newer = _copy_as(ACLED, place, "acled_newer_export.csv")
    refused(atlas_import(place, "acled", newer, "acled.geojson"), "--replace acled.geojson")
    assert (place["layers"] / "acled.geojson").read_bytes() == before
    done = atlas_import(place, "acled", newer, "acled.geojson", "--replace", "acled.geojson")
    assert done.returncode == 0, done.stderr
    files = {
        f["properties"]["dataset"]["file"]
        for f in read_layer(place["layers"] / "acled.geojson")["features"]
    }
    assert files == {"acled_newer_export.csv"}


def test_the_same_file_imported_again_needs_no_replace(place):
    assert atlas_import(place, "acled", ACLED, "acled.geojson").returncode == 0
    assert atlas_import(place, "acled", ACLED, "acled.geojson").returncode == 0


def test_ids_another_layer_holds_are_refused_and_named(place):
    assert atlas_import(place, "acled", ACLED, "acled.geojson").returncode == 0
    renamed = _copy_as(ACLED, place, "same_rows_other_name.csv")
    done = atlas_import(place, "acled", renamed, "acled_again.geojson")
    refused(done, "acled-tjk9001 (in acled.geojson)", "already in another layer")
    assert not (place["layers"] / "acled_again.geojson").exists()
    assert not (place["data"] / "same_rows_other_name.csv").exists()


def test_a_half_copy_left_by_a_crash_is_replaced(place):
    place["data"].mkdir()
    whole = ACLED.read_bytes()
    (place["data"] / ACLED.name).write_bytes(whole[: len(whole) // 2])  # killed mid-copy
    done = atlas_import(place, "acled", ACLED, "acled.geojson")
    assert done.returncode == 0, done.stderr
    assert (place["data"] / ACLED.name).read_bytes() == whole


def test_a_damaged_copy_of_a_listed_file_is_replaced(place):
    assert atlas_import(place, "acled", ACLED, "acled.geojson").returncode == 0
    kept = place["data"] / ACLED.name
    kept.write_bytes(kept.read_bytes()[:100])  # not what datasets.json records
    done = atlas_import(place, "acled", ACLED, "acled.geojson")
    assert done.returncode == 0, done.stderr
    assert kept.read_bytes() == ACLED.read_bytes()


def test_another_file_under_the_same_name_is_still_refused(place):
    place["data"].mkdir()
    (place["data"] / ACLED.name).write_text("someone else's notes\n", encoding="utf-8")
    refused(atlas_import(place, "acled", ACLED, "acled.geojson"), "rename the new file")
    assert (place["data"] / ACLED.name).read_text(encoding="utf-8") == "someone else's notes\n"


def test_the_copy_into_data_is_atomic(place, monkeypatch):
    """A crash before the rename leaves no file under the dataset's name, only the old state."""

    class Killed(BaseException):
        pass

    def crash(*_args: object) -> None:
        raise Killed

    monkeypatch.setattr(os, "replace", crash)
    args = ["acled", str(ACLED), "--out", str(place["layers"] / "acled.geojson")]
    args += ["--layers", str(place["layers"]), "--data", str(place["data"])]
    with pytest.raises(Killed):
        import_main([*args, "--seeds", str(SEEDS)])
    monkeypatch.undo()
    assert not (place["data"] / ACLED.name).exists()
    assert list(place["data"].iterdir()) == []  # the temporary file is gone too
    assert import_main([*args, "--seeds", str(SEEDS)]) == 0


def test_a_layer_over_the_size_limit_is_refused_before_writing(place):
    rows = write_csv(1500, place["tmp"] / "generated.csv", seed=3)
    done = atlas_import(
        place, "ucdp", rows, "generated.geojson", "--version", "bench", ATLAS_MAX_LAYER_MB="1"
    )
    refused(done, "over ATLAS_MAX_LAYER_MB (1 MB)", "nothing was written")
    assert not (place["layers"] / "generated.geojson").exists()
    assert not (place["data"] / "generated.csv").exists()
    done = atlas_import(place, "ucdp", rows, "generated.geojson", "--version", "bench")
    assert done.returncode == 0, done.stderr
    assert (place["layers"] / "generated.geojson").stat().st_size > 1024 * 1024


def test_a_bad_size_setting_is_named(place):
    refused(atlas_import(place, "acled", ACLED, "a.geojson", ATLAS_MAX_LAYER_MB="lots"), "lots")


def test_a_huge_field_is_named_without_a_traceback(place):
    with ACLED.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows[1]["notes"] = "x" * (5 * 1024 * 1024)
    huge = place["tmp"] / "acled_huge.csv"
    with huge.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    done = atlas_import(place, "acled", huge, "acled.geojson")
    refused(done, "row 2:", "longer than 131,072 characters", "nothing was written")


def test_a_header_only_file_is_named_as_such(place):
    header = ACLED.read_text(encoding="utf-8").splitlines()[0] + "\n"
    only = place["tmp"] / "acled_header_only.csv"
    only.write_text(header, encoding="utf-8")
    done = atlas_import(place, "acled", only, "acled.geojson")
    said = refused(done, "has a header but no rows")
    assert "missing columns" not in said


def test_an_empty_file_is_named_as_such(place):
    empty = place["tmp"] / "acled_empty.csv"
    empty.write_bytes(b"")
    refused(atlas_import(place, "acled", empty, "acled.geojson"), "is empty")


def test_the_manifest_lists_the_file_once_after_a_repair(place):
    place["data"].mkdir()
    (place["data"] / ACLED.name).write_bytes(ACLED.read_bytes()[:10])
    assert atlas_import(place, "acled", ACLED, "acled.geojson").returncode == 0
    listing = json.loads((place["data"] / MANIFEST).read_text(encoding="utf-8"))
    assert [e["file"] for e in listing["files"]] == [ACLED.name]
