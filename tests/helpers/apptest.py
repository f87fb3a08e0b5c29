"""Helpers to read what AppTest rendered: the map component and HTML blocks."""

from __future__ import annotations

import json
import re
from typing import Any

from streamlit.testing.v1 import AppTest

from tests.helpers.data import ROOT

APP = str(ROOT / "app.py")
_ADD_DATA = re.compile(r"_add\((\{[^\n]*\})\);")
# The marker rows of geo.view.markers.EventClusters: `var rows = [[lat, lon, id, …], …], …`.
_MARKER_ROWS = re.compile(r"var rows = (\[[^\n]*\]), selected = null,")
# The cells of geo.view.density.GridClusters: `[[lat, lon, count, {type: n}], …].forEach(`.
_GRID_CELLS = re.compile(r"(\[\[[^\n]*\]\])\.forEach\(function \(c\)")


def run_app(**query: str | list[str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def _walk(node: Any, out: list) -> list:
    if hasattr(node, "proto") and hasattr(node, "type"):
        out.append(node)
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            _walk(child, out)
    return out


def map_args(at: AppTest) -> dict[str, Any]:
    """The st_folium component's arguments (script, feature_group, js_links, …)."""
    comps = [el for el in _walk(at._tree, []) if el.type == "component_instance"]
    assert len(comps) == 1, f"expected one map component, found {len(comps)}"
    return json.loads(comps[0].proto.json_args)


def marker_rows(at: AppTest) -> list[list[Any]]:
    """The rows of every event marker drawn on the map: [lat, lon, id, …]."""
    rows: list[list[Any]] = []
    for match in _MARKER_ROWS.finditer(map_args(at)["feature_group"]):
        rows += json.loads(match.group(1))
    return rows


def map_event_ids(at: AppTest) -> list[str]:
    """Ids of the event markers drawn on the map."""
    return [row[2] for row in marker_rows(at)]


def html_blocks(at: AppTest) -> list[str]:
    """Bodies of every st.html element."""
    return [el.proto.body for el in _walk(at._tree, []) if el.type == "html"]


def iframe_sources(at: AppTest) -> list[str]:
    """The HTML of every st.iframe element given an HTML string."""
    return [el.proto.srcdoc for el in _walk(at._tree, []) if el.type == "iframe"]


def grid_cells(at: AppTest) -> list[list[Any]]:
    """The server-side cluster cells drawn on the map: [lat, lon, count, {type: n}]."""
    cells: list[list[Any]] = []
    for match in _GRID_CELLS.finditer(map_args(at)["feature_group"]):
        cells += json.loads(match.group(1))
    return cells
