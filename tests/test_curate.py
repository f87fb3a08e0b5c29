"""The curator's tool fills offsets and gazetteer points, and writes only valid layers."""

from __future__ import annotations

from geo.tools.curate import curate
from tests.helpers.data import read_layer, write_layer


def test_offsets_are_filled_from_the_excerpt(layers_copy, ctx):
    path = layers_copy / "sites.geojson"
    data = read_layer(path)
    expected = dict(data["features"][2]["properties"]["sources"][0])
    src = data["features"][2]["properties"]["sources"][0]
    src["start"], src["end"] = 0, len(src["excerpt"])  # wrong, as a curator would leave them
    data["features"][2]["geometry"]["coordinates"] = [0.0, 0.0]
    write_layer(path, data)
    assert curate(path, ctx) == []
    fixed = read_layer(path)["features"][2]
    assert fixed["properties"]["sources"][0]["start"] == expected["start"]
    assert fixed["properties"]["sources"][0]["end"] == expected["end"]
    assert fixed["geometry"]["coordinates"] == [71.55337, 37.49039]  # Khorugh, from the gazetteer


def test_unknown_excerpt_is_reported_and_file_left_alone(layers_copy, ctx):
    path = layers_copy / "sites.geojson"
    data = read_layer(path)
    data["features"][0]["properties"]["sources"][0]["excerpt"] = "متنی که در منبع نیست"
    write_layer(path, data)
    before = path.read_bytes()
    problems = curate(path, ctx)
    assert problems and "not found verbatim" in problems[0].message
    assert path.read_bytes() == before


def test_invalid_result_is_not_written(layers_copy, ctx):
    path = layers_copy / "sites.geojson"
    data = read_layer(path)
    data["features"][0]["properties"]["actors"] = ["Nobody"]
    write_layer(path, data)
    before = path.read_bytes()
    problems = curate(path, ctx)
    assert any("unknown actor" in p.message for p in problems)
    assert path.read_bytes() == before
    assert not list(layers_copy.glob(".*.tmp")), "temporary file left behind"


def test_excerpt_with_other_letter_forms_is_anchored_to_the_seed_text(layers_copy, ctx):
    path = layers_copy / "incidents.geojson"
    data = read_layer(path)
    src = data["features"][2]["properties"]["sources"][0]  # the gold-mine firefight, Dari
    exact = src["excerpt"]
    src["excerpt"] = exact.replace("ی", "ي").replace("ک", "ك").replace("۲۵", "25")
    src["start"] = 0
    write_layer(path, data)
    assert curate(path, ctx) == []
    fixed = read_layer(path)["features"][2]["properties"]["sources"][0]
    assert fixed["excerpt"] == exact
