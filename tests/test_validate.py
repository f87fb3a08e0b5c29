"""The validator: the real layers pass; each deliberately broken copy names its problem."""

from __future__ import annotations

import subprocess
import sys

import pytest

from geo.tools.validate import main
from tests.helpers.data import LAYERS, ROOT, read_layer, write_layer


def test_real_layers_pass_from_the_command_line():
    out = subprocess.run(
        [sys.executable, "-m", "geo.tools.validate", str(LAYERS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.startswith("OK: 5 event layers")
    assert len(out.stdout.strip().splitlines()) == 1


def _run(capsys, layers_dir) -> tuple[int, str]:
    code = main([str(layers_dir)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _set(path: list, value):
    def change(feature: dict) -> None:
        target = feature
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _shift_offsets(feature: dict) -> None:
    src = feature["properties"]["sources"][0]
    src["start"] += 1
    src["end"] += 1


def _same_length_excerpt(feature: dict) -> None:
    src = feature["properties"]["sources"][0]
    src["excerpt"] = "ن" * len(src["excerpt"])


BROKEN = [
    pytest.param(
        _same_length_excerpt,
        "sources[0].excerpt",
        "does not occur in the seed",
        id="excerpt-not-in-seed",
    ),
    pytest.param(
        _set(["properties", "sources", 0, "excerpt"], "کوتاه"),
        "sources[0]",
        "end - start",
        id="excerpt-length-mismatch",
    ),
    pytest.param(_shift_offsets, "sources[0].excerpt", "it occurs at", id="offsets-shifted"),
    pytest.param(
        _set(["properties", "actors", 0], "Martians"),
        "actors[0]",
        "unknown actor",
        id="unknown-actor",
    ),
    pytest.param(
        _set(["properties", "related"], [{"id": "no-such-event", "relation": "repeats"}]),
        "related[0]",
        "no feature has id",
        id="related-missing",
    ),
    pytest.param(
        _set(["properties", "geometry"], None),
        "geometry",
        "Extra inputs",
        id="geometry-inside-properties",
    ),
    pytest.param(
        _set(["geometry", "coordinates"], [38.08304, 71.41491]),
        "geometry",
        "swapped",
        id="lat-lon-swapped",
    ),
    pytest.param(
        _set(["geometry", "coordinates"], [10.0, 50.0]),
        "geometry",
        "outside the Tajikistan–Afghanistan region",
        id="outside-region",
    ),
    pytest.param(
        _set(["properties", "place_id"], "atlantis"),
        "place_id",
        "not in geo/vocab",
        id="unknown-place",
    ),
    pytest.param(
        _set(["properties", "sources", 0, "doc"], "999_missing.txt"),
        "sources[0].doc",
        "no seed file",
        id="missing-seed",
    ),
    pytest.param(
        _set(["properties", "sources", 0, "lang"], "ar"),
        "sources[0].lang",
        "not 'ar'",
        id="wrong-language",
    ),
    pytest.param(
        _set(["properties", "title"], "Attack \u202eriloat"),
        "title",
        "U+202E",
        id="bidi-override-in-title",
    ),
    pytest.param(
        _set(["properties", "fatalities"], "5"), "fatalities", "integer", id="fatalities-as-string"
    ),
    pytest.param(
        _set(["properties", "date_start"], "2025-11-31"), "date_start", "date", id="impossible-date"
    ),
    pytest.param(_set(["properties"], None), "properties", "got null", id="properties-null"),
    pytest.param(
        _set(["properties", "date_start"], 1764201600), "date_start", "ISO", id="date-as-timestamp"
    ),
]


@pytest.mark.parametrize(("change", "field", "message"), BROKEN)
def test_broken_feature_is_named(capsys, mutate, change, field, message):
    path = mutate("incidents", 0, change)
    code, out = _run(capsys, path.parent)
    assert code == 1
    lines = [line for line in out.splitlines() if line.startswith("incidents.geojson")]
    assert lines, out
    fid = "attack-workers-chinese-tajik-company-2025-11-27"
    hits = [line for line in lines if (fid in line or "#0" in line) and field in line]
    assert hits, out
    assert message in hits[0]


def test_precise_place_must_sit_on_its_gazetteer_point(capsys, mutate):
    path = mutate("sites", 0, _set(["geometry", "coordinates"], [68.9, 38.6]))
    code, out = _run(capsys, path.parent)
    assert code == 1
    assert "site-russian-201st-base-dushanbe: geometry: (68.9, 38.6) differs" in out


def test_one_sided_link_is_reported(capsys, mutate):
    path = mutate("reports", 1, _set(["properties", "related"], []))
    code, out = _run(capsys, path.parent)
    assert code == 1
    assert "lacks the inverse link" in out
    assert "statement-tajik-mfa-calls-reuters-report-fabricated" in out


def test_duplicate_id_across_layers(capsys, layers_copy):
    sites = read_layer(layers_copy / "sites.geojson")
    incidents = read_layer(layers_copy / "incidents.geojson")
    sites["features"].append(incidents["features"][1])
    write_layer(layers_copy / "sites.geojson", sites)
    code, out = _run(capsys, layers_copy)
    assert code == 1
    assert "duplicate id; first used in incidents.geojson" in out


def test_every_problem_is_reported_at_once(capsys, layers_copy, mutate):
    mutate("incidents", 0, _set(["properties", "actors", 0], "Martians"))
    mutate("sites", 2, _set(["properties", "fatalities"], -3))
    (layers_copy / "zz_broken.geojson").write_text("{not json", encoding="utf-8")
    code, out = _run(capsys, layers_copy)
    assert code == 1
    assert "unknown actor 'Martians'" in out
    assert "site-afghan-consulate-khorugh: fatalities" in out
    assert "zz_broken.geojson: invalid JSON at line 1, column 2" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param('{"type": "FeatureCollection", ', "invalid JSON", id="truncated"),
        pytest.param("[1, 2, 3]", "expected a GeoJSON FeatureCollection", id="array"),
        pytest.param('{"type": "Feature"}', "got 'Feature'", id="single-feature"),
        pytest.param('{"type": "FeatureCollection"}', "needs a 'features' list", id="no-features"),
        pytest.param(
            '{"type": "FeatureCollection", "features": [], "crs": {}}', "RFC 7946", id="crs-member"
        ),
        pytest.param("[" * 5000 + "]" * 5000, "deeper than", id="deep-nesting"),
        pytest.param('{"type": "FeatureCollection", "features": [42]}', "#0", id="feature-int"),
        pytest.param(b"\xff\xfe\x00bad", "UTF-8", id="not-utf8"),
    ],
)
def test_bad_files_get_a_clear_message(capsys, layers_copy, content, message):
    path = layers_copy / "bad.geojson"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    code, out = _run(capsys, layers_copy)
    assert code == 1
    assert any(line.startswith("bad.geojson") and message in line for line in out.splitlines()), out
    assert "Traceback" not in out


def test_missing_directory(capsys, tmp_path):
    code, out = _run(capsys, tmp_path / "nope")
    assert code == 1
    assert "no such directory" in out


def test_empty_directory(capsys, tmp_path):
    code, out = _run(capsys, tmp_path)
    assert code == 1
    assert "no *.geojson layers" in out


def test_folded_match_gets_a_helpful_hint(capsys, mutate):
    def arabic_letters(feature: dict) -> None:
        src = feature["properties"]["sources"][0]
        src["excerpt"] = src["excerpt"].replace("ی", "ي")

    path = mutate("incidents", 2, arabic_letters)
    code, out = _run(capsys, path.parent)
    assert code == 1
    assert "only after folding letter forms" in out


def test_the_documented_module_command_validates_the_shipped_layers():
    done = subprocess.run(
        [sys.executable, "-m", "geo.validate", str(LAYERS)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK: ")
