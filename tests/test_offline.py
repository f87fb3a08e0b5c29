"""The one-file offline copy: self-contained, escaped like the page, one panel per event."""

from __future__ import annotations

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
    assert len(soup.find_all("script")) == 3  # Leaflet, the data, the map script
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
    pointed = shown.loc[~md.wide_mask(shown), "id"]
    assert sorted(m["id"] for layer in data["layers"] for m in layer["markers"]) == sorted(pointed)


def test_events_with_no_point_are_listed_not_drawn_at_the_stand_in(data):
    """As on the page: an event placed only in a border band, on one side of it or in a
    country is no marker at its feature's stand-in point; the header counts them and the
    list below the map holds each, with its panel."""
    wide = data.frame.loc[md.wide_mask(data.frame), "id"]
    assert len(wide) > 0  # the shipped layers have such events
    soup = BeautifulSoup(offline_html(data, data.frame, "x"), "html.parser")
    drawn = json.loads(soup.select_one("script#atlas-data").string)
    markers = {m["id"] for layer in drawn["layers"] for m in layer["markers"]}
    assert markers == set(data.frame["id"]) - set(wide)
    listed = {a["data-show"] for a in soup.select("#atlas-list a[data-show]")}
    assert set(wide) <= listed
    note = soup.select_one(".atlas-header .atlas-no-point").get_text()
    assert note.startswith(f"{len(wide)} of {len(data.frame)} shown events have no point")


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
