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


def test_with_no_tiles_the_boundaries_fade_out_short_of_the_two_countries(data):
    """The boundaries are clipped to a box when built (55-81 E, 27-44 N): with no tiles
    the neighbours' land fades out inside it, never over Tajikistan or Afghanistan, and
    over tiles (outlines only) nothing is drawn."""
    boundaries = data.references[mapview.ReferenceKind.BOUNDARIES]
    box, depths = mapview.fade_depths(boundaries)
    assert box == [27.0, 55.0, 44.0, 81.0]
    assert all(0 < d <= mapview.FADE_MAX_DEG for d in depths), depths
    two = [f for f in boundaries["features"] if f["properties"]["iso_a3"] in {"TJK", "AFG"}]
    (south, west), (north, east) = mapview.get_bounds(
        {"type": "FeatureCollection", "features": two}, lonlat=True
    )
    ds, dw, dn, de = depths
    assert box[0] + ds <= south and box[1] + dw <= west
    assert box[2] - dn >= north and box[3] - de >= east
    assert depths[0] < mapview.FADE_MAX_DEG  # Afghanistan's south edge stops it there
    offline = mapview.base_map(None, data.references).get_root().render()
    tiled = mapview.base_map("https://tiles.example/{z}/{x}/{y}.png", data.references)
    fades = [d for kind, d in script_data(offline) if kind == "fadeOut"]
    assert fades == [{"box": box, "depths": depths, "steps": mapview.FADE_STEPS,
                      "colour": mapview.MAP_BACKGROUND}]  # fmt: skip
    assert not [k for k, _ in script_data(tiled.get_root().render()) if k == "fadeOut"]
    assert mapview.fade_depths({"type": "FeatureCollection", "features": []}) is None
