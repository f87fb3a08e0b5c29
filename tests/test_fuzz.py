"""Property tests: random and mutated layers give problems or a model, never a crash."""

from __future__ import annotations

import contextlib
import copy
import json
import tempfile
from pathlib import Path

import pydantic
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.context import load_context
from geo.layers import load_catalog, load_layer
from geo.model import EventFeature
from tests.helpers.data import LAYERS, SEEDS, read_layer

CTX = load_context(SEEDS)
INCIDENTS = read_layer(LAYERS / "incidents.geojson")
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40)
    | st.sampled_from(["\u202e", "<script>", "${x}", "", "Taliban"])
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5)
    ),
    max_leaves=25,
)


def _load_text(text: str):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.geojson"
        path.write_text(text, encoding="utf-8")
        return load_layer(path, CTX)


@FUZZ
@given(json_values)
def test_any_json_document_loads_or_reports(value):
    layer = _load_text(json.dumps(value))
    assert layer.problems or not layer.features


@FUZZ
@given(st.text(max_size=200))
def test_any_text_loads_or_reports(text):
    layer = _load_text(text)
    assert isinstance(layer.problems, list)


@FUZZ
@given(json_values)
def test_feature_model_raises_only_validation_errors(value):
    with contextlib.suppress(pydantic.ValidationError):
        EventFeature.model_validate(value)


def _paths(node, prefix=()):
    if isinstance(node, dict):
        for key, child in node.items():
            yield (*prefix, key)
            yield from _paths(child, (*prefix, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield (*prefix, index)
            yield from _paths(child, (*prefix, index))


FEATURE_PATHS = sorted({p for f in INCIDENTS["features"] for p in _paths(f)}, key=str)


@FUZZ
@given(
    st.integers(0, len(INCIDENTS["features"]) - 1),
    st.sampled_from(FEATURE_PATHS),
    json_values | st.just("<delete>"),
)
def test_mutated_real_layer_loads_or_reports(index, path, value):
    data = copy.deepcopy(INCIDENTS)
    node = data["features"][index]
    try:
        for key in path[:-1]:
            node = node[key]
        if value == "<delete>":
            del node[path[-1]]
        else:
            node[path[-1]] = value
    except (KeyError, IndexError, TypeError):
        return  # the path does not exist in this feature
    layer = _load_text(json.dumps(data))
    unchanged = {f["properties"]["id"] for i, f in enumerate(INCIDENTS["features"]) if i != index}
    assert unchanged <= {f.properties.id for f in layer.features}, "good features were lost"


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(FEATURE_PATHS), json_values)
def test_mutated_catalog_never_crashes(path, value):
    data = copy.deepcopy(INCIDENTS)
    node = data["features"][0]
    try:
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    except (KeyError, IndexError, TypeError):
        return
    with tempfile.TemporaryDirectory() as tmp:
        for src in LAYERS.glob("*.geojson"):
            (Path(tmp) / src.name).write_bytes(src.read_bytes())
        (Path(tmp) / "incidents.geojson").write_text(json.dumps(data), encoding="utf-8")
        catalog = load_catalog(Path(tmp), CTX)
    loaded = {f.properties.id for _, f in catalog.features}
    # Layers with no links into incidents must come through whatever happened there.
    untouched = {
        f["properties"]["id"]
        for name in ("sites", "background")
        for f in read_layer(LAYERS / f"{name}.geojson")["features"]
    }
    assert untouched <= loaded
