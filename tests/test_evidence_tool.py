"""atlas-evidence: suggests spans inside a feature's own excerpts, writes only valid layers."""

from __future__ import annotations

from geo.tools.evidence import main
from tests.helpers.data import read_layer, write_layer

ATTACK = "attack-workers-chinese-tajik-company-2025-11-27"


def _strip(path) -> None:
    data = read_layer(path)
    for feat in data["features"]:
        if feat["properties"]["id"] == ATTACK:
            feat["properties"]["evidence"] = []
    write_layer(path, data)


def _evidence(path) -> list[dict]:
    feat = next(f for f in read_layer(path)["features"] if f["properties"]["id"] == ATTACK)
    return feat["properties"].get("evidence", [])


def test_suggests_without_writing(layers_copy, capsys):
    path = layers_copy / "incidents.geojson"
    _strip(path)
    assert main([str(path), "--seeds", "seeds"]) == 0
    out = capsys.readouterr().out
    assert f"{ATTACK}: date: …" in out and "[حمله ۲۷ نوامبر]" in out
    assert f"{ATTACK}: place: no spelling in the excerpts" in out
    assert _evidence(path) == []


def test_write_records_spans_that_validate(layers_copy, capsys):
    path = layers_copy / "incidents.geojson"
    _strip(path)
    assert main([str(path), "--seeds", "seeds", "--write"]) == 0
    found = {(e["field"], e.get("actor")): e["words"] for e in _evidence(path)}
    assert found[("date", None)] == "حمله ۲۷ نوامبر"
    assert found[("fatalities", None)] == "پنج"  # a bare number: the curator widens it by hand
    assert found[("actor", "Unidentified Armed Group (Afghanistan)")] == "مهاجمان"
    assert ("place", None) not in found  # nothing invented where no spelling occurs
