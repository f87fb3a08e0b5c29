"""The map's modes (#25 item 2): wide areas instead of stand-in points, density cells,
provinces and districts, counted over the frame's columns, exact at 100,000 events."""

from __future__ import annotations

import json
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from shapely.geometry import shape

from geo import areas
from geo.view import modes as md
from geo.view import overview as ov
from geo.view.scripts import script_data
from geo.vocab import load_gazetteer
from tests.helpers.apptest import fake_map_click, html_blocks, map_args, map_event_ids, run_app
from tests.helpers.browser import EVENTS

WIDE = {"border", "border-side", "country"}


def _wide_ids() -> set[str]:
    return {e["id"] for e in EVENTS if (e.get("uncertainty") or {}).get("shape") in WIDE}


def _big(frame: pd.DataFrame, times: int = 2600) -> pd.DataFrame:
    big = pd.concat([frame] * times, ignore_index=True)
    rng = np.random.default_rng(1)
    big["lon"] = big["lon"] + rng.normal(0, 0.3, len(big)).round(2)
    big["lat"] = big["lat"] + rng.normal(0, 0.3, len(big)).round(2)
    return big


def test_wide_areas_count_each_band_side_and_country(data):
    found = {a.key: a.events for a in md.wide_areas(data.frame)}
    expected = Counter(
        ":".join(
            [
                e["uncertainty"]["shape"],
                e["uncertainty"].get("iso_a3") or "",
                f"{e['uncertainty'].get('radius_km') or 0:g}",
            ]
        )
        for e in EVENTS
        if e["id"] in _wide_ids()
    )
    assert sum(found.values()) == len(_wide_ids()) > 0
    assert sorted(found.values()) == sorted(expected.values())
    words = {a.key: a.words for a in md.wide_areas(data.frame)}
    assert (
        words["border-side:TJK:30"] == "anywhere along the border on the Tajik side (a 30 km band)"
    )


def test_density_counts_every_event_with_a_point_once(data):
    cells, breaks, km = md.density_cells(data.frame, 6, md.Measure.EVENTS)
    assert sum(c[4] for c in cells) == len(EVENTS) - len(_wide_ids())
    assert 30 < km < 80 and breaks[-1] == max(c[4] for c in cells)
    for south, west, north, east, *_ in cells:
        assert south < north and west < east


def test_density_and_areas_stay_exact_at_100000_events(data):
    big = _big(data.frame)
    cells, _, _ = md.density_cells(big, 7, md.Measure.KILLED)
    pointed = big[~md.wide_mask(big)]
    assert sum(c[4] for c in cells) == len(pointed)
    assert sum(c[5] for c in cells) == ov.totals(pointed, len(big)).killed
    assert sum(a.events for a in md.wide_areas(big)) == len(big) - len(pointed)


def test_provinces_hold_the_overview_counts(data):
    counts = md.area_counts(data.frame, data.frame, "admin1", md.Measure.EVENTS)
    chart = ov.by_area(data.frame, data.frame, "admin1")
    known = chart[chart["name"] != ov.NOT_KNOWN]
    assert counts == {
        n: (e, k) for n, e, k in zip(known["name"], known["events"], known["killed"], strict=True)
    }
    features, breaks = md.province_features(counts, md.Measure.EVENTS)
    names = {f["properties"]["atlas_area"] for f in features}
    assert len(features) == 39 and set(counts) <= names  # every counted province is drawn
    dushanbe = next(f for f in features if f["properties"]["atlas_area"] == "Dushanbe")
    assert dushanbe["properties"]["events"] == counts["Dushanbe"][0]
    assert dushanbe["properties"]["cls"] == len(breaks) - 1  # the most events: darkest


def test_every_province_name_of_the_geonames_extract_has_a_polygon():
    raw = json.loads((areas.VOCAB_DIR / areas.GEONAMES_EXTRACT).read_text(encoding="utf-8"))
    names = {areas.province_name(p["admin1"]) for p in raw["places"]}
    polygons = md.provinces()["features"]
    assert names <= {f["properties"]["name"] for f in polygons}
    for f in polygons:
        assert shape(f["geometry"]).is_valid, f["properties"]["name"]
    khatlon = next(f for f in polygons if f["properties"]["name"] == "Khatlon")
    assert shape(khatlon["geometry"]).contains(
        shape({"type": "Point", "coordinates": [69.0, 37.5]})
    )


def test_an_event_placed_only_in_a_province_counts_toward_it(data):
    khatlon = load_gazetteer()["khatlon"]
    row = data.frame.iloc[[0]].copy()
    row[["lon", "lat", "geo_precision", "country"]] = [khatlon.lon, khatlon.lat, 3, "TJK"]
    found = areas.derive_areas(row)
    assert found["admin1"].tolist() == ["Khatlon"] and found["admin2"].tolist() == [""]
    row["lon"] += 0.01  # not the province's own point: a region's stand-in, no province
    assert areas.derive_areas(row)["admin1"].tolist() == [""]


@pytest.mark.parametrize(
    ("place", "district"),
    [("farkhor-district", "Khatlon / Nohiyai Farkhor"),
     ("jayhun-district", "Khatlon / Qumsangir District"),  # through its former name
     ("darqad-district", "Takhar / Darqad")],
)  # fmt: skip
def test_an_event_placed_in_a_named_district_counts_toward_it(data, place, district):
    at = load_gazetteer()[place]
    row = data.frame.iloc[[0]].copy()
    row[["lon", "lat", "geo_precision", "country"]] = [at.lon, at.lat, 2, at.country]
    found = areas.derive_areas(row)
    assert found["admin2"].tolist() == [district]
    assert found["admin1"].tolist() == [district.split(" / ")[0]]
    row["geo_precision"] = 3  # a band or a side there: not the district's
    assert areas.derive_areas(row)["admin2"].tolist() == [""]
    row[["geo_precision", "lon"]] = [2, at.lon + 0.05]  # near some other point: not named
    assert areas.derive_areas(row)["admin2"].tolist() != [district]


def test_districts_are_drawn_at_their_seats_only(data):
    counts = md.area_counts(data.frame, data.frame, "admin2", md.Measure.EVENTS)
    rows, _breaks, missing = md.district_rows(counts, md.Measure.EVENTS)
    seats = md.district_seats()
    assert len(rows) + missing == len(counts) > 0
    for lat, lon, label, area, events, *_ in rows:
        assert seats[area] == (lat, lon) and events == counts[area][0]
        assert label == ov.district_label(area)


def test_every_district_a_gazetteer_district_stands_for_has_a_seat_to_draw_at(data):
    """The #25 walk: the key named Shughnon, which had no circle: GeoNames' extract places
    no seat in it, the gazetteer does (Khorugh), and the events "in Shughnon district" lie
    there. A GeoNames seat stays where it is; the gazetteer's fills the gaps."""
    seats = md.district_seats()
    named = areas.gazetteer_district_points()
    assert (
        named["Gorno-Badakhshan / Nohiyai Shughnon"] == seats["Gorno-Badakhshan / Nohiyai Shughnon"]
    )
    assert set(named) <= set(seats)
    counts = md.area_counts(data.frame, data.frame, "admin2", md.Measure.EVENTS)
    rows, _breaks, missing = md.district_rows(counts, md.Measure.EVENTS)
    assert missing == 0 and {r[3] for r in rows} == set(counts)  # every one counted, drawn
    raw = json.loads((areas.VOCAB_DIR / areas.GEONAMES_EXTRACT).read_text(encoding="utf-8"))
    seat = next(d["point"] for d in raw["districts"] if d["district"] == "Nohiyai Shahritus")
    assert seats["Khatlon / Nohiyai Shahritus"] == (seat["lat"], seat["lon"])  # GeoNames'
    assert named["Khatlon / Nohiyai Farkhor"] == seats["Khatlon / Nohiyai Farkhor"]  # no seat


@pytest.mark.parametrize(
    ("values", "breaks"),
    [([1, 2, 3], [1, 2, 3]), ([1, 7, 40], [5, 10, 20, 40]), ([5000], [10, 50, 200, 1000, 5000])],
)
def test_class_breaks_are_round_and_end_at_the_largest(values, breaks):
    found = md.class_breaks(np.array(values, dtype=float))
    assert found[-1] == max(values) and found == sorted(set(found))
    assert len(found) <= len(md.RAMP)
    assert found == breaks
    labels = md.legend_rows(found)
    assert labels[0][1].startswith("1") and labels[-1][1].endswith(f"{int(max(values)):,}")


def _feature_group(at) -> str:
    return map_args(at)["feature_group"]


# What each mode's layer (geo/view/choropleth.py) sends: its kind and the key of its rows.
_DRAWN = {"areas": ("wideAreas", "areas"), "provinces": ("provinces", "features")}


def drawn(at, name: str) -> list:
    """The rows a mode's layer draws, read from its data (geo/view/scripts.py)."""
    kind, key = _DRAWN[name]
    found = [data[key] for k, data in script_data(_feature_group(at)) if k == kind]
    assert found, f"no {name} drawn"
    return [row for rows in found for row in rows]


def test_areas_mode_draws_wide_events_as_areas_not_markers():
    at = run_app(map_mode="Areas")
    assert not at.exception
    ids = set(map_event_ids(at))
    assert ids == {e["id"] for e in EVENTS} - _wide_ids()
    shapes = drawn(at, "areas")
    assert sum(a["events"] for a in shapes) == len(_wide_ids())
    assert all(a["geometry"]["type"] in ("Polygon", "MultiPolygon") for a in shapes)
    assert any("placed only in a border band" in b for b in html_blocks(at))


def test_markers_mode_is_the_default_and_draws_no_event_at_a_stand_in_point():
    """The #25 walk: a '5' bubble of border-wide events between Vanj and Rushon read as
    fighting near Khorugh. An event with a point is a marker; one placed only in a band, a
    side or a country is that area's dashed outline, counted, and the key says how many."""
    at = run_app()
    assert at.query_params.get("map_mode") in (None, "Markers", ["Markers"])
    wide = _wide_ids()
    assert sorted(map_event_ids(at)) == sorted(e["id"] for e in EVENTS if e["id"] not in wide)
    drawn = [d for _kind, d in script_data(map_args(at)["feature_group"]) if _kind == "wideAreas"]
    assert len(drawn) == 1 and drawn[0]["outline"] is True
    assert sum(a["events"] for a in drawn[0]["areas"]) == len(wide) > 0
    key = [b for b in html_blocks(at) if "have no point" in b]
    assert key and f"{len(wide)} of {len(EVENTS)} shown events have no point" in key[0]


def test_provinces_mode_fills_provinces_and_a_click_filters_by_one(monkeypatch):
    fake_map_click(monkeypatch, {"atlas_area": "Dushanbe"})
    at = run_app(map_mode="Provinces", map_measure="Killed")
    assert not at.exception
    at.button(key="fake-click").click().run()
    assert at.session_state["area"] == "Dushanbe"
    assert at.query_params["area"] == "Dushanbe"
    monkeypatch.undo()


def test_provinces_mode_sends_the_counts_in_the_link_s_measure():
    at = run_app(map_mode="Provinces", map_measure="Killed")
    provinces = {f["properties"]["atlas_area"]: f["properties"] for f in drawn(at, "provinces")}
    assert len(provinces) == 39 and provinces["Dushanbe"]["events"] > 0
    assert provinces["Badakhshan"]["events"] == 0 and provinces["Badakhshan"]["cls"] == -1
    killed = sum(p["killed"] for p in provinces.values())
    key = "Killed: none shown" if killed == 0 else "Killed: </b>"
    assert any(key in b and "per province" in b for b in html_blocks(at))
    assert not [w for w in at.warning if "map_mode" in str(w.value)]


def test_a_bad_map_mode_in_the_link_is_ignored_with_a_note():
    at = run_app(map_mode="<script>", map_measure="Everything")
    assert not at.exception
    assert sorted(map_event_ids(at)) == sorted(
        e["id"] for e in EVENTS if e["id"] not in _wide_ids()
    )
    notes = " ".join(str(x.value) for x in [*at.warning, *at.info, *at.caption]).replace("\\", "")
    assert "map_mode" in notes and "not a known map mode" in notes


def test_density_keeps_to_the_view_when_the_map_reports_one(data):
    big = _big(data.frame)
    view = (37.0, 68.0, 38.5, 70.0)  # around Panj and Farkhor
    cells, _, _ = md.density_cells(big, 10, md.Measure.EVENTS, view)
    everywhere, _, _ = md.density_cells(big, 10, md.Measure.EVENTS)
    assert 0 < len(cells) < len(everywhere)
    for south, west, north, east, *_ in cells:
        assert north > 36.6 and south < 38.9 and east > 67.5 and west < 70.5


def test_only_wide_areas_the_map_can_draw_replace_their_events_markers():
    """An event placed only in an area the map has no shape for (a country outside the
    boundaries layer) stays a marker at its point: it never disappears from the map."""
    frame = pd.DataFrame(
        {
            "area_shape": ["border", "country", None, "circle"],
            "area_key": ["border::10", "country:RUS:0", "nan", "circle::25"],
        }
    )
    drawable = {"border::10", "country:AFG:0"}
    assert md.no_point_mask(frame, drawable).tolist() == [True, False, False, False]
    assert md.wide_mask(frame).tolist() == [True, True, False, False]
    assert not md.no_point_mask(frame.iloc[2:], drawable).any()


def test_the_drawable_wide_areas_are_the_same_from_a_categorical_column():
    """The compiled frame holds `area_key` as a categorical (tested per category, not per
    row): the same rows as from strings, a missing key never drawable."""
    keys = ["border::10", "country:RUS:0", None, "circle::25", "border::10", "country:AFG:0"]
    shapes = ["border", "country", "border", "circle", "border", "country"]
    plain = pd.DataFrame({"area_shape": shapes, "area_key": keys})
    coded = plain.astype({"area_key": "category"})
    drawable = {"border::10", "country:AFG:0", "None", "nan"}
    expected = [True, False, False, False, True, True]
    assert md.no_point_mask(plain.fillna({"area_key": "x"}), drawable).tolist() == expected
    assert md.no_point_mask(coded, drawable).tolist() == expected
    both = plain.astype({"area_shape": "category"})
    assert md.wide_mask(both).tolist() == md.wide_mask(plain).tolist()
    assert md.no_point_mask(both.astype({"area_key": "category"}), drawable).tolist() == expected
