"""Helpers to read what AppTest rendered: the map component and HTML blocks."""

from __future__ import annotations

import json
from typing import Any

from streamlit.testing.v1 import AppTest

from geo.view.html import escape_markdown
from geo.view.scripts import script_data
from tests.helpers.data import ROOT, layer_events

APP = str(ROOT / "app.py")


MAP_FIRST = "The overview, the timeline and the table follow once the map is drawn."


def run_app(**query: str | list[str]) -> AppTest:
    """The app run with these query parameters, as a browser shows it: on a big layer the
    first run draws the map only, whose report of its view runs the page again with the
    sections below it (app._map_first); that second run is made here too."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    return at.run() if waits_for_the_map(at) else at


def map_notes(at: AppTest, icon: str) -> list[str]:
    """The notes above the map shown with `icon` (ui/notes.py: ":material/map:" an area's,
    ":material/place:" a place's): each its line (the icon left out), then the whole words
    of its help."""
    lead = f"{icon} "
    return [
        f"{m.value.removeprefix(lead)}\n{m.proto.help}"
        for m in at.markdown
        if m.value.startswith(lead)
    ]


def waits_for_the_map(at: AppTest) -> bool:
    """The run drew the map and left the sections below it for the next run."""
    return any(c.value == MAP_FIRST for c in at.caption)


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


def map_data(at: AppTest, kind: str) -> list[dict[str, Any]]:
    """The data of every element of that kind (geo/view/scripts.py) in the shown layers."""
    return [data for k, data in script_data(map_args(at)["feature_group"]) if k == kind]


def marker_rows(at: AppTest) -> list[list[Any]]:
    """The rows of every event marker drawn on the map: [lat, lon, id, …]."""
    return [row for data in map_data(at, "markers") for row in data["rows"]]


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
    """The server-side cluster cells drawn on the map: [lat, lon, count, {type: n}, [south,
    west, north, east], pile (1: no zoom splits it)]."""
    return [cell for data in map_data(at, "gridClusters") for cell in data["cells"]]


def feed_ids(at: AppTest) -> list[str]:
    """Ids of the shipped events on the feed's first page (newest first, 20): every shown
    event, markers and those placed only in a band, a side or a country (drawn as areas),
    for small views. The feed lists titles (escaped Markdown): matched back to ids."""
    radios = [r for r in at.radio if r.key == "feed"]
    ids = {
        escape_markdown(f["properties"]["title"]): f["properties"]["id"]
        for _layer, f in layer_events()
    }
    return [ids[t] for t in (radios[0].options if radios else []) if t in ids]


def wide_area_events(at: AppTest) -> int:
    """How many events the map draws as their areas (no point: no marker)."""
    return sum(a["events"] for data in map_data(at, "wideAreas") for a in data["areas"])


def fake_map_click(monkeypatch: Any, properties: dict[str, Any]) -> None:
    """Stand in for streamlit-folium: a button ("fake-click") that, pressed, sets the map's
    value to a click on a feature with these properties and calls its on_change, as the
    real component does before the rerun (the app's own callback runs the same way)."""
    import streamlit as st
    import streamlit_folium

    click = {"last_active_drawing": {"properties": properties}, "last_object_clicked_count": 1}

    def fake_st_folium(*_args: Any, key: str, on_change: Any, **_kwargs: Any) -> Any:
        def clicked() -> None:
            st.session_state[key] = click
            on_change()

        st.button("fake map click", key="fake-click", on_click=clicked)
        return st.session_state.get(key)

    monkeypatch.setattr(streamlit_folium, "st_folium", fake_st_folium)
