"""Issue 14 through the validator and the loaders: each culprit named once, the rest loads.

Every test runs under pytest-timeout's 120 s: a FIFO that blocks or a file that never ends
fails the test instead of hanging the run. How fast they go is bench/hot_paths.py's to say.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import unicodedata
from contextlib import redirect_stderr, redirect_stdout
from io import StringIO
from pathlib import Path

import pytest

from geo import io
from geo.context import load_context
from geo.fingerprints import fingerprint
from geo.io import read_bytes, read_json
from geo.layers import MAX_PROBLEMS_PER_FILE, load_catalog
from geo.model import ReferenceKind
from geo.search_words import search_text
from geo.text import normalize_for_match
from geo.tools.validate import main
from geo.view.problems import MAX_FILES_SHOWN, group_problems
from tests.helpers.data import EVENT_LAYER_FILES, SEEDS, copy_layers, read_layer
from tests.helpers.untrusted import (
    CULPRITS,
    LAYER_CULPRITS,
    NFD_SEED,
    NFD_TEXT,
    SEED_CULPRITS,
    STRAY_BORDER,
    endless_text,
    layer_text,
    make_mix,
    nfd_feature,
    real_feature,
)

pytestmark = pytest.mark.timeout(120)
GOOD_FILES = {p.name for p in EVENT_LAYER_FILES} | {"border.geojson", "boundaries.geojson"}
EVENT_COUNT = sum(len(read_layer(p)["features"]) for p in EVENT_LAYER_FILES)


def _validate(capsys, layers: Path, seeds: Path = SEEDS) -> tuple[int, list[str]]:
    code = main([str(layers), "--seeds", str(seeds)])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out.splitlines()


@pytest.fixture(scope="module")
def mix(tmp_path_factory) -> tuple[Path, Path]:
    return make_mix(tmp_path_factory.mktemp("mix"))


@pytest.fixture(scope="module")
def mix_report(mix) -> tuple[int, list[str]]:
    """The validator's exit code and output lines for the whole mix, run once."""
    out, err = StringIO(), StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([str(mix[0]), "--seeds", str(mix[1])])
    assert "Traceback" not in out.getvalue() + err.getvalue()
    return code, out.getvalue().splitlines()


@pytest.mark.parametrize("culprit", sorted(CULPRITS))
def test_each_culprit_is_named_and_the_good_files_are_not_blamed(mix_report, culprit):
    code, lines = mix_report
    assert code == 1
    named = [line for line in lines if line.startswith(culprit)]
    assert any(CULPRITS[culprit] in line for line in named), named or lines
    assert not [line for line in lines if line.split(":")[0] in GOOD_FILES]


def test_the_mix_still_loads_every_good_event(mix):
    layers, seeds = mix
    catalog = load_catalog(layers, load_context(seeds))
    real = {layer.name: len(layer.features) for layer in catalog.event_layers if layer.features}
    assert real == {p.stem: len(read_layer(p)["features"]) for p in EVENT_LAYER_FILES}
    assert catalog.reference_file(ReferenceKind.BORDER) == "border.geojson"
    assert {p.file for p in catalog.problems} == set(CULPRITS)


# --- 1. reference layers: one per kind, by a stated rule --------------------------------


def test_a_stray_border_is_ignored_and_named(capsys, layers_copy):
    (layers_copy / "aaa_border.geojson").write_text(json.dumps(STRAY_BORDER))
    code, lines = _validate(capsys, layers_copy)
    assert code == 1
    assert lines == [
        "aaa_border.geojson: atlas:reference: also claims to be the border reference layer; "
        "ignored: only one is used, border.geojson (the file named border.geojson wins, "
        "else the first by name)"
    ]


def test_without_the_named_file_the_first_by_name_is_used_and_named(capsys, layers_copy):
    (layers_copy / "border.geojson").rename(layers_copy / "line_b.geojson")
    (layers_copy / "line_a.geojson").write_text(json.dumps(STRAY_BORDER))
    catalog = load_catalog(layers_copy, load_context(SEEDS))
    assert catalog.reference_file(ReferenceKind.BORDER) == "line_a.geojson"
    derived = [p for p in catalog.problems if p.field == "border_distance_km"]
    assert derived and all("line_a.geojson gives" in p.message for p in derived)
    assert any(p.file == "line_b.geojson" and "also claims" in p.message for p in catalog.problems)


# --- 2. untrusted entries: regular files only, links inside, bounded reads -------------


def test_special_files_are_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.geojson")
    (tmp_path / "zero.geojson").symlink_to("/dev/zero")
    (tmp_path / "dir.geojson").mkdir()
    for name, words in [
        ("pipe.geojson", "named pipe"),
        ("zero.geojson", "outside its folder"),
        ("dir.geojson", "a directory"),
    ]:
        data, problem = read_bytes(tmp_path / name)
        assert data is None and problem is not None
        assert problem.file == name and words in problem.message


def test_a_link_inside_the_folder_is_followed_and_one_outside_is_not(tmp_path):
    (tmp_path / "real.geojson").write_text("{}")
    (tmp_path / "alias.geojson").symlink_to(tmp_path / "real.geojson")
    (tmp_path / "out.txt").symlink_to("/etc/passwd")
    assert read_bytes(tmp_path / "alias.geojson") == (b"{}", None)
    data, problem = read_bytes(tmp_path / "out.txt")
    assert data is None and problem and "outside its folder" in problem.message


def test_a_link_to_a_device_inside_the_folder_is_still_refused(tmp_path, monkeypatch):
    # The folder itself holds the device's link target: the regular-file test catches it.
    (tmp_path / "zero.geojson").symlink_to("/dev/zero")
    data, problem = read_bytes(tmp_path / "zero.geojson", folder=Path("/dev"))
    assert data is None and problem and "character device" in problem.message


def test_reads_are_bounded_by_bytes_actually_read(tmp_path, monkeypatch):
    path = tmp_path / "grows.geojson"
    path.write_bytes(b" " * 2000)
    real_fstat = os.fstat

    class Small:  # a file whose stated size lies (a device, or one still growing)
        def __init__(self, st):
            self.st_mode, self.st_size = st.st_mode, 10

    monkeypatch.setattr(io.os, "fstat", lambda fd: Small(real_fstat(fd)))
    data, problem = read_bytes(path, limit=1000)
    assert data is None and problem and "over 1,001 bytes" in problem.message


def test_one_bad_seed_is_one_problem_and_the_rest_load(mix):
    _, seeds = mix
    ctx = load_context(seeds)
    assert {p.file for p in ctx.problems} == set(SEED_CULPRITS)
    assert set(ctx.seeds) == {p.name for p in SEEDS.glob("*.txt")}
    assert "root:" not in "".join(ctx.seeds.values())


def test_a_layer_citing_an_unreadable_seed_says_so(capsys, tmp_path, layers_copy):
    seeds = shutil.copytree(SEEDS, tmp_path / "seeds")
    first = next(iter(sorted(seeds.glob("*.txt"))))
    first.write_bytes(first.read_bytes() + b"\xff")
    code, lines = _validate(capsys, layers_copy, seeds)
    assert code == 1
    assert any(line.startswith(first.name) and "not valid UTF-8" in line for line in lines)
    assert any("cannot be read (its own problem says why)" in line for line in lines)


# --- 3. problems bounded --------------------------------------------------------------


def test_a_file_of_endless_problems_stops_early(capsys, layers_copy):
    size = 24 * 1024 * 1024  # just under the 25 MB limit
    (layers_copy / "endless.geojson").write_text(endless_text(size))
    code, lines = _validate(capsys, layers_copy)
    assert code == 1
    named = [line for line in lines if line.startswith("endless.geojson")]
    assert len(named) <= MAX_PROBLEMS_PER_FILE + 1
    assert "checking stopped after 50 problems" in named[-1]
    assert "more feature(s) not checked" in named[-1]


# --- 6. strict JSON and model --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        ('{"a": {"b": [1, NaN]}}', "a.b[1]", "NaN is not a finite JSON number"),
        ('{"a": -Infinity}', "a", "-Infinity is not a finite JSON number"),
        ('{"a": 1e400}', "a", "1e400 is not a finite JSON number"),
        ('{"f": [{"s": "retracted", "s": "reported"}]}', "f[0]", "repeats the key 's'"),
    ],
)
def test_strict_json_names_the_path(tmp_path, text, field, words):
    (tmp_path / "x.geojson").write_text(text)
    data, problems = read_json(tmp_path / "x.geojson")
    assert data is None
    assert [(p.field, words in p.message) for p in problems] == [(field, True)]


def test_numbers_as_strings_and_non_points_are_named(mix_report):
    _, lines = mix_report
    assert any(
        line.startswith("string_number.geojson: feature mix-string-number: border_distance_km")
        and "valid number" in line
        for line in lines
    )
    assert any(
        "feature mix-line" in line and "only Point geometries are supported; got 'LineString'"
        for line in lines
    )
    assert not any("coordinates must be" in line for line in lines)


def test_a_repeated_key_never_validates_as_the_last_value(mix_report):
    _, lines = mix_report
    named = [line for line in lines if line.startswith("repeated_key.geojson")]
    assert named == [
        "repeated_key.geojson: features[0].properties: repeats the key 'status'; "
        "only one value per key is allowed"
    ]


def _nfd_setup(tmp_path: Path, form: str) -> tuple[Path, Path]:
    seeds = shutil.copytree(SEEDS, tmp_path / "seeds")
    (seeds / NFD_SEED).write_text(NFD_TEXT, encoding="utf-8")
    layers = copy_layers(tmp_path / "layers")
    (layers / "nfd.geojson").write_text(layer_text(nfd_feature(form)), encoding="utf-8")
    return layers, seeds


def test_an_excerpt_in_another_normal_form_gets_offsets_into_the_file(capsys, tmp_path):
    layers, seeds = _nfd_setup(tmp_path, "NFC")
    code, lines = _validate(capsys, layers, seeds)
    start = NFD_TEXT.index(unicodedata.normalize("NFD", "réunion"))
    end = start + len(unicodedata.normalize("NFD", "réunion à Khorugh"))
    assert code == 1
    assert any(f"it occurs at {start}:{end} of the file as written" in line for line in lines)


def test_search_matches_across_normal_forms(tmp_path):
    layers, seeds = _nfd_setup(tmp_path, "NFD")
    ctx = load_context(seeds)
    catalog = load_catalog(layers, ctx)
    assert not [p for p in catalog.problems if p.file == "nfd.geojson"]
    feat = next(f for _, f in catalog.features if f.properties.id == "mix-nfd-excerpt")
    assert normalize_for_match(unicodedata.normalize("NFC", "réunion")) in search_text(feat, ctx)


# --- 7. files changing under the app ------------------------------------------------


def test_a_file_that_vanishes_once_is_read_on_retry(tmp_path, monkeypatch):
    (tmp_path / "a.geojson").write_text("{}")
    real, calls = io._read_once, []

    def flaky(*args):
        calls.append(1)
        if len(calls) == 1:
            raise FileNotFoundError
        return real(*args)

    monkeypatch.setattr(io, "_read_once", flaky)
    assert read_bytes(tmp_path / "a.geojson") == (b"{}", None)


def test_a_file_that_stays_gone_is_one_named_problem(tmp_path, monkeypatch):
    def gone(*_):
        raise FileNotFoundError

    monkeypatch.setattr(io, "_read_once", gone)
    data, problem = read_bytes(tmp_path / "a.geojson")
    assert data is None and problem and problem.file == "a.geojson"
    assert "vanished while being read" in problem.message


def test_delete_then_create_never_raises(tmp_path):
    layers = copy_layers(tmp_path / "layers")
    seeds = shutil.copytree(SEEDS, tmp_path / "seeds")
    stop, errors = threading.Event(), []

    def churn() -> None:
        for path in [layers / "sites.geojson", next(iter(sorted(seeds.glob("*.txt"))))]:
            body = path.read_bytes()
            while not stop.is_set():
                path.unlink()
                path.write_bytes(body)

    worker = threading.Thread(target=churn)
    worker.start()
    try:
        for _ in range(100):
            try:
                fingerprint(layers, seeds)
                load_context(seeds)
            except Exception as exc:  # the point of the test: nothing may escape
                errors.append(repr(exc))
    finally:
        stop.set()
        worker.join()
    assert errors == []


def test_same_size_and_mtime_still_changes_the_fingerprint(layers_copy):
    path = layers_copy / "sites.geojson"
    before = fingerprint(layers_copy)
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Khorugh", "Khorogh", 1), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    assert fingerprint(layers_copy) != before


def test_the_page_is_bounded_whatever_the_folder_holds(mix):
    layers, seeds = mix
    catalog = load_catalog(layers, load_context(seeds))
    groups, rest = group_problems(catalog.problems)
    assert len(groups) == MAX_FILES_SHOWN
    shown = " ".join(g.file for g in groups) + rest
    assert all(name in shown for name in CULPRITS)
    text = "".join("".join(g.lines) for g in groups) + rest
    assert len(text) < 40_000
    assert not set(LAYER_CULPRITS) & GOOD_FILES


def test_many_bad_excerpts_against_a_big_seed_stop_at_the_cap(capsys, tmp_path):
    seeds = shutil.copytree(SEEDS, tmp_path / "seeds")
    (seeds / "big.txt").write_text("Khorugh border report. " * 45_000, encoding="utf-8")
    layers = copy_layers(tmp_path / "layers")
    features = []
    for i in range(60):
        feature = real_feature(f"slow-{i}")
        excerpt = f"words the seed never says {i}"
        feature["properties"]["claims"] = []
        feature["properties"]["evidence"] = []  # it cited the replaced sources
        feature["properties"]["sources"] = [
            {
                "doc": "big.txt",
                "lang": "en",
                "excerpt": excerpt,
                "start": 0,
                "end": len(excerpt),
                "translation": "x",
            }
        ]
        features.append(feature)
    (layers / "slow.geojson").write_text(layer_text(*features), encoding="utf-8")
    code, lines = _validate(capsys, layers, seeds)
    named = [line for line in lines if line.startswith("slow.geojson")]
    assert code == 1 and len(named) == MAX_PROBLEMS_PER_FILE + 1
    assert "does not occur in the seed at all" in named[0]


@pytest.mark.parametrize("kind", [["border"], {"k": 1}, 7, "rivers"])
def test_a_reference_mark_of_any_json_value_is_named(capsys, layers_copy, kind):
    data = {"type": "FeatureCollection", "atlas:reference": kind, "features": []}
    (layers_copy / "odd.geojson").write_text(json.dumps(data))
    code, lines = _validate(capsys, layers_copy)
    assert code == 1
    assert [line for line in lines if line.startswith("odd.geojson")] == [
        f"odd.geojson: atlas:reference: unknown reference kind {kind!r}"
    ]
