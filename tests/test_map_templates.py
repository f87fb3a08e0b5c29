"""Data that looks like a Jinja template reaches the page as written, never evaluated.

branca compiles each element's rendered output as a template again; `geo.view._branca`
keeps the project's own elements' output literal (no library code patched). Without it
``{{ 7*7 }}`` in a title came out as ``49``, and a crafted title could run Python on the
server. The last tests check that the locked branca and folium still behave as that
module assumes (checked on the versions in `_branca.CHECKED_ON`).
"""

from __future__ import annotations

import branca
import folium
import pandas as pd
import pytest

from geo.view import map as mapview
from geo.view._branca import CHECKED_ON, Outline
from geo.view.html import tag
from geo.view.labels import Labels
from geo.view.markers import event_clusters
from geo.view.review import candidates_map
from geo.view.scripts import script_data

PAYLOADS = [
    "{{ 7*7 }}",
    "{% for x in range(3) %}loop{% endfor %}",
    "{{ cycler.__init__.__globals__.os.getcwd() }}",
    "{# hidden #}",
    "{{",
]


def _frame(title: str) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "lat": 37.5,
                "lon": 70.0,
                "id": "e1",
                "event_type": "Battles",
                "status": "reported",
                "layer": "incidents",
                "title": title,
                "date_start": pd.Timestamp("2025-11-27"),
                "date_end": pd.Timestamp("2025-11-27"),
                "date_precision": "day",
                "period_start": pd.NaT,  # a site's period: none
                "period_end": pd.NaT,
                "fatalities": 2,
                "injured": None,
            }
        ]
    )


def _page(title: str) -> str:
    m = mapview.base_map(None)
    event_clusters(_frame(title), ["incidents"]).add_to(m)
    Labels([(37.0, 69.0, tag("div", title, class_="atlas-town"), 3, 7)]).add_to(m)
    Outline(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"name": title},
                    "geometry": {"type": "Point", "coordinates": [70.0, 37.5]},
                }
            ],
        },
        tooltip=folium.GeoJsonTooltip(["name"]),
    ).add_to(m)
    return m.get_root().render()


def _rows(page: str) -> list:
    found = [data["rows"] for kind, data in script_data(page) if kind == "markers"]
    assert found, "no marker rows in the page"
    return found[0]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_template_syntax_in_data_stays_literal(payload):
    page = _page(f"Title {payload} end")
    assert _rows(page)[0][7] == f"Title {payload} end"  # the marker's own title
    assert page.count(payload) >= 3  # marker rows, the label, the outline's properties


def test_literal_output_still_holds_every_element():
    page = _page("Plain title")
    kinds = {kind for kind, _data in script_data(page)}
    assert {"markers", "labels", "selectedPane"} <= kinds
    for needle in ("atlas-town", "L.geoJson"):
        assert needle in page


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_review_candidates_place_stays_literal(payload):
    feature = {
        "geometry": {"type": "Point", "coordinates": [70.0, 37.5]},
        "properties": {"event_type": "Battles", "place": f"Panj {payload}"},
    }
    page = candidates_map([feature], 0, None).get_root().render()
    assert f"Panj {payload}" in page  # the tooltip as written, not evaluated


# --- the locked libraries still behave as geo/view/_branca.py assumes ---------------------


def _versions() -> str:
    return (
        f"branca {branca.__version__}, folium {folium.__version__} "
        f"(geo/view/_branca.py was checked on {CHECKED_ON})"
    )


def test_branca_still_compiles_rendered_output_and_is_not_patched():
    """The workaround is still needed, and it patches nothing: a stock folium element
    still gets branca's behaviour (its tooltip's `{{ 7*7 }}` evaluated)."""
    m = folium.Map(tiles=None)
    folium.Marker([37.5, 70.0], tooltip="{{ 7*7 }}").add_to(m)
    page = m.get_root().render()
    assert "49" in page and "{{ 7*7 }}" not in page, (
        f"{_versions()}: branca no longer compiles an element's rendered output as a "
        "template, or something patches it process-wide: if the former, "
        "geo/view/_branca.py (LiteralMacro, Outline) can go"
    )


def _outline_page(cls: type) -> str:
    """A map with one outline of class `cls`, every id fixed, rendered whole."""
    data = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"iso_a3": "TJK"},
                "geometry": {"type": "LineString", "coordinates": [[69, 37], [70, 38]]},
            }
        ],
    }
    m = folium.Map(tiles=None)
    outline = cls(data, name="Border", style_function=lambda _f: {"color": "#b30000"})
    outline.add_to(m)
    m._id, outline._id = "m0", "o0"
    return m.get_root().render()


def test_an_outline_renders_exactly_as_folium_geojson_does():
    """Outline repeats folium's GeoJson.render and JSCSSMixin.render: with data holding no
    template syntax, the page is the same to the byte."""
    ours, folium_own = _outline_page(Outline), _outline_page(folium.GeoJson)
    assert ours == folium_own, (
        f"{_versions()}: folium's GeoJson no longer renders as geo/view/_branca.Outline "
        "repeats it; compare Outline.render with folium's GeoJson.render and "
        "JSCSSMixin.render and bring it in line"
    )
