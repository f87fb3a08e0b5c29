"""The store's contract, run against both stores: files on one disk (`FileStore`) and the
team's PostgreSQL + PostGIS database (`PostgisStore`, on a real cluster)."""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from geo.store import FileStore, Store, WriteConflict
from geo.store.postgis import PostgisStore
from tests.helpers.data import SEEDS, copy_layers, with_copied_event
from tests.helpers.pg import fresh_database

MakeStore = Callable[[], Store]


@pytest.fixture(params=["files", "postgis"])
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> MakeStore:
    """Opens the same store again (a second process, or a second replica), as often as asked."""
    if request.param == "files":
        layers, seeds, data = tmp_path / "layers", tmp_path / "seeds", tmp_path / "data"
        copy_layers(layers, compiled=False)
        shutil.copytree(SEEDS, seeds)
        data.mkdir()
        return lambda: FileStore(layers, seeds, data)
    url = fresh_database(request.getfixturevalue("pg_cluster"))
    opened = iter(range(1000))
    return lambda: PostgisStore(url, tmp_path / f"replica-{next(opened)}")


def _layer(store: Store, name: str) -> dict[str, Any]:
    path = store.dirs.layers / f"{name}.geojson"  # type: ignore[attr-defined]
    if isinstance(store, PostgisStore):
        store.sync()
    return json.loads(path.read_text("utf-8"))


def test_a_snapshot_shows_every_layer_and_a_revision_holds_while_nothing_changes(make_store):
    store = make_store()
    data = store.snapshot()
    assert len(data.frame) > 0 and not data.problems
    assert store.revision() == store.revision()
    assert set(data.frame["layer"]) >= {"incidents"}


def test_a_write_is_seen_by_another_opening_and_audited_with_who(make_store):
    one, two = make_store(), make_store()
    before = two.snapshot()
    layer = with_copied_event(_layer(one, "incidents"), "contract-new-1")
    problems = one.write("incidents", layer, expect=one.revision(), action="accept", who="ed@x")
    assert problems == []
    after = two.snapshot()
    assert len(after.frame) == len(before.frame) + 1
    assert "contract-new-1" in set(after.frame["id"])
    entry = two.audit()[-1]
    assert (entry["action"], entry["layer"], entry["who"]) == ("accept", "incidents", "ed@x")


def test_a_stale_writer_is_refused_and_nothing_is_lost(make_store):
    one, two = make_store(), make_store()
    seen = two.revision()
    layer = _layer(two, "incidents")
    assert one.write("incidents", with_copied_event(_layer(one, "incidents"), "first"),
                     expect=one.revision(), action="accept") == []  # fmt: skip
    with pytest.raises(WriteConflict):
        two.write("incidents", with_copied_event(layer, "second"), expect=seen, action="accept")
    ids = set(make_store().snapshot().frame["id"])
    assert "first" in ids and "second" not in ids


def test_an_invalid_layer_is_refused_with_its_problems_and_changes_nothing(make_store):
    store = make_store()
    revision, entries = store.revision(), len(store.audit())
    layer = _layer(store, "incidents")
    layer["features"][0]["properties"]["date_start"] = "not a date"
    problems = store.write("incidents", layer, expect=revision, action="accept")
    assert problems and any("date" in str(p) for p in problems)
    assert store.revision() == revision and len(store.audit()) == entries
    assert store.write("../x", layer, expect=None, action="accept")  # a name out of the store


def test_two_writers_at_once_both_land(make_store):
    """Each reads, adds its event and writes; a writer told to read again does so."""
    errors: list[BaseException] = []

    def writer(new_id: str) -> None:
        store = make_store()
        for _ in range(20):
            seen = store.revision()
            try:
                layer = with_copied_event(_layer(store, "incidents"), new_id)
                if store.write("incidents", layer, expect=seen, action="accept", who=new_id):
                    raise AssertionError("refused")
                return
            except WriteConflict:
                continue
            except BaseException as exc:  # reported by the test, not lost in the thread
                errors.append(exc)
                return
        errors.append(AssertionError(f"{new_id} never landed"))

    threads = [threading.Thread(target=writer, args=(f"both-{n}",)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    ids = set(make_store().snapshot().frame["id"])
    assert {"both-0", "both-1"} <= ids
    assert {e["who"] for e in make_store().audit()} >= {"both-0", "both-1"}


def test_the_lock_is_re_entrant(make_store):
    store = make_store()
    with store.lock(), store.lock():
        assert store.write("incidents", _layer(store, "incidents"), expect=None,
                           action="rewrite") == []  # fmt: skip
