"""Hostile layers through the validator: each names file, feature and field; valid markup passes."""

from __future__ import annotations

import pytest

from geo.tools.validate import main
from tests.helpers.hostile import CASES, make_layers, make_seeds


@pytest.fixture(scope="module")
def seeds_dir(tmp_path_factory):
    return make_seeds(tmp_path_factory.mktemp("hostile") / "seeds")


@pytest.mark.parametrize("name", sorted(CASES))
def test_validator_names_each_problem(name, seeds_dir, tmp_path, capsys, monkeypatch):
    # The size limit is a setting: the 26 MB fixture is refused under a 25 MB limit.
    monkeypatch.setenv("ATLAS_MAX_LAYER_MB", "25")
    layers = make_layers(tmp_path / "layers", only=name)
    code = main([str(layers), "--seeds", str(seeds_dir)])
    out = capsys.readouterr()
    text = out.out + out.err
    assert "Traceback" not in text
    expected = CASES[name]
    if expected is None:
        assert code == 0, text
        return
    feature, field, message = expected
    assert code == 1
    lines = [line for line in text.splitlines() if line.startswith(name)]
    assert lines, text
    wanted = [x for x in (feature and f"feature {feature}", field, message) if x]
    assert any(all(w in line for w in wanted) for line in lines), lines
