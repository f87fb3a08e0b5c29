"""The dashboard's logic through Streamlit's AppTest: filters, selection, URL state, exports."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from streamlit.elements.widgets.button import ButtonMixin

from geo.export import CSV_COLUMNS
from tests.helpers.apptest import (
    feed_ids,
    map_args,
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


def test_the_csv_names_the_province_and_district_the_atlas_counts(downloads):
    """ACLED's admin1 is the dataset's or the gazetteer's name; the atlas's own columns
    say where its area filter and charts count each event (the #25 walk: 'admin1' was a
    raw dataset name beside the filter's)."""
    at = run_app(area="Gorno-Badakhshan / Nohiyai Shughnon")
    rows = list(csv.DictReader(io.StringIO(_download(at, downloads, "text/csv"))))
    assert 0 < len(rows) < len(EVENTS)  # the district's events only
    for row in rows:
        areas = (row["atlas_province"], row["atlas_district"])
        assert areas == ("Gorno-Badakhshan", "Nohiyai Shughnon"), row
        assert row["atlas_area_basis"] in {"point", "source"}


def test_the_offline_copy_names_every_filter_of_the_view(downloads):
    """Its header said the dates only when the view was a place's radius and a province."""
    at = run_app(place="farkhor", place_km="30", area="Khatlon", actors="Taliban",
                 dates=["2025-10-01", "2025-12-31"])  # fmt: skip
    header = BeautifulSoup(_download(at, downloads, "text/html"), "html.parser").header
    said = header.get_text(" ", strip=True)
    for words in ("dates 2025-10-01 to 2025-12-31", "actors: Taliban",
                  "province or district: Khatlon", "within 30 km of Farkhor"):  # fmt: skip
        assert words in said, said


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


def test_map_layer_menu_does_not_duplicate_the_layers_filter(default_view):
    control = map_args(default_view)["layer_control"] or ""
    for path in EVENT_LAYER_FILES:
        title = read_layer(path).get("name") or path.stem
        assert title not in control, f"{title} toggled in two places"


def test_a_link_to_an_area_with_no_event_says_so_and_shows_every_area():
    """It was dropped in silence: the page looked filtered by the link and was not."""
    at = run_app(area="Khatlon / *Farkhor*")
    said = [w.value for w in at.warning]
    assert any("“Khatlon / \\*Farkhor\\*”, holds no event" in w for w in said), said
    assert set(map_event_ids(at)) == _on_map(lambda p: True)  # every area
    at.selectbox(key="area_province").select("Khatlon").run()
    assert not any("holds no event" in w.value for w in at.warning)
