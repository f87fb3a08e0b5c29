"""A new revision rebuilds only what changed (geo/store/reuse.py), and gives exactly the
Dataset a full load gives: its frame, features, layers, problems, areas, same incidents,
and the same rows for every filter the indexes serve (actors, languages, outlets, words).
One load at a time, and never a revision older than the one read (geo/store/replica.py)."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pandas as pd
import pytest

from geo import choices, filters
from geo.areas import _row_areas, derive_areas, frame_areas
from geo.dataset import Dataset
from geo.filters import Filters, apply_filters
from geo.importers.__main__ import main as import_main
from geo.search_index import PartedIndex
from geo.store import FileStore
from geo.store.changes import view_key
from geo.store.replica import Replica
from geo.store.reuse import Reuse
from tests.helpers.data import ROOT, SEEDS, copy_layers, read_layer, with_copied_event, write_layer

ACLED = ROOT / "tests" / "fixtures" / "acled" / "acled_export_fixture.csv"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped layers plus an imported ACLED layer (GeoParquet), compiled once."""
    root = tmp_path_factory.mktemp("reload-base")
    layers, data = copy_layers(root / "layers"), root / "data"
    data.mkdir()
    args = ["acled", str(ACLED), "--out", str(layers / "acled.parquet"), "--layers", str(layers),
            "--seeds", str(SEEDS), "--data", str(data)]  # fmt: skip
    assert import_main(args) == 0
    return root


@pytest.fixture(autouse=True)
def indexed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped layers are few events: index them anyway, as a big frame is."""
    monkeypatch.setattr(filters, "SMALL_FRAME", 0)


@pytest.fixture
def store(base: Path, tmp_path: Path) -> FileStore:
    shutil.copytree(base, tmp_path / "atlas")
    root = tmp_path / "atlas"
    return FileStore(root / "layers", SEEDS, root / "data")


def _filters_of(data: Dataset) -> list[Filters]:
    """Every actor, language and outlet alone, and words from the titles and places."""
    frame = data.frame
    out = [Filters(actors=frozenset([a])) for a in choices.all_actors(frame)]
    out += [Filters(source_langs=frozenset([x])) for x in choices.language_counts(frame)]
    out += [Filters(outlets=frozenset([x])) for x in choices.outlet_counts(frame)]
    words = {w for title in frame["title"] for w in str(title).lower().split()[:3]}
    words |= {str(p).lower()[:5] for p in frame["place"].dropna()}
    return out + [Filters(text=w) for w in sorted(words)[:60]]


def assert_same(got: Dataset, full: Dataset) -> None:
    pd.testing.assert_frame_equal(got.frame, full.frame)
    assert (got.layers, got.problems) == (full.layers, full.problems)
    assert list(got.features) == list(full.features)
    for fid in full.features:
        assert got.features[fid].model_dump() == full.features[fid].model_dump(), fid
    assert dict(got.layer_of) == dict(full.layer_of)
    assert dict(got.matches) == dict(full.matches)
    assert dict(got.areas) == dict(full.areas)
    assert dict(got.references) == dict(full.references)
    assert got.stories.keys() == full.stories.keys()
    assert (dict(got.seeds), dict(got.manifest)) == (dict(full.seeds), dict(full.manifest))
    filters.prepare(full.frame, background=False)  # the full load's own indexes
    filters.prepare(got.frame, background=False)  # joined from the layers' (nothing built)
    for f in _filters_of(full):
        assert list(apply_filters(got.frame, f)["id"]) == list(
            apply_filters(full.frame, f)["id"]
        ), f


def _full(store: FileStore) -> Dataset:
    return store.snapshot()  # no reuse: read and indexed as a first start


def _incidents(store: FileStore) -> Path:
    return store.dirs.layers / "incidents.geojson"


def test_an_accept_rebuilds_only_its_layer_and_gives_the_full_loads_dataset(store):
    reuse = Reuse()
    first = store.snapshot(reuse)
    assert_same(first, _full(store))
    write_layer(_incidents(store), with_copied_event(read_layer(_incidents(store)), "acc-1"))
    reuse.counts.clear()
    after = store.snapshot(reuse)
    expected = {"tables": 1, "files": 1, "indexes": 1, "areas": 1}
    assert reuse.counts == expected  # the accepted layer only
    assert "acc-1" in after.features and "acc-1" not in first.features
    assert after.areas is first.areas  # same area keys, same border: the shapes are kept
    assert_same(after, _full(store))


def test_a_big_layers_columns_are_read_again_not_kept_and_it_is_not_new(store):
    # Above `keep_table_rows` a layer's columns are not kept between loads (the frame
    # holds them): an accept in another layer reads them again, and gives the full load's
    # Dataset; the big layer is not taken for a changed one.
    sizes = Reuse()
    store.snapshot(sizes)
    rows = {key: table.num_rows for key, table in sizes.tables.items()}
    small = rows[next(k for k in rows if k[0].endswith(".parquet") and "incidents" in k[0])]
    big = {k for k, n in rows.items() if n > small}
    assert big, f"no layer bigger than the incidents layer: {rows}"
    reuse = Reuse(keep_table_rows=small)
    first = store.snapshot(reuse)
    assert set(reuse.tables) == set(rows) - big  # the big ones let go
    write_layer(_incidents(store), with_copied_event(read_layer(_incidents(store)), "acc-big"))
    reuse.counts.clear()
    after = store.snapshot(reuse)
    assert reuse.counts["tables"] == len(big) + 1  # the big ones again, and the accepted one
    assert reuse.fresh == {"incidents"}
    assert "acc-big" in after.features and "acc-big" not in first.features
    assert_same(after, _full(store))


def test_undo_a_layer_added_a_layer_removed_and_a_duplicate_id_all_match_a_full_load(store):
    reuse = Reuse()
    store.snapshot(reuse)
    original = read_layer(_incidents(store))
    layers = store.dirs.layers
    # accept, then undo it (the layer's old bytes again)
    write_layer(_incidents(store), with_copied_event(original, "acc-undo"))
    assert_same(store.snapshot(reuse), _full(store))
    write_layer(_incidents(store), original)
    undone = store.snapshot(reuse)
    assert "acc-undo" not in undone.features
    assert_same(undone, _full(store))
    # a layer added whose first event repeats an id of another layer: the check across
    # layers drops it, so the indexes' rows shift
    first_id = original["features"][0]["properties"]["id"]
    added = with_copied_event(
        {**original, "name": "Added", "features": original["features"][:1]}, "added-own"
    )
    write_layer(layers / "added.geojson", added)
    with_added = store.snapshot(reuse)
    assert any(first_id in (p.feature or "") for p in with_added.problems)
    assert "added-own" in with_added.features
    assert_same(with_added, _full(store))
    # a layer removed (the one before the accepted layer in the frame's order)
    (layers / "diplomacy.geojson").unlink()
    removed = store.snapshot(reuse)
    assert "diplomacy" not in {layer.name for layer in removed.layers}
    assert_same(removed, _full(store))
    assert not any("diplomacy" in str(key) for key in reuse.tables)  # forgotten


def test_a_changed_border_rebuilds_the_areas(store):
    reuse = Reuse()
    first = store.snapshot(reuse)
    border = store.dirs.layers / "border.geojson"
    text = border.read_text(encoding="utf-8")
    border.write_text(text + "\n", encoding="utf-8")  # new bytes: parsed and compiled again
    after = store.snapshot(reuse)
    assert after.areas is not first.areas
    assert after.references is not first.references
    assert_same(after, _full(store))


def test_a_replica_loads_once_for_many_asking_and_never_goes_back(store):
    loads: list[str] = []
    gate = threading.Event()

    def load(reuse: Reuse) -> tuple[str, Dataset]:
        gate.wait(60)  # held until every asker is waiting on it
        revision, data = store.reload(reuse)
        loads.append(revision)
        return revision, data

    replica = Replica(store.revision, load)
    revision = store.revision()
    askers = [threading.Thread(target=replica.ensure, args=(revision,)) for _ in range(6)]
    for thread in askers:
        thread.start()
    gate.set()
    for thread in askers:
        thread.join(60)
    assert loads == [revision] and replica.loads == 1  # six sessions, one load
    write_layer(_incidents(store), with_copied_event(read_layer(_incidents(store)), "acc-2"))
    newer = store.revision()
    assert (
        replica.ensure(newer).revision == newer and "acc-2" in replica.ensure(newer).data.features
    )
    assert replica.loads == 2


def test_a_view_the_accepted_event_stays_out_of_is_kept_and_one_it_enters_is_not(store):
    replica = Replica(store.revision, store.reload)
    first = replica.refresh().data
    frame_areas(first.frame)  # a page drew the first load's provinces and districts
    layer = read_layer(_incidents(store))
    actors = set(layer["features"][0]["properties"]["actors"])
    other = next(a for a in choices.all_actors(first.frame) if a not in actors)
    outside, inside = Filters(actors=frozenset([other])), Filters(actors=frozenset(actors))
    for n in range(2):  # two accepts in a row, both copies of the first incident
        layer = with_copied_event(layer, f"acc-view-{n}")
        write_layer(_incidents(store), layer)
        replica.refresh()
    now = replica.current.data
    assert view_key(now, outside) == first.key  # kept over both loads
    assert view_key(now, inside) == view_key(now, Filters()) == now.key
    columns = ["id", "date_start", "event_type", "status"]
    same = [apply_filters(d.frame, outside)[columns].reset_index(drop=True) for d in (first, now)]
    pd.testing.assert_frame_equal(*same)  # what the key claims: the same rows
    # Provinces and districts come with the load, kept per layer by the store: none is
    # derived or carried (geo/store/area_columns.py), and they are what the rules give.
    assert _row_areas.peek(now.frame) is None  # type: ignore[attr-defined]
    kept = frame_areas(now.frame)
    pd.testing.assert_frame_equal(kept, derive_areas(now.frame).astype("category"))
    border = store.dirs.layers / "border.geojson"
    border.write_text(border.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    moved = replica.refresh().data
    assert moved.changes is not None and moved.changes.whole
    assert view_key(moved, outside) == moved.key  # new area shapes: nothing is kept


def test_a_big_first_load_leaves_its_indexes_for_later_and_the_next_load_joins_them(
    store, monkeypatch
):
    # Big: the whole frame, not the accepted layer (an accept's rows are indexed in the load)
    small = len(read_layer(_incidents(store))["features"]) + 5
    monkeypatch.setattr(filters, "BACKGROUND_INDEX_ABOVE", small)
    replica = Replica(store.revision, store.reload)
    first = replica.refresh().data
    assert replica.warming is not None  # the page came first; the layers' indexes after
    replica.warming.join(60)
    write_layer(_incidents(store), with_copied_event(read_layer(_incidents(store)), "acc-big"))
    after = replica.refresh().data
    assert isinstance(filters._word_index(after.frame), PartedIndex)  # joined, not built
    assert "acc-big" in after.features and "acc-big" not in first.features
    assert_same(after, _full(store))


def test_a_big_first_loads_word_index_is_joined_from_its_layers_not_built_twice(store, monkeypatch):
    """At a start the layers' indexes are built once, after the load, and the frame's are
    joined from them; searches before (a scan) and after (the joined index) find the same
    rows as a full load's own index."""
    small = len(read_layer(_incidents(store))["features"]) + 5
    monkeypatch.setattr(filters, "BACKGROUND_INDEX_ABOVE", small)
    asked: list[object] = []
    monkeypatch.setattr(filters._BUILDER, "ask", lambda *a: asked.append(a))
    release, real_build = threading.Event(), Reuse.build_pending
    monkeypatch.setattr(Reuse, "build_pending", lambda r: release.wait(60) and real_build(r))
    replica = Replica(store.revision, store.reload)
    first = replica.refresh().data
    assert filters._word_index(first.frame) is None  # not built yet: searches scan
    assert filters._rows_by_value.peek(first.frame) is not None  # type: ignore[attr-defined]
    full = _full(store)
    scanned = {f: list(apply_filters(first.frame, f)["id"]) for f in _filters_of(full)}
    release.set()
    assert replica.warming is not None
    replica.warming.join(60)
    assert isinstance(filters._word_index(first.frame), PartedIndex)  # joined
    assert asked == []  # the frame's own index was never built beside the layers'
    filters.prepare(full.frame, background=False)
    for f, rows in scanned.items():
        want = list(apply_filters(full.frame, f)["id"])
        assert rows == want and list(apply_filters(first.frame, f)["id"]) == want, f
    assert any(f.text and rows for f, rows in scanned.items())


def test_a_failed_index_build_after_a_load_is_logged_and_leaves_the_replica_working(
    store, monkeypatch, caplog
):
    replica = Replica(store.revision, store.reload)
    revision = store.revision()
    replica.ensure(revision, warm=False)

    def broken() -> None:
        raise MemoryError("no room for the index")

    monkeypatch.setattr(replica._reuse, "pending", [object()], raising=False)
    monkeypatch.setattr(replica._reuse, "build_pending", broken)
    with caplog.at_level("ERROR", logger="atlas.store"):
        replica.warm_up()
        replica.warming.join(30)
    assert "building the search indexes after a load failed" in caplog.text
    assert replica.ensure(revision).revision == revision  # the replica still serves
