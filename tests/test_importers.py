"""UCDP GED and ACLED importers: every field of every row, bad rows, provenance checks."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from geo.dataset import load_dataset
from geo.importers.__main__ import main
from geo.published.folder import MANIFEST
from geo.published.ucdp import WHERE_PREC
from geo.view.panel import build_panel
from tests.helpers.data import SEEDS, copy_layers, read_layer, write_layer

ROOT = Path(__file__).resolve().parent.parent
UCDP = ROOT / "data" / "ucdp_ged231_sample_afg_tjk.csv"
UCDP_GLOBAL = ROOT / "tests" / "fixtures" / "ucdp_ged231_sample1000_uncertainUCDP.csv"
ACLED = ROOT / "tests" / "fixtures" / "acled" / "acled_export_fixture.csv"
# UCDP's own words (GED codebook) for how sure each row's date is -> the widest interval.
UCDP_DATE_SPAN = {1: 0, 2: 6, 3: 6, 4: 30, 5: 365}
VIOLENCE_TYPE = {1: "Battles", 2: "Battles", 3: "Violence against civilians"}


@pytest.fixture
def place(tmp_path: Path) -> dict[str, Path]:
    """A layers copy (references and curated events) and an empty data folder."""
    layers = tmp_path / "layers"
    copy_layers(layers)
    return {"layers": layers, "data": tmp_path / "data", "tmp": tmp_path}


def run(place: dict[str, Path], kind: str, csv_path: Path, name: str, *extra: str) -> int:
    out = place["layers"] / f"{name}.geojson"
    args = [kind, str(csv_path), "--out", str(out), "--layers", str(place["layers"])]
    return main([*args, "--data", str(place["data"]), "--seeds", str(SEEDS), *extra])


def imported(place: dict[str, Path], name: str) -> dict[str, dict[str, Any]]:
    data = read_layer(place["layers"] / f"{name}.geojson")
    return {f["properties"]["dataset"]["row_id"]: f for f in data["features"]}


def test_every_ucdp_row_arrives_as_documented(place, capsys):
    assert run(place, "ucdp", UCDP, "ucdp") == 0
    assert "imported 137 events, skipped 0 rows" in capsys.readouterr().out
    events = imported(place, "ucdp")
    rows = pd.read_csv(UCDP, dtype=str, keep_default_na=False)
    assert len(events) == len(rows) == 137
    for number, row in enumerate(rows.to_dict("records"), start=1):
        _check_ucdp_row(events[row["id"]], row, number)


def _check_ucdp_row(feat: dict[str, Any], row: dict[str, str], number: int) -> None:
    p, record = feat["properties"], feat["properties"]["dataset"]
    assert feat["geometry"]["coordinates"] == [float(row["longitude"]), float(row["latitude"])]
    assert p["id"] == f"ucdp-ged-{row['id']}"
    assert (p["date_start"], p["date_end"]) == (row["date_start"], row["date_end"])
    span = (pd.Timestamp(p["date_end"]) - pd.Timestamp(p["date_start"])).days
    assert span <= UCDP_DATE_SPAN[int(row["date_prec"])]
    assert str(row["date_prec"]) in p["date_note"]
    precision, radius, _ = WHERE_PREC[int(row["where_prec"])]
    assert p["geo_precision"] == precision
    if precision > 1:
        expected = {"shape": "country", "iso_a3": p["country"]} if radius is None else {
            "shape": "circle", "radius_km": radius}  # fmt: skip
        assert p["uncertainty"] == expected
        assert f"where_prec {row['where_prec']}" in p["location_note"]
    assert p["fatalities"] == int(row["best"])
    assert (record["codes"]["low"], record["codes"]["high"]) == (int(row["low"]), int(row["high"]))
    assert p["event_type"] == VIOLENCE_TYPE[int(row["type_of_violence"])]
    assert record["codes"]["code_status"] == row["code_status"]
    _check_ucdp_actors(p["actors"], row)
    cited = {k: row[k] for k in ("source_article", "source_headline", "source_office",
                                 "source_date", "source_original") if row[k]}  # fmt: skip
    assert record["cites"] == cited
    assert (record["dataset"], record["version"], record["row"]) == ("UCDP GED", "23.1", number)
    assert record["licence"].startswith("CC BY 4.0")
    assert record["file"] == UCDP.name


def _check_ucdp_actors(actors: list[str], row: dict[str, str]) -> None:
    renamed = {"Taleban": "Taliban"}  # the vocabulary lists UCDP's spelling as an alias
    expected = [renamed.get(row[k], row[k]) for k in ("side_a", "side_b")]
    # Matched to the vocabulary where an alias matches, kept as UCDP names them otherwise.
    assert len(actors) == len(set(expected))
    for got, named in zip(actors, dict.fromkeys(expected), strict=True):
        assert got == named or named in _aliases(got), (got, named)


def _aliases(actor: str) -> set[str]:
    vocab = json.loads((ROOT / "geo" / "vocab" / "actors.json").read_text(encoding="utf-8"))
    entry = next((a for a in vocab["actors"] if a["name"] == actor), None)
    return {x for group in (entry or {"aliases": {}})["aliases"].values() for x in group}


def test_reimporting_the_same_file_is_idempotent(place):
    assert run(place, "ucdp", UCDP, "ucdp") == 0
    first = (place["layers"] / "ucdp.geojson").read_bytes()
    manifest = (place["data"] / MANIFEST).read_bytes()
    assert run(place, "ucdp", UCDP, "ucdp") == 0
    assert (place["layers"] / "ucdp.geojson").read_bytes() == first
    assert (place["data"] / MANIFEST).read_bytes() == manifest


def test_imported_layer_loads_beside_the_curated_ones(place):
    assert run(place, "ucdp", UCDP, "ucdp") == 0
    data = load_dataset(place["layers"], SEEDS, place["data"])
    assert data.problems == ()
    assert len(data.features) == 137 + 39
    panel = build_panel("ucdp-ged-133925", data)
    assert "What UCDP GED 23.1 cites" in panel.dataset
    assert "Tass news agency" in panel.dataset  # source_original of row 1
    assert panel.sources == ()


def test_the_global_sample_keeps_the_region_and_names_each_skipped_row(place, capsys):
    assert run(place, "ucdp", UCDP_GLOBAL, "global") == 0
    out = capsys.readouterr().out
    events = imported(place, "global")
    total = sum(1 for _ in csv.DictReader(UCDP_GLOBAL.open(encoding="utf-8")))
    summary = out.strip().splitlines()[-1]
    assert f"imported {len(events)} events, skipped {total - len(events)} rows" in summary
    assert "outside the Tajikistan–Afghanistan region" in out
    precisions = {f["properties"]["dataset"]["codes"]["where_prec"] for f in events.values()}
    assert {1, 2, 3, 4, 5, 6} <= precisions  # the codes the Afghan rows alone lack
    assert all(60 <= f["geometry"]["coordinates"][0] <= 75.5 for f in events.values())


ACLED_SKIPPED = {
    4: "no coordinates",
    5: "event_date 'sometime in spring' is not a date",
    6: "look swapped",
    7: "outside the Tajikistan–Afghanistan region",
    8: "unknown event_type 'Alien landing'",
    9: "unknown geo_precision code '9'",
    10: "repeats an earlier row",
    11: "unknown time_precision code '0'",
    12: "fatalities 'several' is not a number",
}


def test_acled_bad_rows_are_named_by_number_and_reason(place, capsys):
    assert run(place, "acled", ACLED, "acled") == 0
    lines = capsys.readouterr().out.splitlines()
    for number, reason in ACLED_SKIPPED.items():
        assert any(line.startswith(f"row {number}: skipped: ") and reason in line
                   for line in lines), (number, lines)  # fmt: skip
    assert "imported 3 events, skipped 9 rows" in lines[-1]


@pytest.mark.parametrize(
    ("row_id", "expected"),
    [
        ("TJK9001", {"date_start": "2025-11-27", "date_end": "2025-11-27", "geo_precision": 2,
                     "fatalities": 5, "event_type": "Violence against civilians",
                     "uncertainty": {"shape": "circle", "radius_km": 25}, "country": "TJK"}),
        ("AFG9002", {"date_start": "2024-03-09", "date_end": "2024-03-15",
                     "date_precision": "week", "geo_precision": 1, "fatalities": 3,
                     "actors": ["Taliban", "Militia (Pro-Government)", "Border Police",
                                "National Resistance Front"], "country": "AFG"}),
        ("AFG9003", {"date_start": "2024-06-01", "date_end": "2024-06-30",
                     "date_precision": "month", "geo_precision": 3, "event_type": "Protests",
                     "uncertainty": {"shape": "circle", "radius_km": 100}, "fatalities": 0}),
    ],
)  # fmt: skip
def test_acled_rows_map_as_documented(place, row_id, expected):
    assert run(place, "acled", ACLED, "acled") == 0
    feat = imported(place, "acled")[row_id]
    props = feat["properties"]
    assert {k: props[k] for k in expected} == expected
    record = props["dataset"]
    assert record["dataset"] == "ACLED" and record["version"].startswith("export of ")
    assert "may not be redistributed" in record["licence"]
    assert record["cites"]["source"] == "Invented Outlet"
    assert props["id"] == f"acled-{row_id.lower()}"


def test_a_dataset_event_and_a_curated_one_are_linked_both_ways(place):
    assert run(place, "acled", ACLED, "acled") == 0
    data = load_dataset(place["layers"], SEEDS, place["data"])
    curated = "attack-workers-chinese-tajik-company-2025-11-27"
    assert data.matches["acled-tjk9001"] == (curated,)
    assert "acled-tjk9001" in data.matches[curated]
    targets = [link.target_id for link in build_panel(curated, data).related]
    assert "acled-tjk9001" in targets


def _tamper(path: Path, row_id: str, **changes: Any) -> None:
    data = read_layer(path)
    for feat in data["features"]:
        if feat["properties"]["dataset"]["row_id"] == row_id:
            feat["properties"].update(changes)
    write_layer(path, data)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ("fatalities", "fatalities differs from row 1 of ucdp_ged231_sample_afg_tjk.csv"),
        # The panel shows these as the dataset's words: an edit is caught too.
        ("date_text", "date_text differs from row 1"),
        ("location_note", "location_note differs from row 1"),
        ("csv", "has changed since it was imported"),
        ("manifest", "is not listed in"),
        ("row", "has no row 999"),
    ],
)
def test_an_imported_event_its_row_does_not_back_is_dropped_and_named(place, change, words):
    assert run(place, "ucdp", UCDP, "ucdp") == 0
    layer, csv_copy = place["layers"] / "ucdp.geojson", place["data"] / UCDP.name
    if change == "fatalities":
        _tamper(layer, "133925", fatalities=300)
    elif change in ("date_text", "location_note"):
        _tamper(layer, "133925", **{change: "edited by hand"})
    elif change == "csv":
        csv_copy.write_bytes(csv_copy.read_bytes().replace(b"Kandahar town", b"Kabul town", 1))
    elif change == "manifest":
        (place["data"] / MANIFEST).write_text('{"files": []}', encoding="utf-8")
    else:
        data = read_layer(layer)
        data["features"][0]["properties"]["dataset"]["row"] = 999
        write_layer(layer, data)
    data = load_dataset(place["layers"], SEEDS, place["data"])
    blamed = [p for p in data.problems if p.feature == "ucdp-ged-133925"]
    assert blamed and words in blamed[0].message and blamed[0].field == "dataset"
    assert "ucdp-ged-133925" not in data.features
    assert len(data.features) >= 39  # the curated events still load


def test_a_file_that_is_not_the_dataset_writes_nothing(place, capsys):
    assert run(place, "ucdp", ACLED, "wrong") == 1
    assert "not a UCDP GED file, missing columns" in capsys.readouterr().err
    assert not (place["layers"] / "wrong.geojson").exists()
    assert not place["data"].exists()


def test_non_utf8_csv_is_refused(place, capsys):
    bad = place["tmp"] / "bad.csv"
    bad.write_bytes(UCDP.read_bytes()[:2000] + b"\xff\xfe")
    assert run(place, "ucdp", bad, "bad", "--version", "23.1") == 1
    assert "not UTF-8" in capsys.readouterr().err


def _rewrite(src: Path, dst: Path, change) -> Path:
    """A copy of a dataset CSV with each row (a list of cells) passed through change."""
    with src.open(encoding="utf-8", newline="") as f:
        header, *rows = list(csv.reader(f))
    with dst.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *(change(i, row, header) for i, row in enumerate(rows))])
    return dst


def _garbage_dates(_i: int, row: list[str], header: list[str]) -> list[str]:
    row[header.index("date_start")] = "garbage"
    return row


def test_a_file_with_no_importable_row_writes_nothing(place, capsys):
    bad = _rewrite(UCDP, place["tmp"] / "ged231_all_bad.csv", _garbage_dates)
    assert run(place, "ucdp", bad, "all_bad") == 1
    err = capsys.readouterr().err
    assert "none of its 137 rows could be imported: nothing was written" in err
    assert "row 1 is the first" in err
    assert "row 1: skipped: date_start 'garbage' is not a date" in err
    assert not (place["layers"] / "all_bad.geojson").exists()
    assert not place["data"].exists()  # the CSV is kept only when its events are written


def test_strict_refuses_a_file_with_any_skipped_row(place, capsys):
    assert run(place, "acled", ACLED, "acled", "--strict") == 1
    err = capsys.readouterr().err
    assert "9 rows skipped and --strict: nothing was written" in err
    assert "row 4: skipped: no coordinates" in err
    assert not (place["layers"] / "acled.geojson").exists()
    assert run(place, "ucdp", UCDP, "ucdp", "--strict") == 0  # no bad row: written


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda row: row[:-1], "has 48 cells, but the header has 49 columns"),
        (lambda row: [*row, "extra"], "has 50 cells, but the header has 49 columns"),
        (lambda row: row[:3], "has 3 cells, but the header has 49 columns"),
        (lambda row: [*row, "", " "], None),  # empty cells past the end shift nothing
    ],
)
def test_a_row_of_the_wrong_width_is_named_as_such(place, capsys, change, reason):
    with UCDP.open(encoding="utf-8", newline="") as f:
        assert len(next(csv.reader(f))) == 49  # the published GED layout
    shifted = _rewrite(
        UCDP, place["tmp"] / "ged231_shifted.csv", lambda i, row, _h: change(row) if i == 4 else row
    )
    assert run(place, "ucdp", shifted, "shifted") == 0
    out = capsys.readouterr().out
    if reason is None:
        assert "imported 137 events, skipped 0 rows" in out
        return
    assert f"row 5: skipped: {reason}" in out
    assert "row 1 is the first" in out
    assert "imported 136 events, skipped 1 rows" in out


def test_the_benchmarks_generated_rows_all_import(place, capsys):
    """bench/generate.py promises rows the importer keeps, none placed across the border."""
    from bench.generate import write_csv

    generated = write_csv(3_000, place["tmp"] / "generated.csv", seed=11)
    assert run(place, "ucdp", generated, "generated", "--version", "bench", "--strict") == 0
    assert "imported 3000 events, skipped 0 rows" in capsys.readouterr().out
    events = imported(place, "generated")
    assert {f["properties"]["country"] for f in events.values()} == {"AFG", "TJK"}
