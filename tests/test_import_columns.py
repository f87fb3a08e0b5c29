"""An import's events checked a column at a time (`geo/store/fresh.py`) compile to exactly
what the per-row checks (pydantic's `EventFeature` and `check_feature`, one event at a
time) make of them: the per-row path is the oracle here, on mapped UCDP and ACLED rows
and on hostile variants of them, each of which must end up with the same problems, the
same kept rows and the same compiled table either way."""

from __future__ import annotations

import copy
import csv
import functools
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bench.generate import write_csv
from geo.border import BorderIndex, build_index
from geo.context import Context, load_context
from geo.importers.__main__ import main as import_main
from geo.importers.border_fields import _measured, add_border_fields
from geo.io import read_json
from geo.published import acled, ucdp
from geo.published._rows import Meta, alias_index
from geo.published.folder import parse_table
from geo.published.rows import map_rows
from geo.store import FileStore
from geo.store.fresh import proven
from geo.store.parts import Part, PartJob, compile_checked, compile_part
from geo.vocab import load_actors
from tests.helpers.data import LAYERS, ROOT, SEEDS, copy_layers

ACLED = ROOT / "tests" / "fixtures" / "acled" / "acled_export_fixture.csv"
UCDP = ROOT / "data" / "ucdp_ged231_sample_afg_tjk.csv"


@functools.cache
def _index() -> BorderIndex:
    border, _ = read_json(LAYERS / "border.geojson")
    boundaries, _ = read_json(LAYERS / "boundaries.geojson")
    return build_index(border, boundaries)


@functools.cache
def _ctx() -> Context:
    return load_context(SEEDS)


def _mapped(csv: Path, dataset: str) -> list[dict[str, Any]]:
    _, rows = parse_table(csv.read_bytes())
    meta = Meta(dataset, "test 1", "a licence", csv.name)
    mapped = map_rows(rows, meta, alias_index(dict(load_actors())))
    add_border_fields(mapped, _index())
    return mapped.features


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    generated = write_csv(600, tmp_path_factory.mktemp("gen") / "generated_ged.csv")
    found = _mapped(generated, ucdp.DATASET) + _mapped(UCDP, ucdp.DATASET)
    return found + _mapped(ACLED, acled.DATASET)


def _job() -> PartJob:
    return PartJob("imported", Path("imported.parquet"), "Imported", _ctx(), fresh=True)


def _same(fast: Part, slow: Part) -> None:
    assert fast.problems == slow.problems
    assert fast.ids == slow.ids
    assert fast.table.schema == slow.table.schema
    assert fast.table.to_pylist() == slow.table.to_pylist()


def test_mapped_rows_are_proven_and_compile_as_the_per_row_checks_compile_them(events):
    assert len(events) > 600 and proven(events).all()  # else the columns would check nothing
    fast = compile_part(_job(), events)
    _same(fast, compile_checked(_job(), events, None))
    assert len(fast.ids) == len(events) and not fast.problems


Change = Callable[[dict[str, Any]], Any]


def _props(key: str, value: Any) -> Change:
    return lambda raw: raw["properties"].__setitem__(key, value)


def _record(key: str, value: Any) -> Change:
    return lambda raw: raw["properties"]["dataset"].__setitem__(key, value)


def _point(lon: Any, lat: Any = 37.0) -> Change:
    return lambda raw: raw["geometry"].__setitem__("coordinates", [lon, lat])


def _both(*changes: Change) -> Change:
    return lambda raw: [change(raw) for change in changes]


LONG = "x" * 20_001
CHANGES: dict[str, Change] = {
    "empty title": _props("title", ""),
    "long title": _props("title", LONG),
    "bidi title": _props("title", "Attack \u202ein Kunduz"),
    "summary null": _props("summary", None),
    "place a number": _props("place", 5),
    "invisible place": _props("place", "Kun\u200bduz"),
    "upper id": _props("id", "UCDP-1"),
    "id a list": _props("id", ["ucdp-ged-1"]),
    "long id": _props("id", "a" * 121),
    "arabic digit id": _props("id", "ucdp-ged-\u0661"),
    "id with newline": _props("id", "ucdp-ged-1\n"),
    "unknown type": _props("event_type", "Battle"),
    "proposed": _props("status", "proposed"),
    "unknown status": _props("status", "bogus"),
    "no such day": _props("date_start", "2023-02-30"),
    "short date": _props("date_start", "2023-1-5"),
    "end before start": _both(_props("date_start", "2023-05-02"), _props("date_end", "2023-05-01")),
    "wide day": _both(
        _props("date_start", "2023-05-01"),
        _props("date_end", "2023-05-03"),
        _props("date_precision", "day"),
    ),
    "year span": _both(
        _props("date_start", "2020-01-01"),
        _props("date_end", "2021-06-01"),
        _props("date_precision", "year"),
    ),
    "unknown precision": _props("date_precision", "unknown"),
    "no date text": _props("date_text", ""),
    "date text null": _props("date_text", None),
    "hidden date note": _props("date_note", "\u2066x"),
    "date note number": _props("date_note", 5),
    "actor twice": _props("actors", ["Taleban", "Taleban"]),
    "actor a number": _props("actors", ["Taleban", 3]),
    "actors a string": _props("actors", "Taleban"),
    "hidden actor": _props("actors", ["\u200bTaleban"]),
    "negative toll": _props("fatalities", -1),
    "float toll": _props("fatalities", 2.0),
    "true toll": _props("fatalities", True),
    "text injured": _props("injured", "3"),
    "lower country": _props("country", "afg"),
    "no country, exact": _both(
        _props("country", None), _props("geo_precision", 1), _props("uncertainty", None)
    ),
    "no country, vague": _both(
        _props("country", None),
        _props("geo_precision", 3),
        _props("uncertainty", {"shape": "circle", "radius_km": 100}),
        _props("location_note", "somewhere"),
    ),
    "outside Uzbekistan": _both(_props("country", "UZB"), _point(62.0, 36.0)),
    "inside Uzbekistan": _both(_props("country", "UZB"), _point(66.0, 39.0)),
    "unknown country": _props("country", "XYZ"),
    "precision 0": _props("geo_precision", 0),
    "precision 4": _props("geo_precision", 4),
    "precision true": _props("geo_precision", True),
    "precision 2.0": _props("geo_precision", 2.0),
    "vague, no note": _both(_props("geo_precision", 2), _props("location_note", None)),
    "vague, no area": _both(
        _props("geo_precision", 2), _props("uncertainty", None), _props("location_note", "near")
    ),
    "zero radius": _props("uncertainty", {"shape": "circle", "radius_km": 0}),
    "wide radius": _props("uncertainty", {"shape": "circle", "radius_km": 501}),
    "true radius": _props("uncertainty", {"shape": "circle", "radius_km": True}),
    "nan radius": _props("uncertainty", {"shape": "circle", "radius_km": math.nan}),
    "lower area country": _props("uncertainty", {"shape": "country", "iso_a3": "afg"}),
    "border band": _props("uncertainty", {"shape": "border", "radius_km": 5}),
    "area extra": _props("uncertainty", {"shape": "circle", "radius_km": 5, "x": 1}),
    "negative distance": _props("border_distance_km", -1),
    "text distance": _props("border_distance_km", "1"),
    "nan distance": _props("border_distance_km", math.nan),
    "huge distance": _props("border_distance_km", 10**400),
    "lower side": _props("border_side", "tj"),
    "other dataset": _record("dataset", "GDELT"),
    "no version": _record("version", ""),
    "licence a number": _record("licence", 3),
    "file with space": _record("file", "a b.csv"),
    "not a csv": _record("file", "x.txt"),
    "row 0": _record("row", 0),
    "row true": _record("row", True),
    "no row id": _record("row_id", ""),
    "long row id": _record("row_id", "1" * 65),
    "long cite": _record("cites", {"source_article": LONG}),
    "cite a number": _record("cites", {"source_article": 1}),
    "float code": _record("codes", {"best": 1.5}),
    "list code": _record("codes", {"best": [1]}),
    "extra property": _props("foo", "bar"),
    "no summary": lambda raw: raw["properties"].pop("summary"),
    "no sub type": lambda raw: raw["properties"].pop("sub_event_type"),
    "three coordinates": lambda raw: raw["geometry"]["coordinates"].append(5.0),
    "text longitude": _point("70.1"),
    "nan longitude": _point(math.nan),
    "huge longitude": _point(10**400),
    "longitude 200": _point(200.0),
    "swapped": _point(37.0, 70.0),
    "true longitude": _point(True),
    "multipoint": lambda raw: raw["geometry"].__setitem__("type", "MultiPoint"),
    "feature id": lambda raw: raw.__setitem__("id", 5),
    "properties null": lambda raw: raw.__setitem__("properties", None),
    "hidden sub type": _props("sub_event_type", "\u202aAttack"),
    "lone surrogate": _props("summary", "broken \ud800 text"),
}


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_a_hostile_event_compiles_as_the_per_row_checks_compile_it(events, name):
    batch = copy.deepcopy(events[:40])
    CHANGES[name](batch[7])
    shown = proven(batch)
    assert shown[:7].all() and shown[8:].all()
    fast = compile_part(_job(), batch)
    _same(fast, compile_checked(_job(), batch, None))
    if shown[7]:  # proven: the per-row checks must agree it is valid
        assert batch[7]["properties"]["id"] in fast.ids and not fast.problems


def test_a_row_that_is_no_feature_at_all_is_named_as_before(events):
    batch = [*copy.deepcopy(events[:5]), "not a feature", None, [1, 2]]
    _same(compile_part(_job(), batch), compile_checked(_job(), batch, None))


def test_a_repeated_id_is_named_as_before(events):
    batch = copy.deepcopy(events[:6])
    batch[4]["properties"]["id"] = batch[1]["properties"]["id"]
    fast = compile_part(_job(), batch)
    _same(fast, compile_checked(_job(), batch, None))
    assert any("duplicate id" in p.message for p in fast.problems)


def _hostile_sample(tmp_path: Path) -> Path:
    """The UCDP sample with row 5 citing an article over the 20,000-character limit and
    row 9's place holding a right-to-left override."""
    with UCDP.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows, columns = list(reader), list(reader.fieldnames or [])
    rows[4]["source_article"] = "x" * 20_001
    rows[8]["where_description"] = "Kunduz \u202e district"
    out = tmp_path / "ged231_hostile.csv"
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return out


def _run_import(tmp_path: Path, out: str, *extra: str) -> int:
    layers, data = tmp_path / "layers", tmp_path / "data"
    if not layers.exists():
        copy_layers(layers, compiled=False)
    csv_path = _hostile_sample(tmp_path)
    args = ["ucdp", str(csv_path), "--out", str(layers / out), "--layers", str(layers)]
    return import_main([*args, "--data", str(data), "--seeds", str(SEEDS), *extra])


ROW_5 = "row 5: skipped: dataset.cites.source_article: String should have at most 20000 characters"
ROW_9 = "row 9: skipped: title: hidden control characters U+202E"


@pytest.mark.parametrize("out", ["ucdp.parquet", "ucdp.geojson"])
def test_a_row_whose_event_fails_is_skipped_by_its_csv_row_and_the_rest_imported(
    tmp_path, capsys, out
):
    assert _run_import(tmp_path, out) == 0
    said = capsys.readouterr().out
    assert ROW_5 in said and ROW_9 in said
    assert "(rows of ged231_hostile.csv count the records after the header" in said
    snap = FileStore(tmp_path / "layers", SEEDS, tmp_path / "data").snapshot()
    rows = {
        snap.features[fid].properties.dataset.row  # type: ignore[union-attr]
        for fid in snap.frame.loc[snap.frame["layer"] == "ucdp", "id"]
    }
    assert rows and 5 not in rows and 9 not in rows and {4, 6, 8, 10} <= rows


def test_strict_names_the_failed_rows_and_writes_nothing(tmp_path, capsys):
    assert _run_import(tmp_path, "ucdp.parquet", "--strict") == 1
    said = capsys.readouterr().err
    assert ROW_5 in said and ROW_9 in said and "--strict: nothing was written" in said
    assert not (tmp_path / "layers" / "ucdp.parquet").exists()


def test_each_distinct_point_measured_once_gives_every_point_its_own_measure(events):
    lons = np.array([f["geometry"]["coordinates"][0] for f in events] * 2)
    lats = np.array([f["geometry"]["coordinates"][1] for f in events] * 2)
    assert len(np.unique(np.column_stack([lons, lats]), axis=0)) < len(lons) / 2
    kms, sides = _measured(_index(), lons, lats)
    direct = _index().distances_km(lons, lats)
    assert np.array_equal(kms, direct)
    assert sides == _index().sides(lons, lats, direct)


def test_rows_released_while_mapped_map_as_rows_kept():
    _, rows = parse_table(UCDP.read_bytes())
    meta, aliases = Meta(ucdp.DATASET, "1", "l", UCDP.name), alias_index(dict(load_actors()))
    kept = map_rows(rows, meta, aliases)
    released = map_rows(rows, meta, aliases, release=True)
    assert released == kept and len(kept.features) > 100
    assert len(rows) == 137 and not any(rows)  # each row let go of once mapped
