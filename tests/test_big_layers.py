"""A layer of thousands of events: the map counts them per cell, the table pages."""

from __future__ import annotations

import copy
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers.apptest import (
    APP,
    grid_cells,
    map_args,
    map_data,
    map_event_ids,
    run_app,
    waits_for_the_map,
    wide_area_events,
)
from tests.helpers.data import (
    EVENT_LAYER_FILES,
    REFERENCE_LAYER_FILES,
    read_layer,
    wide_ids,
    write_layer,
)

CLONES = 3_600  # over the app's BIG_DATA threshold


@pytest.fixture(scope="module")
def big_layers(tmp_path_factory):
    """References plus one layer of CLONES copies of the shipped events (same places)."""
    root = tmp_path_factory.mktemp("big") / "layers"
    root.mkdir()
    for path in REFERENCE_LAYER_FILES:
        shutil.copy(path, root / path.name)
    source = [f for path in EVENT_LAYER_FILES for f in read_layer(path)["features"]]
    features = []
    for i in range(CLONES):
        feature = copy.deepcopy(source[i % len(source)])
        feature["properties"]["id"] = f"clone-{i}"
        feature["properties"]["related"] = []
        features.append(feature)
    write_layer(
        root / "clones.geojson",
        {"type": "FeatureCollection", "name": "Clones", "features": features},
    )
    return root


def test_zoomed_out_big_layer_is_counted_per_cell(big_layers, monkeypatch):
    monkeypatch.setenv("ATLAS_LAYERS_DIR", str(big_layers))
    monkeypatch.setenv("ATLAS_TILES", "none")
    at = run_app()
    assert not at.exception
    cells = grid_cells(at)
    # Every clone counted once: in a cell if it has a point, else in its wide area.
    assert cells and sum(c[2] for c in cells) + wide_area_events(at) == CLONES
    assert wide_area_events(at) > 0
    assert map_event_ids(at) == []  # no single markers: far too many for one view
    assert len(at.dataframe[0].value) == 500  # the table's first page


def test_a_big_layer_s_first_run_draws_the_map_and_leaves_the_rest_for_the_next(
    big_layers, monkeypatch
):
    """The map first: the sections below it come with the run its report starts."""
    monkeypatch.setenv("ATLAS_LAYERS_DIR", str(big_layers))
    monkeypatch.setenv("ATLAS_TILES", "none")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception and grid_cells(at)  # the map is drawn
    assert waits_for_the_map(at) and not at.dataframe  # no table yet
    at.run()  # the map's report of its view
    assert not waits_for_the_map(at) and len(at.dataframe[0].value) == 500


def test_a_small_layer_draws_every_section_in_its_first_run():
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not waits_for_the_map(at) and at.dataframe


def test_zoomed_in_view_draws_single_markers(big_layers, monkeypatch):
    monkeypatch.setenv("ATLAS_LAYERS_DIR", str(big_layers))
    monkeypatch.setenv("ATLAS_TILES", "none")
    at = AppTest.from_file(APP, default_timeout=60)
    # The map reports a small view around one event's place, as after zooming in there.
    places = [
        f["geometry"]["coordinates"]
        for p in EVENT_LAYER_FILES
        for f in read_layer(p)["features"]
        if f["properties"]["id"] not in wide_ids()  # a point, not a wide area's stand-in
    ]
    lon, lat = next(c for c in places if places.count(c) == 1)  # one place: ~100 clones
    at.session_state["map"] = {
        "zoom": 12,
        "bounds": {
            "_southWest": {"lat": lat - 0.05, "lng": lon - 0.05},
            "_northEast": {"lat": lat + 0.05, "lng": lon + 0.05},
        },
    }
    at.run()
    ids = map_event_ids(at)
    assert 0 < len(ids) <= 1000 and not grid_cells(at)
    assert "zoom" in map_args(at)["returned_objects"]
    # At most MARKERS_MAX single markers: SVG, so each is an element Tab can reach.
    assert '"preferCanvas": false' in map_args(at)["script"]


def test_an_open_pile_sends_its_page(big_layers, monkeypatch):
    """Events on one point counted in one cell: the cell says no zoom splits it, and the
    pile opened there (its box sent back by a click) comes as one page, newest first."""
    monkeypatch.setenv("ATLAS_LAYERS_DIR", str(big_layers))
    monkeypatch.setenv("ATLAS_TILES", "none")
    places = [
        f["geometry"]["coordinates"]
        for p in EVENT_LAYER_FILES
        for f in read_layer(p)["features"]
        if f["properties"]["id"] not in wide_ids()  # a point, not a wide area's stand-in
    ]
    lon, lat = max(places, key=places.count)  # the most shared place: over 1,000 clones
    view = {
        "zoom": 15,
        "bounds": {
            "_southWest": {"lat": lat - 0.005, "lng": lon - 0.01},
            "_northEast": {"lat": lat + 0.005, "lng": lon + 0.01},
        },
    }
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["map"] = view
    at.run()
    [cell] = [c for c in grid_cells(at) if c[4] == [lat, lon, lat, lon]]
    assert cell[5] == 1 and cell[2] > 1000  # a pile: listed, never zoomed into
    at.session_state["pile"] = ((lat, lon, lat, lon), 60)  # as a click on "Older ›" sets
    at.run()
    [page] = map_data(at, "pile")
    assert page["total"] == cell[2] and page["offset"] == 50 and len(page["rows"]) == 50
    assert page["key"] == [lat, lon, lat, lon]
