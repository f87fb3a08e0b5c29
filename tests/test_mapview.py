"""The map component gets the same parts with st_folium's first render pass skipped."""

from __future__ import annotations

from unittest import mock

import streamlit_folium

from geo.view import map as mapview
from geo.view.labels import town_labels


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
    assert "L.markerClusterGroup" in without["feature_group"]
    assert "atlasSelected" in without["script"]  # the base map's own panes and outlines
