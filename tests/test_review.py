"""Accepting candidates into layers: all or nothing, audited, undoable, safe under a race."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import shutil
import threading
from pathlib import Path

import pytest

from geo.access import editing_allowed, token_required
from geo.context import load_context
from geo.ingest import propose
from geo.ingest.review import (
    AUDIT_NAME,
    LOCK_NAME,
    ArticleMeta,
    accept,
    article_sha,
    existing_article,
    read_audit,
    undo_last,
)
from geo.layers import load_catalog
from geo.seeds import sha256_of
from geo.settings import Settings
from tests.helpers.data import LAYERS, SEEDS, copy_layers, read_layer

ARTICLE = (
    "ДУШАНБЕ, 2 декабря 2025 года.\n"
    "30 ноября на участке границы близ Пянджа произошла перестрелка между таджикскими "
    "пограничниками и контрабандистами, погибли двое нарушителей.\n"
)
META = ArticleMeta(lang="ru", published="2025-12-02", outlet="Test outlet")


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    layers, seeds = tmp_path / "layers", tmp_path / "seeds"
    copy_layers(layers)
    shutil.copytree(SEEDS, seeds)
    return layers, seeds


def _candidate(text: str = ARTICLE) -> dict:
    feature = propose(text, "pasted.txt")["features"][0]
    feature["properties"]["sources"][0]["translation"] = "On 30 November a firefight ..."
    return feature


def test_accept_adds_one_valid_feature_and_changes_nothing_else(dirs):
    layers, seeds = dirs
    before = read_layer(layers / "incidents.geojson")["features"]
    out = accept(_candidate(), ARTICLE, META, "incidents", layers, seeds)
    assert out.problems == [] and not out.reused_article
    after = read_layer(layers / "incidents.geojson")["features"]
    assert after[:-1] == before
    props = after[-1]["properties"]
    assert props["id"] == out.feature_id and props["status"] == "reported"
    assert "ingest" not in props and props["sources"][0]["doc"] == out.doc
    assert (seeds / out.doc).read_text(encoding="utf-8") == ARTICLE
    manifest = json.loads((seeds / "sources.json").read_text(encoding="utf-8"))
    entry = manifest["sources"][-1]
    assert entry["file"] == out.doc and entry["sha256"] == sha256_of(seeds / out.doc)
    catalog = load_catalog(layers, load_context(seeds))
    assert catalog.problems == []
    assert out.feature_id in {f.properties.id for _, f in catalog.features}
    (entry,) = read_audit(layers)
    assert entry["action"] == "accept" and entry["feature_id"] == out.feature_id


def test_new_layer_is_created_and_bad_names_refused(dirs):
    layers, seeds = dirs
    assert accept(_candidate(), ARTICLE, META, "ingested", layers, seeds).problems == []
    assert len(read_layer(layers / "ingested.geojson")["features"]) == 1
    bad = accept(_candidate(), ARTICLE, META, "../etc/passwd", layers, seeds)
    assert bad.problems and not (layers.parent / "etc").exists()


def test_invalid_candidate_writes_nothing(dirs):
    layers, seeds = dirs
    candidate = _candidate()
    candidate["properties"]["sources"][0]["translation"] = ""  # a translation is required

    def snapshot() -> dict[str, bytes]:
        files = [*layers.iterdir(), *seeds.iterdir()]
        return {p.name: p.read_bytes() for p in files if p.name != LOCK_NAME and p.is_file()}

    before = snapshot()
    out = accept(candidate, ARTICLE, META, "incidents", layers, seeds)
    assert out.problems
    assert snapshot() == before


def test_same_article_is_reused_not_saved_twice(dirs):
    layers, seeds = dirs
    first = accept(_candidate(), ARTICLE, META, "incidents", layers, seeds)
    assert existing_article(ARTICLE, seeds) == first.doc
    second = accept(_candidate(), ARTICLE, META, "incidents", layers, seeds)
    assert second.reused_article and second.doc == first.doc
    assert second.feature_id != first.feature_id
    assert len(list(seeds.glob(f"*{article_sha(ARTICLE)[:16]}.txt"))) == 1


def test_undo_takes_back_the_last_accept_only(dirs):
    layers, seeds = dirs
    original = (layers / "incidents.geojson").read_bytes()
    first = accept(_candidate(), ARTICLE, META, "incidents", layers, seeds)
    second = accept(_candidate(), ARTICLE, META, "incidents", layers, seeds)
    undone = undo_last(layers, seeds)
    assert undone.feature_id == second.feature_id
    ids = [f["properties"]["id"] for f in read_layer(layers / "incidents.geojson")["features"]]
    assert first.feature_id in ids and second.feature_id not in ids
    assert undo_last(layers, seeds).feature_id == first.feature_id
    assert (layers / "incidents.geojson").read_bytes() == original
    assert undo_last(layers, seeds).problems  # nothing left to undo
    actions = [e["action"] for e in read_audit(layers)]
    assert actions == ["accept", "accept", "undo", "undo"]


def _accept_in_process(args: tuple[str, str, int]) -> str | None:
    layers, seeds, n = args
    text = ARTICLE + f"Сообщение {n}.\n"  # a different article each time
    return accept(_candidate(text), text, META, "incidents", Path(layers), Path(seeds)).feature_id


def test_concurrent_accepts_lose_nothing_threads(dirs):
    layers, seeds = dirs
    before = len(read_layer(layers / "incidents.geojson")["features"])
    results: list[str | None] = []
    workers = [
        threading.Thread(
            target=lambda n=n: results.append(_accept_in_process((str(layers), str(seeds), n)))
        )
        for n in range(4)
    ]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    features = read_layer(layers / "incidents.geojson")["features"]
    assert len(features) == before + 4 and None not in results
    assert len(set(results)) == 4
    assert len(json.loads((seeds / "sources.json").read_text())["sources"]) == 5 + 4


def test_concurrent_accepts_lose_nothing_processes(dirs):
    layers, seeds = dirs
    before = len(read_layer(layers / "incidents.geojson")["features"])
    with multiprocessing.get_context("fork").Pool(3) as pool:
        results = pool.map(_accept_in_process, [(str(layers), str(seeds), n) for n in range(4)])
    features = read_layer(layers / "incidents.geojson")["features"]
    assert len(features) == before + 4 and len(set(results)) == 4
    assert len(read_audit(layers)) == 4
    assert (layers / AUDIT_NAME).read_text().count("\n") == 2 * 4  # intent and commit each


@pytest.mark.parametrize(
    ("edit", "token", "address", "given", "allowed"),
    [
        (False, None, "127.0.0.1", None, False),  # editing off: no page at all
        (True, None, "localhost", None, True),  # local only: no token needed
        (True, None, "::1", None, True),
        (True, None, None, None, False),  # Streamlit's default listens on all interfaces
        (True, None, "0.0.0.0", "anything", False),  # beyond localhost, no token configured
        (True, "s3cret", "0.0.0.0", None, False),
        (True, "s3cret", "0.0.0.0", "wrong", False),
        (True, "s3cret", "0.0.0.0", "s3cret", True),
        (True, "s3cret", "10.0.0.5", "s3cret", True),
    ],
)
def test_who_may_edit(edit, token, address, given, allowed):
    settings = Settings(edit=edit, edit_token=token)
    assert editing_allowed(settings, address, given) is allowed


def test_token_needed_beyond_localhost_only():
    assert not token_required("127.0.0.1") and token_required("0.0.0.0") and token_required(None)


def test_audit_times_are_utc(dirs):
    layers, seeds = dirs
    when = dt.datetime(2025, 12, 3, 10, 0, tzinfo=dt.UTC)
    accept(_candidate(), ARTICLE, META, "incidents", layers, seeds, now=when)
    assert read_audit(layers)[0]["time"] == "2025-12-03T10:00:00+00:00"


def test_undo_takes_back_only_the_editors_own_accepts(dirs):
    layers, seeds = dirs
    mine = accept(_candidate(), ARTICLE, META, "incidents", layers, seeds, who="editor-a")
    theirs = accept(_candidate(), ARTICLE, META, "incidents", layers, seeds, who="editor-b")
    assert undo_last(layers, seeds, who="editor-a").feature_id == mine.feature_id
    assert undo_last(layers, seeds, who="editor-a").problems  # nothing more of A's
    ids = [f["properties"]["id"] for f in read_layer(layers / "incidents.geojson")["features"]]
    assert theirs.feature_id in ids and mine.feature_id not in ids


def test_undo_never_discards_a_correction_made_by_hand(dirs):
    layers, seeds = dirs
    out = accept(_candidate(), ARTICLE, META, "incidents", layers, seeds, who="editor-a")
    path = layers / "incidents.geojson"
    data = read_layer(path)
    feature = next(f for f in data["features"] if f["properties"]["id"] == out.feature_id)
    feature["properties"]["summary"] = "Corrected by hand after the accept."
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    undone = undo_last(layers, seeds, who="editor-a")
    assert undone.problems and "changed since it was accepted" in undone.problems[0].message
    assert path.read_text(encoding="utf-8") == json.dumps(data, ensure_ascii=False)


def test_an_accept_taken_out_by_hand_is_closed_and_undo_moves_on(dirs):
    layers, seeds = dirs
    first = accept(_candidate(), ARTICLE, META, "incidents", layers, seeds, who="a")
    second = accept(_candidate(), ARTICLE, META, "incidents", layers, seeds, who="a")
    path = layers / "incidents.geojson"
    data = read_layer(path)
    data["features"] = [f for f in data["features"] if f["properties"]["id"] != second.feature_id]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    gone = undo_last(layers, seeds, who="a")
    assert gone.problems and "no longer in the layer" in gone.problems[0].message
    assert undo_last(layers, seeds, who="a").feature_id == first.feature_id


def test_a_cut_short_audit_line_neither_breaks_undo_nor_swallows_the_next_entry(dirs):
    layers, seeds = dirs
    first = accept(_candidate(), ARTICLE, META, "incidents", layers, seeds, who="a")
    with open(layers / AUDIT_NAME, "a", encoding="utf-8") as fh:
        fh.write('{"action": "accept", "feature_id": "half')  # a crash mid-line
    second = accept(_candidate(), ARTICLE, META, "incidents", layers, seeds, who="a")
    assert [e["feature_id"] for e in read_audit(layers)] == [first.feature_id, second.feature_id]
    assert undo_last(layers, seeds, who="a").feature_id == second.feature_id


def test_every_write_is_logged_ahead_and_a_cut_short_one_is_named(dirs, monkeypatch):
    """Write-ahead: the intent, then the layer, then the commit; who and both hashes on
    every line. A crash between the layer and the commit leaves an intent that is named."""
    import geo.store.writes as writes
    from geo.store.files import audit_problems

    layers, seeds = dirs
    first = accept(_candidate(), ARTICLE, META, "incidents", layers, seeds, who="a")
    lines = [json.loads(x) for x in (layers / AUDIT_NAME).read_text().splitlines()]
    assert [x["phase"] for x in lines] == ["intent", "commit"]
    assert all(
        x["who"] == "a" and x["layer_sha256_before"] and x["layer_sha256_after"] for x in lines
    )
    assert lines[0]["txn"] == lines[1]["txn"] and audit_problems(layers) == []

    def crash(*_args, **_kwargs):
        raise OSError("disk gone")

    monkeypatch.setattr(writes, "atomic_write_text", crash)
    with pytest.raises(OSError):
        accept(_candidate(), ARTICLE, META, "incidents", layers, seeds, who="a")
    (problem,) = audit_problems(layers)
    assert "never committed" in problem.message
    assert [e["feature_id"] for e in read_audit(layers)] == [first.feature_id]


def test_a_link_in_the_audit_logs_place_is_never_followed(dirs, tmp_path):
    layers, seeds = dirs
    outside = tmp_path / "elsewhere.jsonl"
    outside.write_text("")
    (layers / AUDIT_NAME).symlink_to(outside)
    with pytest.raises(OSError):
        accept(_candidate(), ARTICLE, META, "incidents", layers, seeds, who="a")
    assert outside.read_text() == ""


def test_a_link_in_the_lock_files_place_is_never_followed(dirs, tmp_path):
    layers, seeds = dirs
    outside = tmp_path / "elsewhere.lock"
    (layers / LOCK_NAME).unlink(missing_ok=True)
    (layers / LOCK_NAME).symlink_to(outside)
    with pytest.raises(OSError):
        accept(_candidate(), ARTICLE, META, "incidents", layers, seeds, who="a")
    assert not outside.exists()


def test_a_stories_link_out_of_the_layers_folder_is_not_read(tmp_path):
    from geo.stories import load_stories

    outside = tmp_path / "outside"
    shutil.copytree(LAYERS / "stories", outside)
    layers = tmp_path / "layers"
    layers.mkdir()
    (layers / "stories").symlink_to(outside)
    told = load_stories(layers / "stories", set())
    assert told.stories == {} and "outside the layers folder" in told.problems[0].message
