"""The one-file offline copy: self-contained, escaped like the page, one panel per event."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import folium
import pytest
from bs4 import BeautifulSoup

from geo.dataset import Dataset, load_dataset
from geo.filters import Filters, apply_filters, describe_filters
from geo.view import modes as md
from geo.view.html import json_script, script_json
from geo.view.offline import leaflet_css, offline_html
from geo.view.scripts import AtlasScript, checked_inline, json_scripts, script_data
from tests.helpers.hostile import make_layers, make_seeds

ATTACK = "attack-workers-chinese-tajik-company-2025-11-27"
HOSTILE_ID = "hostile-markup-event"


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory) -> Dataset:
    root = tmp_path_factory.mktemp("offline")
    layers = make_layers(root / "layers", only="xss_valid.geojson")
    return load_dataset(layers, make_seeds(root / "seeds"))


@pytest.fixture(scope="module")
def page(hostile_data) -> str:
    return offline_html(hostile_data, hostile_data.frame, "none (every event)")


@pytest.mark.parametrize(
    "text",
    ["</script><script>alert(1)</script>", "<!--", "a\u2028b\u2029c", "&amp; <b>", "${x}`"],
)
def test_script_json_cannot_end_the_script_and_parses_back(text):
    out = script_json({"t": text})
    assert "<" not in out and ">" not in out and "&" not in out
    assert "\u2028" not in out and "\u2029" not in out
    assert json.loads(out) == {"t": text}


@pytest.mark.parametrize(
    "text",
    ["</script><script>alert(1)</script>", "<!--", "a\u2028b\u2029c", "&amp; <b>", "${x}`'\""],
)
def test_a_map_elements_data_cannot_end_its_script_and_reads_back(text):
    element = json_script("markers", {"t": text})
    assert element.count("<") == 2  # its own opening and closing tags only
    assert json_scripts(element) == [("markers", {"t": text})]
    # As the map's one call carries it (geo/view/scripts.py), inside a page's <script>.
    probe = _Probe({"t": text}).add_to(folium.Map(tiles=None))
    script = probe._template.module.script(probe)
    assert checked_inline(script) == script  # nothing in it can end the <script>
    assert script_data(script) == [("probe", {"t": text})]


class _Probe(AtlasScript):
    kind = "probe"

    def __init__(self, value: dict) -> None:
        super().__init__()
        self.value = value

    def data(self) -> dict:
        return self.value


def test_no_reference_leaves_the_file(page):
    soup = BeautifulSoup(page, "html.parser")
    assert not soup.select("script[src], link[href], img[src], iframe, object, embed")
    assert "url(images/" not in page and "url(data:image/png;base64," in leaflet_css()
    csp = soup.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert "default-src 'none'" in csp


def test_hostile_text_stays_text(page, hostile_data):
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("img") is None
    # Leaflet, the data, the map's scripts (atlas.js, modes.js, offline.js).
    assert len(soup.find_all("script")) == 5
    data = json.loads(soup.select_one("script#atlas-data").string)
    tips = {m["id"]: m["tooltip"] for layer in data["layers"] for m in layer["markers"]}
    assert tips[HOSTILE_ID].startswith(hostile_data.features[HOSTILE_ID].properties.title)
    titles = [layer["title_html"] for layer in data["layers"]]
    assert all("<" not in t for t in titles)
    panel = soup.select_one(f"#panel-{HOSTILE_ID}")
    assert panel.h3.get_text() == hostile_data.features[HOSTILE_ID].properties.title


def test_every_shown_event_has_its_panel_and_marker(hostile_data):
    shown = apply_filters(hostile_data.frame, Filters(actors=frozenset({"Taliban"})))
    soup = BeautifulSoup(offline_html(hostile_data, shown, "x"), "html.parser")
    panels = [p["id"].removeprefix("panel-") for p in soup.select(".atlas-offline-panel")]
    assert panels == list(shown["id"])
    data = json.loads(soup.select_one("script#atlas-data").string)
    pointed = shown.loc[~md.no_point_mask(shown, hostile_data.areas), "id"]
    assert sorted(m["id"] for layer in data["layers"] for m in layer["markers"]) == sorted(pointed)


def _drawn(page: str) -> tuple[BeautifulSoup, dict]:
    soup = BeautifulSoup(page, "html.parser")
    return soup, json.loads(soup.select_one("script#atlas-data").string)


def test_events_with_no_point_are_drawn_as_their_area_not_at_the_stand_in(data):
    """As on the page: an event placed only in a border band, on one side of it or in a
    country is no marker at its feature's stand-in point but its area's dashed outline
    (the page's own `wideAreas`, with the box counting them); the header says so and the
    list below the map holds each, with its panel."""
    wide = data.frame.loc[md.wide_mask(data.frame)]
    assert len(wide) > 0  # the shipped layers have such events
    soup, drawn = _drawn(offline_html(data, data.frame, "x"))
    markers = {m["id"] for layer in drawn["layers"] for m in layer["markers"]}
    assert markers == set(data.frame["id"]) - set(wide["id"])
    assert drawn["wide"]["outline"] is True  # Markers mode's outlines, not shaded areas
    areas = drawn["wide"]["areas"]
    counts = wide["area_key"].astype(str).value_counts()
    assert sorted(a["events"] for a in areas) == sorted(counts[counts > 0])
    keys = {a.words: a.key for a in md.wide_areas(data.frame)}
    for area in areas:  # each drawn as the very shape the page draws
        key = keys[area["words"]]
        assert area["geometry"] == json.loads(json.dumps(data.areas[key]))
        assert area["events"] == counts[key]
    assert areas[0]["words"] == "anywhere in Afghanistan"  # the widest first, under the rest
    listed = {a["data-show"] for a in soup.select("#atlas-list a[data-show]")}
    assert set(wide["id"]) <= listed
    note = soup.select_one(".atlas-header .atlas-no-point").get_text()
    assert note.startswith(f"{len(wide)} of {len(data.frame)} shown events have no point")
    assert "dashed outline" in note and "box on the map" in note


def test_an_area_the_map_cannot_draw_leaves_its_events_markers(data):
    """As on the page (`modes.no_point_mask`): with no shape for Afghanistan, the events
    placed only in it stay markers at their point; none vanishes from the map."""
    no_afghanistan = {k: g for k, g in data.areas.items() if k != "country:AFG:0"}
    lacking = dataclasses.replace(data, areas=no_afghanistan)
    in_afghanistan = set(data.frame.loc[data.frame["area_key"] == "country:AFG:0", "id"])
    assert in_afghanistan  # the shipped layers have such events
    soup, drawn = _drawn(offline_html(lacking, data.frame, "x"))
    markers = {m["id"] for layer in drawn["layers"] for m in layer["markers"]}
    assert in_afghanistan <= markers
    words = [a["words"] for a in drawn["wide"]["areas"]]
    assert "anywhere in Afghanistan" not in words and len(words) == 3
    note = soup.select_one(".atlas-header .atlas-no-point").get_text()
    assert "Afghanistan" not in note


def test_no_area_is_drawn_when_every_shown_event_has_a_point(data):
    shown = data.frame[~md.wide_mask(data.frame)]
    soup, drawn = _drawn(offline_html(data, shown, "x"))
    assert drawn["wide"] is None and soup.select_one(".atlas-no-point") is None


HOSTILE_KEY = "country:<img src=x onerror=alert(1)>:0"


def hostile_area(data: Dataset) -> Dataset:
    """The seeds with the events placed only in Afghanistan under an area whose name
    (the words the box and the tooltip show) is markup."""
    frame = data.frame.copy()
    frame["area_key"] = frame["area_key"].astype(str).replace("country:AFG:0", HOSTILE_KEY)
    areas = {HOSTILE_KEY if k == "country:AFG:0" else k: g for k, g in data.areas.items()}
    return dataclasses.replace(data, frame=frame, areas=areas)


def test_an_areas_words_from_data_stay_text(data):
    hostile = hostile_area(data)
    page = offline_html(hostile, hostile.frame, "x")
    assert "<img" not in page  # in the header as text (&lt;img), in the JSON as \u003c
    soup, drawn = _drawn(page)
    words = [a["words"] for a in drawn["wide"]["areas"]]
    assert "anywhere in <img src=x onerror=alert(1)>" in words
    assert "<img src=x" in soup.select_one(".atlas-no-point").get_text()


def test_panel_carries_excerpts_translations_and_evidence(page, hostile_data):
    soup = BeautifulSoup(page, "html.parser")
    panel = soup.select_one(f"#panel-{ATTACK}")
    src = hostile_data.features[ATTACK].properties.sources[0]
    assert panel.select_one("blockquote.atlas-excerpt[lang=fa]").get_text() == src.excerpt
    assert panel.select_one("blockquote.atlas-translation").get_text() == src.translation
    link = panel.select("a.atlas-ev-link")[0]
    assert panel.find(id=link["href"][1:]) is not None


def test_header_names_the_filters(hostile_data):
    f = Filters(
        actors=frozenset({"Taliban"}), source_langs=frozenset({"fa"}), include_undated=False
    )
    words = describe_filters(f)
    assert words == "undated events left out; actors: Taliban; source languages: fa"
    shown = apply_filters(hostile_data.frame, f)
    soup = BeautifulSoup(offline_html(hostile_data, shown, words), "html.parser")
    assert f"{len(shown)} of {len(hostile_data.frame)} events. Filters: {words}" in soup.get_text()


@pytest.mark.parametrize(
    ("filters", "words"),
    [
        (Filters(), "none (every event)"),
        (Filters(max_border_km=10.0), "within 10 km of the border"),
        (Filters(text=" خروغ "), "search: خروغ"),
    ],
)
def test_describe_filters(filters, words):
    assert describe_filters(filters) == words


def test_real_view_is_a_reasonable_size():
    data = load_dataset(Path("layers"), Path("seeds"))
    assert len(offline_html(data, data.frame, "none").encode()) < 3_000_000
