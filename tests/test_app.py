"""The dashboard's logic through Streamlit's AppTest: filters, selection, URL state, exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pandas as pd
import pytest
import streamlit as st
import streamlit_folium
from bs4 import BeautifulSoup
from streamlit.elements.widgets.button import ButtonMixin

from geo.export import CSV_COLUMNS
from geo.filters import Filters, hiding_filters
from tests.helpers.apptest import (
    feed_ids,
    html_blocks,
    iframe_sources,
    map_args,
    map_data,
    map_event_ids,
    run_app,
)
from tests.helpers.data import EVENT_LAYER_FILES, overlaps, read_layer, with_point
from ui.sections import counts

WIDE = ("border", "border-side", "country")
EVENTS = {
    f["properties"]["id"]: f["properties"]
    for p in EVENT_LAYER_FILES
    for f in read_layer(p)["features"]
}
GOLD_MINE = "firefight-near-gold-mine-panj-2025-10-25"
REPORT = "report-reuters-russian-joint-patrols-2025-12-02"


def _overlaps(p: dict, first: str, last: str) -> bool:
    """Dates (or a site's period, open ends unbounded) overlap [first, last]."""
    if p.get("valid_from") or p.get("valid_to"):
        start = (p.get("valid_from") or {}).get("start", "0000-01-01")
        end = (p.get("valid_to") or {}).get("end", "9999-12-31")
        return start <= last and end >= first
    return p["date_start"] is not None and p["date_start"] <= last and p["date_end"] >= first


def _on_map(pred) -> set[str]:
    """The events a filter keeps that the map draws as markers (those with a point)."""
    return with_point(_expected(pred))


def _expected(pred) -> set[str]:
    return {i for i, p in EVENTS.items() if pred(p)}


@pytest.fixture(scope="module")
def default_view():
    return run_app()


def test_default_view_renders_every_event(default_view):
    """Every event with a point as a marker; the rest (placed only in a band, a side or a
    country) as their areas (tests/test_map_modes.py)."""
    assert not default_view.exception
    wide = {i for i, p in EVENTS.items() if (p.get("uncertainty") or {}).get("shape") in WIDE}
    assert sorted(map_event_ids(default_view)) == sorted(set(EVENTS) - wide) and wide
    dated = sum(1 for p in EVENTS.values() if p["date_start"])
    counts = default_view.markdown[0].value
    assert f"**{dated} dated** and **{len(EVENTS) - dated} undated** events shown of 39" == counts
    assert default_view.title[0].value.startswith("Border Atlas")


def test_big_counts_read_with_thousands_separators():
    shown = pd.DataFrame({"undated": [False] * 1234 + [True] * 5})
    assert counts(shown, 99015) == ("**1,234 dated** and **5 undated** events shown of 99,015")


def test_map_assets_are_served_locally(monkeypatch):
    monkeypatch.setenv("ATLAS_TILES", "none")
    args = map_args(run_app())
    links = args["js_links"] + args["css_links"]
    assert links and all(link.startswith("/app/static/") for link in links)
    for part in ("script", "header", "html", "feature_group"):
        assert "http://" not in args[part] and "https://" not in args[part], part


def test_tiles_default_to_openstreetmap_and_are_configurable(default_view, monkeypatch):
    assert "tile.openstreetmap.org" in map_args(default_view)["script"]
    monkeypatch.setenv("ATLAS_TILES", "http://localhost:9999/tiles/{z}/{x}/{y}.png")
    assert "localhost:9999/tiles" in map_args(run_app())["script"]


@pytest.mark.parametrize(
    ("query", "predicate"),
    [
        pytest.param({"actors": "Taliban"}, lambda p: "Taliban" in p["actors"], id="actor"),
        pytest.param({"types": "Battles"}, lambda p: p["event_type"] == "Battles", id="type"),
        pytest.param({"status": "retracted"}, lambda p: p["status"] == "retracted", id="status"),
        pytest.param({"layers": "sites"}, lambda p: p["id"].startswith("site-"), id="layer"),
        pytest.param({"undated": "false"}, lambda p: p["date_start"] is not None, id="undated-off"),
        pytest.param(
            {"dates": ["2025-10-01", "2025-10-31"], "undated": "false"},
            lambda p: _overlaps(p, "2025-10-01", "2025-10-31"),
            id="october-2025-overlap",
        ),
    ],
)
def test_each_filter_changes_the_map(query, predicate):
    at = run_app(**query)
    assert not at.exception
    shown = set(map_event_ids(at))
    assert shown == _on_map(predicate)
    assert 0 < len(_expected(predicate)) < len(EVENTS)


def test_taliban_in_october_2025_includes_the_gold_mine_firefight():
    at = run_app(actors="Taliban", dates=["2025-10-01", "2025-10-31"])
    shown = set(feed_ids(at))  # the firefight is placed only in the border band: no marker
    assert GOLD_MINE in shown
    assert "meeting-balkh-governor-dushanbe-2025-10" in shown  # late October overlaps
    assert "clash-taliban-fighter-killed-2025-08" not in shown


def test_widget_change_redraws_the_map(default_view):
    at = run_app()
    at.multiselect(key="types").set_value(["Battles"]).run()
    assert set(map_event_ids(at)) == _on_map(lambda p: p["event_type"] == "Battles")


def _panel_html(at) -> BeautifulSoup:
    return BeautifulSoup("".join(html_blocks(at)), "html.parser")


def test_selecting_an_event_fills_the_source_panel():
    at = run_app(event=GOLD_MINE)
    assert not at.exception
    assert _panel_html(at).h3.get_text() == EVENTS[GOLD_MINE]["title"]
    soup = _panel_html(at)
    quote = soup.select_one("blockquote.atlas-excerpt")
    assert quote["dir"] == "rtl" and quote["lang"] == "fa"
    assert quote.get_text() == EVENTS[GOLD_MINE]["sources"][0]["excerpt"]
    translation = soup.select_one("blockquote.atlas-translation")
    assert translation.get_text() == EVENTS[GOLD_MINE]["sources"][0]["translation"]
    facts = {tr.td.get_text(): tr.find_all("td")[1].get_text() for tr in soup.select("tr")}
    assert facts["When"].startswith("25 October 2025, day known")
    assert facts["Fatalities"] == "not reported"
    assert "region only" in facts["Where"]
    assert facts["Layer"] == "Incidents"
    page = BeautifulSoup(iframe_sources(at)[0], "html.parser")
    assert page.select_one("mark#excerpt").get_text() == EVENTS[GOLD_MINE]["sources"][0]["excerpt"]
    assert "scrollTo" in page.script.get_text()


def test_retracted_report_is_flagged_and_links_to_its_retraction():
    at = run_app(event=REPORT)
    assert any("Retracted" in e.value for e in at.error)
    labels = [b.label.replace("\\", "") for b in at.button]
    assert any(label.startswith("Retracted by: Reuters withdraws") for label in labels)
    button = next(b for b in at.button if b.label.replace("\\", "").startswith("Retracted by"))
    button.click().run()
    assert at.session_state["event"] == "report-reuters-withdraws-patrol-story-2025-12-03"
    assert at.query_params["event"] == "report-reuters-withdraws-patrol-story-2025-12-03"


def test_clicking_a_marker_selects_its_event(monkeypatch):
    # The real component sets its value under its key and calls on_change before the
    # rerun; a button stands in for it so the app's own callback runs the same way.
    click = {
        "last_active_drawing": {"properties": {"id": GOLD_MINE}},
        "last_object_clicked_count": 1,
    }

    def fake_st_folium(*_args, key, on_change, **_kwargs):
        def clicked():
            st.session_state[key] = click
            on_change()

        st.button("fake map click", key="fake-click", on_click=clicked)
        return st.session_state.get(key)

    monkeypatch.setattr(streamlit_folium, "st_folium", fake_st_folium)
    at = run_app()
    assert at.session_state["event"] is None
    at.button(key="fake-click").click().run()
    assert not at.exception
    assert at.session_state["event"] == GOLD_MINE
    assert at.query_params["event"] == GOLD_MINE
    assert _panel_html(at).h3.get_text() == EVENTS[GOLD_MINE]["title"]


def test_a_marker_clicked_on_the_map_leaves_the_view_where_it_was(monkeypatch):
    """The reader's zoom stays (a link or the table moves the map instead)."""
    click = {
        "last_active_drawing": {"properties": {"id": GOLD_MINE}},
        "last_object_clicked_count": 1,
    }

    def fake_st_folium(*_args, key, on_change, center, zoom, **_kwargs):
        def clicked():
            st.session_state[key] = click
            on_change()

        st.session_state["_fake_views"] = [*st.session_state.get("_fake_views", []), (center, zoom)]
        st.button("fake map click", key="fake-click", on_click=clicked)
        return st.session_state.get(key)

    monkeypatch.setattr(streamlit_folium, "st_folium", fake_st_folium)
    at = run_app()
    at.button(key="fake-click").click().run()
    assert at.session_state["event"] == GOLD_MINE
    before, after = at.session_state["_fake_views"][-2:]
    assert after == before
    monkeypatch.undo()
    point = "site-russian-201st-base-dushanbe"  # a point: the firefight's is a band
    assert map_args(run_app(event=point))["zoom"] > before[1]  # a link does zoom in


def test_query_params_restore_the_view():
    at = run_app(actors="Taliban", types="Battles", event=GOLD_MINE)
    assert at.multiselect(key="actors").value == ["Taliban"]
    assert at.multiselect(key="types").value == ["Battles"]
    assert at.session_state["event"] == GOLD_MINE
    assert set(map_event_ids(at)) == _on_map(
        lambda p: "Taliban" in p["actors"] and p["event_type"] == "Battles"
    )


def test_actor_widget_change_redraws_the_map():
    # Writing a widget change into the URL is the browser's job: see test_browser.py.
    at = run_app()
    at.multiselect(key="actors").set_value(["Reuters"]).run()
    assert set(map_event_ids(at)) == _on_map(lambda p: "Reuters" in p["actors"])


@pytest.fixture
def downloads(monkeypatch) -> dict[str, str]:
    """Capture what download buttons would serve, by mimetype (building deferred files)."""
    captured: dict[str, str] = {}
    original = ButtonMixin.download_button

    def record(self, label, data, *args, **kwargs):
        built = data() if callable(data) else data
        captured[kwargs.get("mime", "")] = built if isinstance(built, str) else built.decode()
        return original(self, label, data, *args, **kwargs)

    monkeypatch.setattr(ButtonMixin, "download_button", record)
    return captured


def _download(at, downloads: dict[str, str], mimetype: str) -> str:
    labels = [b.proto.label for b in at.get("download_button")]
    assert any("GeoJSON" in label for label in labels) and any("CSV" in x for x in labels)
    return downloads[mimetype]


def test_exports_contain_exactly_the_filtered_events(downloads):
    at = run_app(actors="Taliban")
    expected = _expected(lambda p: "Taliban" in p["actors"])
    geojson = json.loads(_download(at, downloads, "application/geo+json"))
    assert geojson["type"] == "FeatureCollection"
    assert {f["properties"]["id"] for f in geojson["features"]} == expected
    rows = list(csv.DictReader(io.StringIO(_download(at, downloads, "text/csv"))))
    assert {r["event_id_cnty"] for r in rows} == expected
    assert list(rows[0]) == CSV_COLUMNS  # ACLED's columns, then the atlas's


def test_broken_layer_warns_and_the_rest_still_loads(monkeypatch, layers_copy):
    (layers_copy / "zz_broken.geojson").write_text("{oops", encoding="utf-8")
    data = read_layer(layers_copy / "sites.geojson")
    data["features"][0]["properties"]["actors"] = ["<img src=x onerror=alert(1)>"]
    (layers_copy / "sites.geojson").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv("ATLAS_LAYERS_DIR", str(layers_copy))
    at = run_app()
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "zz\\_broken\\.geojson" in warnings and "sites\\.geojson" in warnings
    details = " ".join(t.value for t in at.text)
    assert "invalid JSON at line 1" in details
    assert "site-russian-201st-base-dushanbe: actors[0]: unknown actor" in details
    shown = set(map_event_ids(at))
    assert "site-russian-201st-base-dushanbe" not in shown
    assert shown == with_point(EVENTS) - {"site-russian-201st-base-dushanbe"}


def test_editing_a_layer_file_reloads_it(monkeypatch, layers_copy):
    monkeypatch.setenv("ATLAS_LAYERS_DIR", str(layers_copy))
    assert set(map_event_ids(run_app())) == with_point(EVENTS)
    path = layers_copy / "incidents.geojson"
    data = read_layer(path)
    dropped = {f["properties"]["id"] for f in data["features"][2:]}
    data["features"] = data["features"][:2]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert set(map_event_ids(run_app())) == with_point(set(EVENTS) - dropped)


def test_about_section_shows_stated_and_measured_border_lengths(default_view):
    table = default_view.dataframe[-1].value
    assert list(table["length"]) == ["1,344 km", "1,357 km", "1,172 km"]
    assert "Natural Earth" in table["according to"].iloc[-1]


def test_near_border_filter():
    at = run_app(near_km="10")
    expected = _expected(lambda p: p["border_distance_km"] <= 10)
    assert set(map_event_ids(at)) == with_point(expected)
    assert GOLD_MINE in expected and "site-russian-201st-base-dushanbe" not in expected


def test_panel_shows_distance_and_side():
    at = run_app(event="site-afghan-consulate-khorugh")
    soup = _panel_html(at)
    facts = {tr.td.get_text(): tr.find_all("td")[1].get_text() for tr in soup.select("tr")}
    assert facts["Border"].startswith("3.6 km from the border, Tajik side")


def test_base_layers_are_switchable_when_tiles_are_on(default_view, monkeypatch):
    control = map_args(default_view)["layer_control"]
    assert '"OpenStreetMap"' in control and '"No tiles (offline)"' in control
    monkeypatch.setenv("ATLAS_TILES", "none")
    assert "OpenStreetMap" not in (map_args(run_app())["layer_control"] or "")


@pytest.mark.parametrize(
    ("query", "must_include"),
    [
        ("Khorog", "site-afghan-consulate-khorugh"),
        ("خروغ", "site-afghan-consulate-khorugh"),
        ("Хорог", "site-afghan-consulate-khorugh"),
        ("معدن طلا", GOLD_MINE),  # Persian, typed without the seed's exact letter forms
        ("معدن طلا در امتداد دریاي پنج", GOLD_MINE),  # Arabic yeh in a Persian phrase
        ("Талибан", GOLD_MINE),  # Russian alias of an actor
    ],
)
def test_search_finds_events_in_any_language(query, must_include):
    at = run_app(q=query)
    shown = set(feed_ids(at))
    assert must_include in shown
    assert len(shown) < len(EVENTS)


def test_preset_sets_the_range_and_drops_undated_events():
    at = run_app()
    at.button(key="preset-Last 90 days").click().run()
    start, end = at.session_state["dates"]
    assert (end - start).days == 89 and at.session_state["undated"] is False
    shown = set(map_event_ids(at))
    assert shown == _on_map(lambda p: overlaps(p, start.isoformat(), end.isoformat()))


def test_hidden_selection_is_named_and_can_be_shown():
    at = run_app(types="Meeting", event=GOLD_MINE, q="panj", dates=["2025-10-01", "2025-12-03"])
    warning = " ".join(w.value for w in at.warning)
    assert "hidden by event types:" in warning  # the one filter that hides it, named
    at.button(key="unhide").click().run()
    assert at.multiselect(key="types").value == []
    # Shown again (no warning), drawn as the band it is placed in: no point, no marker.
    assert not at.warning and _band_drawn(at)
    # The filters that did not hide it are kept.
    assert at.text_input(key="q").value == "panj"
    assert at.date_input(key="dates").value == (dt.date(2025, 10, 1), dt.date(2025, 12, 3))


def _band_drawn(at) -> bool:
    """The map draws the whole border's 10 km band (the gold-mine firefight's area)."""
    areas = [a for d in map_data(at, "wideAreas") for a in d["areas"]]
    return any("a 10 km band on both sides" in a["words"] for a in areas)


def test_hiding_filters_names_each_filter_that_keeps_an_event_out(data):
    row = data.frame[data.frame["id"] == GOLD_MINE]
    f = Filters(event_types=frozenset({"Meeting"}), text="zzz", max_border_km=500.0)
    assert hiding_filters(row, f) == ["types", "q"]
    assert hiding_filters(row, Filters()) == []


def test_selecting_moves_the_map_to_the_event():
    point = "site-russian-201st-base-dushanbe"
    at = run_app(event=point)
    lon, lat = next(
        f
        for p in EVENT_LAYER_FILES
        for f in read_layer(p)["features"]
        if f["properties"]["id"] == point
    )["geometry"]["coordinates"]
    args = map_args(at)
    assert args["center"] == [lat, lon] and args["zoom"] >= 8


def test_selecting_an_event_with_no_point_frames_its_area():
    """The gold-mine firefight is placed only in the border band: selecting it frames the
    band (the whole border at a laptop's zoom), not its stand-in point at zoom 8, and
    draws no ring there."""
    at = run_app(event=GOLD_MINE)
    args = map_args(at)
    lat, lon = args["center"]
    assert args["zoom"] < 8 and 67.5 < lon < 75 and 36.5 < lat < 38.6
    assert "atlas-selected" not in args["feature_group"]


def test_map_layer_menu_does_not_duplicate_the_layers_filter(default_view):
    control = map_args(default_view)["layer_control"] or ""
    for path in EVENT_LAYER_FILES:
        title = read_layer(path).get("name") or path.stem
        assert title not in control, f"{title} toggled in two places"


def test_close_clears_the_selection():
    at = run_app(event=GOLD_MINE)
    at.button(key="close-panel").click().run()
    assert at.session_state["event"] is None and "event" not in at.query_params


@pytest.mark.parametrize(
    ("shape", "words"),
    [
        ("border", "somewhere in the band along the border"),
        ("border-side", "somewhere in the band on one side of the border"),
        ("country", "somewhere in the country"),
    ],
)
def test_an_event_placed_only_in_an_area_says_its_distance_is_a_stand_ins(shape, words):
    ids = [fid for fid, p in EVENTS.items() if (p.get("uncertainty") or {}).get("shape") == shape]
    assert ids, f"no shipped event is placed in a {shape} area"
    facts = {
        tr.td.get_text(): tr.find_all("td")[1].get_text()
        for tr in _panel_html(run_app(event=ids[0])).select("tr")
    }
    assert facts["Border"].startswith(words)
    assert "stand-in point is " in facts["Border"] and "km from the border" in facts["Border"]
