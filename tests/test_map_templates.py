"""Data that looks like a Jinja template reaches the page as written, never evaluated.

branca compiles each element's rendered output as a template again; `geo.view._branca`
stops that. Without it ``{{ 7*7 }}`` in a title came out as ``49``, and a crafted title
could run Python on the server.
"""

from __future__ import annotations

import json
import re

import folium
import pandas as pd
import pytest

from geo.view import map as mapview
from geo.view.html import tag
from geo.view.labels import Labels
from geo.view.markers import event_clusters

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
            }
        ]
    )


def _page(title: str) -> str:
    m = mapview.base_map(None)
    event_clusters(_frame(title), ["incidents"]).add_to(m)
    Labels([(37.0, 69.0, tag("div", title, class_="atlas-town"), 3, 7)]).add_to(m)
    folium.GeoJson(
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
    found = re.search(r"var rows = (\[.*?\]), selected", page)
    assert found, "no marker rows in the page"
    return json.loads(found.group(1))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_template_syntax_in_data_stays_literal(payload):
    page = _page(f"Title {payload} end")
    assert _rows(page)[0][7] == f"Title {payload} end"  # the marker's own title
    assert page.count(payload) >= 3  # marker rows, the label, the outline's properties


def test_literal_output_still_holds_every_element():
    page = _page("Plain title")
    for needle in ("L.markerClusterGroup", "atlas-town", "L.geoJson", "createPane"):
        assert needle in page
