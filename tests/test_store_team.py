"""The team's store on a real PostgreSQL + PostGIS cluster: replicas that validate nothing
another already did, events as PostGIS rows, revisions heard by every replica, and a
database restarted under a running replica."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import psycopg
import pytest

import geo.store.snapshot as snapshot_module
from geo.dataset import Dataset
from geo.store import StoreUnavailable
from geo.store.__main__ import main as store_main
from geo.store.postgis import PostgisStore
from geo.store.replica import Replica, store_news
from geo.store.reuse import Reuse
from geo.store.watch import RevisionWatcher
from geo.tools import pgcluster
from tests.helpers.data import ROOT
from tests.helpers.pg import accept_copy, fresh_database

HEAR_SECONDS = 30  # a bound for a hung test only; bench/team.md reports the real delay


@pytest.fixture
def url(pg_cluster) -> str:
    return fresh_database(pg_cluster)


def test_a_new_replica_reads_the_compiled_files_and_validates_nothing(url, tmp_path, monkeypatch):
    seen: list[str] = []
    monkeypatch.setattr(snapshot_module, "compile_layer", lambda path, *a, **k: seen.append(path))
    data = PostgisStore(url, tmp_path / "new-replica").snapshot()
    assert len(data.frame) > 0 and not data.problems
    assert seen == []


def test_a_damaged_copy_is_fetched_again_never_trusted(url, tmp_path):
    store = PostgisStore(url, tmp_path / "replica")
    good = store.snapshot()
    compiled = next(store.dirs.compiled.glob("incidents-*.parquet"))
    compiled.write_bytes(b"PAR1 not really")
    (store.dirs.layers / "incidents.geojson").write_text("{}", "utf-8")
    again = store.snapshot()
    assert not again.problems and len(again.frame) == len(good.frame)


def test_events_are_postgis_rows_with_the_indexes_queries_need(url, tmp_path):
    store = PostgisStore(url, tmp_path / "replica")
    frame = store.snapshot().frame
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT count(*), count(geom) FROM atlas.events WHERE layer = 'incidents'"
        ).fetchone()
        near = conn.execute(
            "SELECT count(*) FROM atlas.events WHERE ST_DWithin(geom::geography, "
            "ST_SetSRID(ST_MakePoint(69.0, 37.5), 4326)::geography, 1000000)"
        ).fetchone()
        indexes = {
            r[0] for r in conn.execute("SELECT indexdef FROM pg_indexes WHERE schemaname = 'atlas'")
        }
    assert rows == ((frame["layer"] == "incidents").sum(), rows[1]) and rows[1] > 0
    assert near and near[0] > 0
    assert any("USING gist (geom)" in i for i in indexes)
    assert any("(date_start, date_end)" in i for i in indexes)


def test_a_write_on_one_replica_is_heard_and_seen_on_another(url, tmp_path):
    one, two = PostgisStore(url, tmp_path / "one"), PostgisStore(url, tmp_path / "two")
    two.snapshot()
    listening = RevisionWatcher(url)
    before = listening.wait_for_news(other_than=None, timeout=HEAR_SECONDS).revision
    accept_copy(one, "heard-1", who="ed@example.org")
    heard = listening.wait_for_news(other_than=before, timeout=HEAR_SECONDS)
    assert heard.error is None and heard.revision == one.revision() != before
    assert "heard-1" in set(two.snapshot().frame["id"])
    with psycopg.connect(url) as conn:
        who = conn.execute("SELECT who FROM atlas.audit ORDER BY seq DESC LIMIT 1").fetchone()
        row = conn.execute("SELECT 1 FROM atlas.events WHERE id = 'heard-1'").fetchone()
    assert who == ("ed@example.org",) and row == (1,)


def test_a_restarted_database_is_survived_and_loses_nothing(pg_cluster, url, tmp_path):
    store = PostgisStore(url, tmp_path / "replica")
    accept_copy(store, "before-restart")
    listening = RevisionWatcher(url)
    known = listening.wait_for_news(other_than=None, timeout=HEAR_SECONDS).revision
    pgcluster.stop(pg_cluster.directory)
    try:
        down = listening.wait_for_news(other_than=known, timeout=HEAR_SECONDS)
        assert down.error is not None and "unavailable" in str(down.error)
        with pytest.raises(StoreUnavailable, match="unavailable"):
            store.revision()
        assert "before-restart" in set(store.copy.snapshot().frame["id"])  # the copy stays
    finally:
        pgcluster.start(pg_cluster.directory, port=pg_cluster.port, fast=True)
    back = listening.wait(lambda heard: heard.error is None, timeout=HEAR_SECONDS)
    assert back.error is None and back.revision == known
    assert "before-restart" in set(PostgisStore(url, tmp_path / "after").snapshot().frame["id"])


def test_the_command_line_loads_migrates_and_reports(url, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ATLAS_STORE", url)
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "data"
    data.mkdir()
    assert store_main(["load", "--data", str(data), "--who", "loader"]) == 0
    assert "events:" in capsys.readouterr().out
    assert store_main(["load", "--if-empty"]) == 0  # a start of scripts/team.sh after the first
    assert "nothing loaded" in capsys.readouterr().out
    assert store_main(["migrate"]) == 0
    assert "up to date" in capsys.readouterr().out
    assert store_main(["status"]) == 0
    assert "revision r" in capsys.readouterr().out
    assert store_main(["audit", "--last", "1"]) == 0
    last = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert (last["action"], last["who"]) == ("load", "loader")


def test_an_unreachable_store_is_named_without_its_password(tmp_path):
    port = pgcluster.free_port()
    store = PostgisStore(f"postgresql://atlas:s3cret@127.0.0.1:{port}/atlas", tmp_path / "x")
    with pytest.raises(StoreUnavailable) as caught:
        store.revision()
    assert f"127.0.0.1:{port}" in str(caught.value) and "s3cret" not in str(caught.value)


def test_a_database_without_the_schema_says_what_to_run(pg_cluster, tmp_path):
    with psycopg.connect(pg_cluster.url, autocommit=True) as conn:
        conn.execute("CREATE DATABASE atlas_empty")
    empty = pg_cluster.url.rsplit("/", 1)[0] + "/atlas_empty"
    with pytest.raises(StoreUnavailable, match="atlas-store migrate"):
        PostgisStore(empty, tmp_path / "x").snapshot()


@pytest.mark.parametrize("out", ["acled.parquet", "acled.geojson"])
def test_an_import_into_the_replicas_copy_lands_in_the_shared_store(
    url, tmp_path, monkeypatch, out
):
    from geo import settings
    from geo.importers.__main__ import main as import_main

    monkeypatch.setenv("ATLAS_STORE", url)
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(tmp_path / "replica"))
    env = settings.from_env()
    PostgisStore(url, env.cache_dir).sync()
    acled = ROOT / "tests" / "fixtures" / "acled" / "acled_export_fixture.csv"
    args = [
        "acled",
        str(acled),
        "--out",
        str(env.layers_dir / out),
        "--layers",
        str(env.layers_dir),
    ]
    assert import_main([*args, "--data", str(env.data_dir), "--seeds", str(env.seeds_dir)]) == 0
    other = PostgisStore(url, tmp_path / "another-replica")
    frame = other.snapshot().frame
    assert (frame["layer"] == "acled").sum() > 0
    assert (other.dirs.data / "acled_export_fixture.csv").is_file()
    assert other.audit()[-1]["action"] == "import"


_EDITOR = """
import json, sys
from geo import settings
from geo.ingest import propose
from geo.ingest.review import ArticleMeta, accept

n = int(sys.argv[1])
env = settings.from_env()
text = ("ДУШАНБЕ, 2 декабря 2025 года.\\n30 ноября на участке границы близ Пянджа "
        f"произошла перестрелка, погибли {n + 2} нарушителя. Сообщение {n}.\\n")
candidate = propose(text, "pasted.txt")["features"][0]
candidate["properties"]["sources"][0]["translation"] = "On 30 November a firefight ..."
meta = ArticleMeta(lang="ru", published="2025-12-02", outlet="Test outlet")
out = accept(candidate, text, meta, "incidents", env.layers_dir, env.seeds_dir,
             who=f"ed{n}@example.org")
print(json.dumps({"problems": [str(p) for p in out.problems], "id": out.feature_id}))
"""


def _editor(url: str, cache: str, n: int) -> subprocess.Popen:
    """One editor on one replica: its own process, its own copy, the review door."""
    env = {**os.environ, "ATLAS_STORE": url, "ATLAS_CACHE_DIR": cache}
    return subprocess.Popen(
        [sys.executable, "-c", _EDITOR, str(n)], cwd=ROOT, env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def _result(proc: subprocess.Popen) -> dict:
    out, err = proc.communicate(timeout=600)  # a bound for a hang only
    assert proc.returncode == 0, err[-3000:]
    return json.loads(out.strip().splitlines()[-1])


def test_editors_on_two_replicas_accept_at_once_through_the_review_door(url, tmp_path, monkeypatch):
    """The review page's accept and undo on two replicas (two processes, two copies) of
    one store at once: both land, each audit entry names its editor, an undo takes back
    only its own."""
    from geo import settings
    from geo.ingest.review import read_audit, undo_last

    jobs = [(url, str(tmp_path / f"replica-{n}"), n) for n in (0, 1)]
    editors = [_editor(*job) for job in jobs]  # both at once
    results = [_result(proc) for proc in editors]
    assert all(r["problems"] == [] for r in results), results
    accepted = [r["id"] for r in results]
    assert set(accepted) <= set(PostgisStore(url, tmp_path / "third").snapshot().frame["id"])
    monkeypatch.setenv("ATLAS_STORE", url)
    monkeypatch.setenv("ATLAS_CACHE_DIR", jobs[1][1])
    env = settings.from_env()
    who = {e["who"] for e in read_audit(env.layers_dir) if e["action"] == "accept"}
    assert who == {"ed0@example.org", "ed1@example.org"}
    undone = undo_last(env.layers_dir, env.seeds_dir, who="ed1@example.org")
    assert undone.problems == [] and undone.feature_id == accepted[1]
    after = set(PostgisStore(url, tmp_path / "fourth").snapshot().frame["id"])
    assert accepted[0] in after and accepted[1] not in after


def test_a_file_name_leading_out_of_the_copy_is_refused(url, tmp_path):
    """Even a database row written behind the store's back cannot place a file outside
    the replica's copy (the schema refuses '..' too; this is the replica's own check)."""
    with psycopg.connect(url) as conn:
        conn.execute("ALTER TABLE atlas.files DROP CONSTRAINT files_path_check")
        conn.execute(
            "INSERT INTO atlas.files (area, path, sha256, size) SELECT 'seeds', "
            "'../../escaped.txt', sha256, size FROM atlas.files LIMIT 1"
        )
    with pytest.raises(ValueError, match="outside its folder"):
        PostgisStore(url, tmp_path / "replica").sync()
    assert not (tmp_path / "escaped.txt").exists()
    assert not list(tmp_path.rglob("escaped.txt"))


def test_a_burst_of_accepts_is_one_load_of_the_last_revision(url, tmp_path):
    """Ten accepts land while the replica's follower is busy loading: it then loads once
    more at most, straight to the database's newest revision, with every accepted event;
    and a replica's next load reads only the accepted layer again."""
    editor, copy = PostgisStore(url, tmp_path / "editor"), PostgisStore(url, tmp_path / "replica")
    gate, loads = threading.Event(), []

    def load(reuse: Reuse) -> tuple[str, Dataset]:
        gate.wait(HEAR_SECONDS)  # held while the burst lands (a load that takes long)
        reuse.counts.clear()
        revision, data = copy.reload(reuse)
        loads.append((revision, dict(reuse.counts)))
        return revision, data

    replica = Replica(copy.revision, load)
    gate.set()
    first = replica.refresh()
    gate.clear()
    replica.follow(store_news(url))
    try:
        for n in range(10):
            accept_copy(editor, f"burst-{n}", who="ed@example.org", expect=False)
        newest = editor.revision()
        gate.set()
        done = replica.wait_for(lambda d: d is not None and d.revision == newest, timeout=60)
    finally:
        replica.stop()
    assert done is not None and done.revision == newest != first.revision
    assert {f"burst-{n}" for n in range(10)} <= set(done.data.frame["id"])
    after_burst = loads[1:]
    assert 1 <= len(after_burst) <= 2, after_burst  # ten accepts: one or two loads
    expected = {"tables": 1, "files": 1, "indexes": 1, "areas": 1}  # the layer accepted into
    assert after_burst[-1][1] == expected
