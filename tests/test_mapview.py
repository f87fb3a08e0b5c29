"""The map component gets the same parts with st_folium's first render pass skipped."""

from __future__ import annotations

from unittest import mock

import streamlit_folium

from geo.view import map as mapview
from geo.view.labels import town_labels
from geo.view.scripts import script_data


def _component_args(data, render: bool) -> dict:
    m = mapview.base_map(None, data.references, layer_titles=[x.title for x in data.layers])
    for labels in town_labels(data.places.values()):
        labels.add_to(m)
    names = [layer.name for layer in data.layers]
    group = mapview.events_group(data.frame, names, data.frame["id"].iloc[0])
    sent: dict = {}
    with mock.patch.object(streamlit_folium, "_component_func", lambda **kw: sent.update(kw)):
        streamlit_folium.st_folium(m, key="map", feature_group_to_add=[group], render=render)
    sent.pop("on_change")
    return sent


def test_skipping_the_first_render_pass_sends_the_same_map(data):
    with_pass, without = _component_args(data, True), _component_args(data, False)
    assert with_pass == without
    assert "markers" in {kind for kind, _data in script_data(without["feature_group"])}
    panes = [d for kind, d in script_data(without["script"]) if kind == "selectedPane"]
    assert panes == [{"pane": "atlasSelected", "z": 650}]  # the base map's own pane
