"""Issue 14 through the app (AppTest): any folder, any link, still a working page.

Each test runs under pytest-timeout (120 s): a hang fails instead of stalling the run.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import unicodedata
import weakref

import pytest

from geo import settings
from geo.store.replica import replica_for
from tests.helpers.apptest import map_event_ids, run_app
from tests.helpers.data import EVENT_LAYER_FILES, LAYERS, SEEDS, copy_layers, read_layer, with_point
from tests.helpers.untrusted import (
    CULPRITS,
    MARKUP,
    NFD_SEED,
    NFD_TEXT,
    layer_text,
    make_mix,
    nfd_feature,
    real_feature,
)

pytestmark = pytest.mark.timeout(120)
EVENT_IDS = sorted(
    f["properties"]["id"] for p in EVENT_LAYER_FILES for f in read_layer(p)["features"]
)


def _page_text(at) -> str:
    """Every warning, expander label and text block, Markdown escapes removed."""
    parts = [w.value for w in at.warning] + [e.label for e in at.expander]
    parts += [t.value for t in at.text]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def mix(tmp_path_factory):
    return make_mix(tmp_path_factory.mktemp("app-mix"))


def test_the_mix_serves_every_good_layer_and_names_each_culprit(mix, monkeypatch):
    layers, seeds = mix
    monkeypatch.setenv("ATLAS_LAYERS_DIR", str(layers))
    monkeypatch.setenv("ATLAS_SEEDS_DIR", str(seeds))
    monkeypatch.setenv("ATLAS_TILES", "none")
    at = run_app()
    assert not at.exception
    assert sorted(map_event_ids(at)) == sorted(with_point(EVENT_IDS))
    text = _page_text(at)
    plain = text.replace("\\", "")
    for name in CULPRITS:
        assert name in plain, f"the page never names {name}"
    assert len(text) < 40_000, "more than a screenful of problems"
    assert len(at.warning) <= 6


BAD_LINKS = {
    "inf": {"near_km": "inf"},
    "minus-inf": {"near_km": "-inf"},
    "1e400": {"near_km": "1e400"},
    "nan": {"near_km": "NaN"},
    "negative": {"near_km": "-5"},
    "huge": {"near_km": "1" + "0" * 40},
    "words": {"near_km": "ten"},
    "long-search": {"q": "x" * 100_000},
    "unknown-actor": {"actors": "Martians"},
    "bad-dates": {"dates": ["garbage", "2025-01-01"]},
    "dates-outside": {"dates": ["1900-01-01", "2100-01-01"]},
    "one-bad-date": {"dates": "2025-13-01"},
    "unknown-event": {"event": "no-such-event"},
    "not-a-flag": {"undated": "maybe"},
    "unknown-key": {"zzz": "<script>alert(1)</script>"},
    "repeated": {"q": ["a", "b"]},
}


@pytest.mark.parametrize("query", BAD_LINKS.values(), ids=BAD_LINKS.keys())
def test_a_crafted_link_gives_the_default_view_and_a_note(query):
    at = run_app(**query)
    assert not at.exception
    assert at.markdown[0].value.endswith(f"events shown of {len(EVENT_IDS)}")
    assert sorted(map_event_ids(at)) == sorted(with_point(EVENT_IDS))
    notes = [i.value for i in at.info if "Ignored from the link" in i.value]
    assert len(notes) == 1
    key = next(iter(query))
    assert key in notes[0].replace("\\", "")
    assert len(notes[0]) < 1_000


def test_a_link_keeps_its_good_values_and_drops_the_bad_ones():
    at = run_app(actors=["Taliban", "Martians"], near_km="inf")
    assert not at.exception
    shown = set(map_event_ids(at))
    taliban = {
        f["properties"]["id"]
        for p in EVENT_LAYER_FILES
        for f in read_layer(p)["features"]
        if "Taliban" in f["properties"]["actors"]
    }
    assert shown == with_point(taliban)
    note = next(i.value for i in at.info if "Ignored" in i.value).replace("\\", "")
    assert "Martians" in note and "near_km" in note


def _linked_markup_pair() -> list[dict]:
    """Two valid events titled with markup, linked both ways (the panel makes buttons)."""
    pair = [real_feature("markup-a"), real_feature("markup-b")]
    for feature, other in zip(pair, reversed(pair), strict=True):
        feature["properties"]["title"] = MARKUP
        feature["properties"]["related"] = [
            {"id": other["properties"]["id"], "relation": "context"}
        ]
    return pair


def test_markdown_and_html_in_names_reach_labels_escaped(tmp_path, monkeypatch):
    layers = copy_layers(tmp_path / "layers")
    valid = layer_text(*_linked_markup_pair(), name=MARKUP)
    (layers / "markup.geojson").write_text(valid, encoding="utf-8")
    (layers / "![t](x) <b>b *i*.geojson").write_text("{broken", encoding="utf-8")
    monkeypatch.setenv("ATLAS_LAYERS_DIR", str(layers))
    at = run_app(event="markup-a")
    assert not at.exception
    layers_help = next(m.help for m in at.multiselect if m.label == "Layers")
    buttons = [b.label for b in at.button if b.label.startswith("See also")]
    assert buttons, "the related event's button is missing"
    labels = [layers_help, *buttons, *(w.value for w in at.warning)]
    labels += [e.label for e in at.expander]
    assert any("markup \\= " in label for label in labels)
    assert any("\\!\\[t\\]\\(x\\)" in label for label in labels)  # the broken file's name
    for label in labels:
        # Every Markdown or HTML opener from the data is backslash-escaped.
        for opener in ("![", "<img", "<b>", "**", "[l]", "*i*"):
            assert opener not in label.replace("\\" + opener[0], "\0"), (opener, label)
    assert {"markup-a", "markup-b"} <= set(map_event_ids(at))


def test_a_file_replaced_with_the_same_size_and_mtime_is_reloaded(tmp_path, monkeypatch):
    layers = copy_layers(tmp_path / "layers")
    monkeypatch.setenv("ATLAS_LAYERS_DIR", str(layers))
    path = layers / "sites.geojson"
    data = read_layer(path)
    old_title = data["features"][0]["properties"]["title"]
    at = run_app()
    assert old_title in list(at.dataframe[0].value["title"])
    stat = path.stat()
    new_title = old_title[:-1] + ("X" if old_title[-1] != "X" else "Y")
    text = path.read_text(encoding="utf-8").replace(json.dumps(old_title)[1:-1], new_title, 1)
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)
    at.run()
    assert not at.exception
    titles = list(at.dataframe[0].value["title"])
    assert new_title in titles and old_title not in titles


def test_the_app_keeps_one_copy(tmp_path, monkeypatch):
    layers = copy_layers(tmp_path / "layers")
    monkeypatch.setenv("ATLAS_LAYERS_DIR", str(layers))
    shown = []
    for round_ in range(3):  # three edits: three revisions, one live copy
        (layers / "sites.geojson").write_text(
            (LAYERS / "sites.geojson").read_text(encoding="utf-8") + " " * (round_ + 1)
        )
        assert not run_app().exception
        loaded = replica_for(settings.from_env()).current
        assert loaded is not None
        shown.append(weakref.ref(loaded.data))
    gc.collect()
    assert [ref() is not None for ref in shown] == [False, False, True]


def test_search_finds_an_event_whatever_the_normal_form(tmp_path, monkeypatch):
    layers = copy_layers(tmp_path / "layers")
    seeds = shutil.copytree(SEEDS, tmp_path / "seeds")
    (seeds / NFD_SEED).write_text(NFD_TEXT, encoding="utf-8")
    (layers / "nfd.geojson").write_text(layer_text(nfd_feature("NFD")), encoding="utf-8")
    monkeypatch.setenv("ATLAS_LAYERS_DIR", str(layers))
    monkeypatch.setenv("ATLAS_SEEDS_DIR", str(seeds))
    at = run_app(q=unicodedata.normalize("NFC", "réunion à Khorugh"))
    assert not at.exception
    assert map_event_ids(at) == ["mix-nfd-excerpt"]
