"""`atlas-build-boundaries` writes both reference layers through the store's one door
(validated, locked, audited), from a TopoJSON file given on the command line.

The topology here is made up for the test (squares, not Natural Earth's shapes): it has
world-atlas's structure (quantized, delta-encoded arcs; the region's countries by ISO
numeric id), and Tajikistan and Afghanistan share one arc, as the real ones share theirs.
"""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest
from pyproj import Geod

from geo.store import FileStore, WriteConflict
from geo.tools import build_boundaries
from geo.tools.boundaries import REGION_COUNTRIES
from tests.helpers.data import SEEDS, copy_layers, read_layer

SHARED = [[67, 37], [8, 0]]  # (67, 37) -> (75, 37): the two countries' common edge


def _square(x: int, y: int) -> list[list[int]]:
    """A closed 1x1 ring starting at (x, y), delta-encoded."""
    return [[x, y], [1, 0], [0, 1], [-1, 0], [0, -1]]


def _topology() -> dict:
    arcs = [
        SHARED,
        [[75, 37], [0, 4], [-8, 0], [0, -4]],  # Tajikistan's other three sides
        [[67, 37], [0, -7], [8, 0], [0, 7]],  # Afghanistan's other three sides
    ]
    geometries = [
        {"type": "Polygon", "id": "762", "arcs": [[0, 1]]},
        {"type": "Polygon", "id": "004", "arcs": [[~0, 2]]},
    ]
    neighbours = [n for n in REGION_COUNTRIES if n not in ("762", "004")]
    for i, numeric in enumerate(neighbours):
        arcs.append(_square(56 + 3 * i, 28))
        geometries.append({"type": "Polygon", "id": numeric, "arcs": [[len(arcs) - 1]]})
    return {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "objects": {"countries": {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": arcs,
    }


@pytest.fixture
def dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, Path]:
    layers, seeds, data = tmp_path / "layers", tmp_path / "seeds", tmp_path / "data"
    copy_layers(layers, compiled=False)
    shutil.copytree(SEEDS, seeds)
    data.mkdir()
    for name, path in (("LAYERS", layers), ("SEEDS", seeds), ("DATA", data)):
        monkeypatch.setenv(f"ATLAS_{name}_DIR", str(path))
    topo = tmp_path / "countries.json"
    topo.write_text(json.dumps(_topology()), encoding="utf-8")
    return layers, seeds, data


def test_both_layers_are_written_through_the_door_and_audited(dirs, tmp_path):
    layers, _, _ = dirs
    assert build_boundaries.main([str(tmp_path / "countries.json")]) == 0
    border = read_layer(layers / "border.geojson")
    (line,) = border["features"]
    assert line["geometry"]["coordinates"] == [[67, 37], [75, 37]]
    expected = Geod(ellps="WGS84").line_length([67, 75], [37, 37]) / 1000
    assert line["properties"]["length_km"] == pytest.approx(expected, abs=0.1)
    countries = read_layer(layers / "boundaries.geojson")["features"]
    assert {f["properties"]["iso_a3"] for f in countries} == {
        iso3 for iso3, _ in REGION_COUNTRIES.values()
    }
    store = FileStore(*dirs)
    written = [e["layer"] for e in store.audit() if e["action"] == "build-boundaries"]
    assert sorted(written) == ["border", "boundaries"]
    # The events' stored distances were measured to the real border, not to this one:
    # the next load measures against the new files and says what to run.
    stale = [p for p in store.snapshot().problems if p.field == "border_distance_km"]
    assert stale and all("border.geojson gives" in p.message for p in stale)
    assert all("atlas-annotate" in p.message for p in stale)


def test_a_topology_without_the_shared_border_writes_nothing(dirs, tmp_path):
    layers, _, _ = dirs
    before = {p.name: p.read_bytes() for p in layers.glob("*.geojson")}
    topo = _topology()
    topo["objects"]["countries"]["geometries"][1]["arcs"] = [[2]]  # Afghanistan apart
    path = tmp_path / "apart.json"
    path.write_text(json.dumps(topo), encoding="utf-8")
    with pytest.raises(ValueError, match="share no boundary"):
        build_boundaries.main([str(path)])
    assert {p.name: p.read_bytes() for p in layers.glob("*.geojson")} == before


def test_an_edit_at_the_same_time_lands_too(dirs, tmp_path):
    """The build holds the store's lock for both layers; an editor's write of another
    layer meanwhile waits or is told to re-read, and lands: nothing is lost."""
    layers = dirs[0]
    store = FileStore(*dirs)
    landed: list[bool] = []

    def edit() -> None:
        for _attempt in range(20):
            read_at = store.revision()
            layer = read_layer(layers / "incidents.geojson")
            layer["features"][0]["properties"]["title"] = "edited meanwhile"
            try:
                landed.append(store.write("incidents", layer, expect=read_at, action="edit") == [])
                return
            except WriteConflict:
                continue

    editor = threading.Thread(target=edit)
    editor.start()
    assert build_boundaries.main([str(tmp_path / "countries.json")]) == 0
    editor.join()
    assert landed == [True]
    edited = read_layer(layers / "incidents.geojson")["features"][0]["properties"]["title"]
    assert edited == "edited meanwhile"
    assert sorted(e["action"] for e in store.audit()) == ["build-boundaries"] * 2 + ["edit"]
