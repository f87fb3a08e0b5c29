"""Helpers to read what AppTest rendered: the map component and HTML blocks."""

from __future__ import annotations

import json
import re
from typing import Any

from streamlit.testing.v1 import AppTest

from tests.helpers.data import ROOT

APP = str(ROOT / "app.py")
_ADD_DATA = re.compile(r"_add\((\{[^\n]*\})\);")


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


def map_event_ids(at: AppTest) -> list[str]:
    """Ids of the event markers drawn on the map, from its GeoJSON data."""
    ids = []
    for match in _ADD_DATA.finditer(map_args(at)["feature_group"]):
        for feature in json.loads(match.group(1)).get("features", []):
            props = feature.get("properties") or {}
            if "event_type" in props:
                ids.append(props["id"])
    return ids


def html_blocks(at: AppTest) -> list[str]:
    """Bodies of every st.html element."""
    return [el.proto.body for el in _walk(at._tree, []) if el.type == "html"]
