"""The store: the compiled read model gives what a full load gives, is trusted only while
every input it was made from holds, and every write goes through one locked, audited door."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
import time
from pathlib import Path

import geopandas
import pandas as pd
import pyarrow.parquet as pq
import pytest

import geo.store.compiled as compiled_module
import geo.store.snapshot as snapshot_module
import geo.store.stream as stream
from geo.dataset import load_dataset
from geo.importers.__main__ import main as import_main
from geo.store import FileStore, WriteConflict, hashing
from geo.store.compiled import MANIFEST
from tests.helpers.data import ROOT, SEEDS, copy_layers, read_layer

ACLED = ROOT / "tests" / "fixtures" / "acled" / "acled_export_fixture.csv"


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A copy of the shipped layers and seeds, with no compiled files yet."""
    layers, seeds, data = tmp_path / "layers", tmp_path / "seeds", tmp_path / "data"
    copy_layers(layers, compiled=False)
    shutil.copytree(SEEDS, seeds)
    data.mkdir()
    return layers, seeds, data


def _store(dirs: tuple[Path, Path, Path]) -> FileStore:
    return FileStore(*dirs)


def _compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record which layers get compiled (validated) from now on."""
    seen: list[str] = []
    real = snapshot_module.compile_layer

    def spy(path: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(snapshot_module, "compile_layer", spy)
    return seen


def test_the_snapshot_is_what_a_full_load_gives(dirs):
    full = load_dataset(*dirs)
    snap = _store(dirs).snapshot()
    columns = [c for c in full.frame.columns]
    pd.testing.assert_frame_equal(
        full.frame[columns].reset_index(drop=True), snap.frame[columns].reset_index(drop=True)
    )
    assert snap.problems == full.problems
    assert list(snap.layers) == list(full.layers)
    assert dict(snap.matches) == full.matches
    assert dict(snap.areas) == full.areas
    assert all(snap.features[fid] == feat for fid, feat in full.features.items())
    assert len(snap.features) == len(full.features)
    assert all(snap.layer_of[fid] == layer for fid, layer in full.layer_of.items())


def test_a_second_start_parses_no_layer_and_validates_nothing(dirs, monkeypatch):
    first = _store(dirs).snapshot()

    def refuse(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("an unchanged event layer was parsed or validated again")

    monkeypatch.setattr(compiled_module, "layer_from_data", refuse)
    monkeypatch.setattr(snapshot_module, "compile_layer", refuse)
    again = _store(dirs).snapshot()
    pd.testing.assert_frame_equal(first.frame, again.frame)
    assert again.problems == first.problems


def test_a_layer_edited_behind_the_stores_back_is_compiled_again(dirs, monkeypatch):
    layers = dirs[0]
    _store(dirs).snapshot()
    data = read_layer(layers / "incidents.geojson")
    data["features"][0]["properties"]["title"] = "A title changed by hand"
    (layers / "incidents.geojson").write_text(json.dumps(data), encoding="utf-8")
    compiled = _compiles(monkeypatch)
    snap = _store(dirs).snapshot()
    assert compiled == ["incidents.geojson"]
    fid = data["features"][0]["properties"]["id"]
    assert snap.features[fid].properties.title == "A title changed by hand"
    assert "A title changed by hand" in set(snap.frame["title"])


@pytest.mark.parametrize("damage", ["append", "truncate", "swap"])
def test_a_damaged_or_swapped_compiled_file_is_never_trusted(dirs, monkeypatch, damage):
    full = load_dataset(*dirs)
    _store(dirs).snapshot()
    folder = dirs[0] / ".compiled"
    incidents = next(folder.glob("incidents-*.parquet"))
    sites = next(folder.glob("sites-*.parquet"))
    if damage == "append":
        incidents.write_bytes(incidents.read_bytes() + b"\0")
    elif damage == "truncate":
        incidents.write_bytes(incidents.read_bytes()[:100])
    else:  # a valid compiled file of another layer under this one's name
        shutil.copyfile(sites, incidents)
    compiled = _compiles(monkeypatch)
    snap = _store(dirs).snapshot()
    assert compiled == ["incidents.geojson"]
    assert sorted(snap.frame["id"]) == sorted(full.frame["id"])
    assert snap.problems == full.problems


def test_a_changed_seed_is_caught_in_every_layer_that_quotes_it(dirs, monkeypatch):
    layers, seeds, _ = dirs
    _store(dirs).snapshot()
    seed = sorted(seeds.glob("*.txt"))[0]
    seed.write_text("x" + seed.read_text(encoding="utf-8"), encoding="utf-8")  # offsets move
    compiled = _compiles(monkeypatch)
    snap = _store(dirs).snapshot()
    assert compiled == sorted(
        p.name for p in layers.glob("*.geojson") if "atlas:reference" not in p.read_text()
    )
    assert any(seed.name in p.message or (p.field and "sources" in p.field) for p in snap.problems)
    assert snap.problems == load_dataset(*dirs).problems


def test_a_changed_border_recompiles_and_a_deleted_layer_is_forgotten(dirs, monkeypatch):
    layers = dirs[0]
    _store(dirs).snapshot()
    border = read_layer(layers / "border.geojson")
    border["features"][0]["properties"]["scale"] = "changed"
    (layers / "border.geojson").write_text(json.dumps(border), encoding="utf-8")
    (layers / "sites.geojson").unlink()
    compiled = _compiles(monkeypatch)
    snap = _store(dirs).snapshot()
    assert "incidents.geojson" in compiled and "sites.geojson" not in compiled
    assert "sites" not in set(snap.frame["layer"])
    manifest = json.loads((layers / ".compiled" / MANIFEST).read_text())
    assert "sites.geojson" not in manifest["layers"]
    assert not list((layers / ".compiled").glob("sites-*.parquet"))


def test_an_edited_dataset_file_is_caught(dirs, monkeypatch):
    layers, seeds, data = dirs
    out = layers / "acled.geojson"
    args = ["acled", str(ACLED), "--out", str(out), "--layers", str(layers), "--data", str(data)]
    assert import_main([*args, "--seeds", str(seeds)]) == 0
    before = _store(dirs).snapshot()
    assert (before.frame["layer"] == "acled").sum() == 3
    kept = next(data.glob("*.csv"))
    kept.write_bytes(kept.read_bytes().replace(b"Tajikistan", b"Tadjikistan"))
    compiled = _compiles(monkeypatch)
    after = _store(dirs).snapshot()
    assert compiled == ["acled.geojson"]
    assert (after.frame["layer"] == "acled").sum() < 3
    assert any(p.file == "acled.geojson" for p in after.problems)


def test_the_compiled_file_is_geoparquet(dirs):
    """geopandas reads it as GeoParquet 1.0 (the pyogrio wheel's GDAL has no Parquet
    driver here: it tries ADBC and libduckdb, so GDAL cannot be the proof)."""
    snap = _store(dirs).snapshot()
    path = next((dirs[0] / ".compiled").glob("incidents-*.parquet"))
    meta = json.loads(pq.read_schema(path).metadata[b"geo"])
    assert meta["version"] == "1.0.0" and meta["primary_column"] == "geometry"
    frame = geopandas.read_parquet(path)
    assert len(frame) == (snap.frame["layer"] == "incidents").sum()
    assert set(frame.geometry.geom_type) == {"Point"}
    row = snap.frame.set_index("id").loc[frame["id"].iloc[0]]
    assert frame.geometry.iloc[0].x == pytest.approx(row["lon"])
    assert frame.geometry.iloc[0].y == pytest.approx(row["lat"])


def test_a_write_with_a_stale_revision_is_refused_and_loses_nothing(dirs):
    store = _store(dirs)
    read_at = store.revision()
    data = read_layer(dirs[0] / "incidents.geojson")
    assert store.write("incidents", data, expect=read_at, action="test") == []
    before = (dirs[0] / "incidents.geojson").read_bytes()
    data["features"] = data["features"][:1]
    with pytest.raises(WriteConflict):
        store.write("incidents", data, expect=read_at, action="test")
    assert (dirs[0] / "incidents.geojson").read_bytes() == before
    assert [e["action"] for e in store.audit()] == ["test"]


def test_an_invalid_write_is_refused_with_named_problems(dirs):
    store = _store(dirs)
    data = read_layer(dirs[0] / "incidents.geojson")
    before = (dirs[0] / "incidents.geojson").read_bytes()
    data["features"][0]["properties"]["date_start"] = "not a date"
    problems = store.write("incidents", data, expect=None, action="test")
    fid = data["features"][0]["properties"]["id"]
    assert problems and all(p.file == "incidents.geojson" for p in problems)
    assert any(p.feature == fid for p in problems)
    assert (dirs[0] / "incidents.geojson").read_bytes() == before
    assert store.audit() == []


def test_a_write_is_compiled_so_the_next_start_validates_nothing(dirs, monkeypatch):
    store = _store(dirs)
    store.snapshot()
    data = read_layer(dirs[0] / "incidents.geojson")
    data["features"][0]["properties"]["title"] = "Written through the door"
    assert store.write("incidents", data, expect=None, action="test") == []
    compiled = _compiles(monkeypatch)
    snap = _store(dirs).snapshot()
    assert compiled == []
    assert "Written through the door" in set(snap.frame["title"])


def test_the_first_write_on_a_fresh_clone_compiles_no_other_layer_again(dirs, monkeypatch):
    """The first write makes the store's locks (in the layers' and the seeds' folders): no
    input of any other layer, so nothing else is compiled again (at a million events an
    import's layer took 140 s)."""
    layers, seeds, _ = dirs
    for lock in (*layers.glob(".*.lock"), *seeds.glob(".*.lock")):
        lock.unlink()  # as a fresh clone has it
    store = _store(dirs)
    store.snapshot()
    data = read_layer(layers / "sites.geojson")
    data["features"][0]["properties"]["title"] = "The first write"
    assert store.write("sites", data, expect=None, action="test") == []
    assert list(seeds.glob(".*.lock"))  # the write made it
    compiled = _compiles(monkeypatch)
    assert "The first write" in set(_store(dirs).snapshot().frame["title"])
    assert compiled == []


def test_two_writers_through_the_door_at_once_lose_nothing(dirs):
    """An import and hand edits of another layer, at the same time: both land."""
    layers, seeds, data = dirs
    store = _store(dirs)
    errors: list[BaseException] = []

    def edit(n: int) -> None:
        for _attempt in range(20):
            read_at = store.revision()
            layer = read_layer(layers / "incidents.geojson")
            layer["features"][n]["properties"]["title"] = f"edited {n}"
            try:
                store.write("incidents", layer, expect=read_at, action="edit")
                return
            except WriteConflict:
                continue
        errors.append(AssertionError(f"edit {n} never landed"))

    def run_import() -> None:
        out = layers / "acled.geojson"
        args = ["acled", str(ACLED), "--out", str(out), "--layers", str(layers)]
        if import_main([*args, "--data", str(data), "--seeds", str(seeds)]) != 0:
            errors.append(AssertionError("import failed"))

    threads = [threading.Thread(target=edit, args=(n,)) for n in range(3)]
    threads.append(threading.Thread(target=run_import))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    snap = store.snapshot()
    titles = set(snap.frame["title"])
    assert {"edited 0", "edited 1", "edited 2"} <= titles
    assert (snap.frame["layer"] == "acled").sum() == 3
    actions = sorted(e["action"] for e in store.audit())
    assert actions == ["edit", "edit", "edit", "import"]


def test_the_view_downloads_as_geoparquet(dirs, tmp_path):
    from geo.export import CSV_COLUMNS, to_geoparquet

    snap = _store(dirs).snapshot()
    shown = list(snap.frame["id"])
    path = tmp_path / "view.parquet"
    path.write_bytes(to_geoparquet((snap.features[i] for i in shown), snap.manifest))
    frame = geopandas.read_parquet(path)
    assert list(frame["event_id_cnty"]) == shown
    assert set(CSV_COLUMNS) <= set(frame.columns)
    assert frame.crs.to_epsg() == 4326
    assert frame.geometry.x.tolist() == pytest.approx(snap.frame["lon"].tolist())
    assert str(frame["fatalities"].dtype) == "Int64"


def test_a_replaced_snapshot_is_freed(dirs):
    """Nothing derived from a snapshot keeps it alive once the app lets it go: the filter
    indexes, the URL rules and the about facts are per-object caches that follow it."""
    import gc
    import weakref

    from geo.choices import date_extent
    from geo.filters import prepare
    from geo.urlstate import atlas_spec
    from geo.view import about

    snap = _store(dirs).snapshot()
    prepare(snap.frame)
    atlas_spec(snap)
    date_extent(snap.frame)
    about.origins_of(snap)
    about.claimed_features(snap)
    gone = (weakref.ref(snap), weakref.ref(snap.frame), weakref.ref(snap.features))
    del snap
    gc.collect()
    assert [ref() for ref in gone] == [None, None, None]


def test_a_big_frames_word_index_is_built_in_the_background_and_finds_the_same(dirs, monkeypatch):
    import geo.filters as filters

    monkeypatch.setattr(filters, "SMALL_FRAME", 0)  # the shipped layers are few: index them
    snap = _store(dirs).snapshot()
    words = ["kund", "taliban", "панҷ", "xyz-none", "2025"]
    before = {w: filters._search(snap.frame, w).copy() for w in words}  # small: the index
    frame = snap.frame.copy()  # a new frame object: its own index, not yet built
    monkeypatch.setattr(filters, "BACKGROUND_INDEX_ABOVE", 0)
    release = threading.Event()
    real_build = filters.build_index
    monkeypatch.setattr(filters, "build_index", lambda texts: release.wait() and real_build(texts))
    thread = filters.prepare(frame)
    assert thread is not None and filters._word_index(frame) is None  # not ready: scans
    scanned = {w: filters._search(frame, w).copy() for w in words}
    release.set()
    thread.join()
    assert filters._word_index(frame) is not None
    indexed = {w: filters._search(frame, w) for w in words}
    for w in words:
        assert (scanned[w] == before[w]).all() and (indexed[w] == before[w]).all(), w
    assert any(before[w].any() for w in words)


def test_edits_in_a_row_never_pile_up_background_index_builds(dirs, monkeypatch):
    import geo.filters as filters

    monkeypatch.setattr(filters, "SMALL_FRAME", 0)  # the shipped layers are few: index them
    snap = _store(dirs).snapshot()
    frames = [snap.frame.copy() for _ in range(3)]  # three loads in a row
    monkeypatch.setattr(filters, "BACKGROUND_INDEX_ABOVE", 0)
    release, started, built = threading.Event(), threading.Event(), []
    real_build = filters.build_index

    def slow_build(texts):  # type: ignore[no-untyped-def]
        built.append(texts)
        started.set()
        release.wait()
        return real_build(texts)

    monkeypatch.setattr(filters, "build_index", slow_build)
    thread = filters.prepare(frames[0])
    assert started.wait(timeout=60)  # the first build is under way
    assert filters.prepare(frames[1]) is thread and filters.prepare(frames[2]) is thread
    release.set()
    thread.join()
    assert len(built) == 2  # the first, under way, and the newest; the one between skipped
    assert filters._word_index(frames[2]) is not None and filters._word_index(frames[1]) is None


def test_the_loaded_frame_is_one_block_per_type(dirs):
    # Every filter copies the rows it keeps, one take per block of columns: a frame left
    # in a block per column (as columns are added one by one) made each copy 4x slower.
    frame = _store(dirs).snapshot().frame
    assert frame._mgr.is_consolidated(), frame._mgr.nblocks


def test_the_loaded_frame_s_texts_are_one_chunk_each(dirs, monkeypatch):
    """A compiled file is read as one Arrow chunk per row group; a text column left so
    made every page of the feed (a take of 20 rows of every column) join the whole column
    again: 0.5 s a run at a million events. Row groups of 3 rows make many chunks here."""
    monkeypatch.setattr(stream, "ROW_GROUP", 3)
    frame = _store(dirs).snapshot().frame
    chunks = {
        name: frame[name].array._pa_array.num_chunks
        for name in frame.columns
        if hasattr(frame[name].array, "_pa_array")
    }
    assert "search_text" in chunks and "title" in chunks
    assert set(chunks.values()) == {1}, chunks


def test_files_warmed_side_by_side_hash_as_one_at_a_time(tmp_path):
    """`hashing.warm` fills the cache `file_sha` reads: the same SHA-256 per file, and a
    file over the limit, a folder or a missing path left alone."""
    files = [tmp_path / f"f{n}.bin" for n in range(4)]
    for n, path in enumerate(files):
        path.write_bytes(bytes([n]) * (n * 3_000_001 + 7))
    (tmp_path / "folder").mkdir()
    hashing.warm([*files, tmp_path / "folder", tmp_path / "gone"], limit=7_000_000)
    kept = {key[0]: sha for key, sha in hashing._KEPT.items()}
    for path in files[:3]:
        assert kept[str(path)] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert str(files[3]) not in kept  # 9 MB, over the limit
    assert hashing.file_sha(files[1], 7_000_000) == kept[str(files[1])]


def test_folder_hashes_leave_out_the_store_s_plumbing_and_nothing_else(tmp_path):
    """The lock, the compiled folder and an atomic write's temporary file change no hash; a
    hidden file the readers read (the seeds' glob takes `.notes.txt`) does."""
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    before = hashing.dir_sha(tmp_path)
    (tmp_path / hashing.LOCK_NAME).touch()
    (tmp_path / ".a.txt.k2j4x.tmp").write_text("half", encoding="utf-8")
    (tmp_path / ".compiled").mkdir()
    assert hashing.dir_sha(tmp_path) == before
    (tmp_path / ".notes.txt").write_text("read", encoding="utf-8")
    assert hashing.dir_sha(tmp_path) != before


def test_a_killed_compile_s_leftovers_are_swept_and_one_under_way_is_left(dirs):
    layers = dirs[0]
    _store(dirs).snapshot()
    compiled = layers / ".compiled"
    old = [compiled / ".incidents-0123456789abcdef-dead.parquet.tmp", layers / ".x.geojson.1.tmp"]
    young = [compiled / ".incidents-0123456789abcdef-live.parquet.tmp"]
    for path in [*old, *young]:
        path.write_bytes(b"half a file")
    long_ago = time.time() - snapshot_module.STALE_TEMP_SECONDS - 60
    for path in old:
        os.utime(path, (long_ago, long_ago))
    data = read_layer(layers / "incidents.geojson")  # an edit: the next start publishes
    data["features"][0]["properties"]["title"] = "Edited by hand"
    (layers / "incidents.geojson").write_text(json.dumps(data), encoding="utf-8")
    _store(dirs).snapshot()
    assert [p.exists() for p in old] == [False, False]
    assert all(p.exists() for p in young)
