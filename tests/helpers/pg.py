"""A real PostgreSQL + PostGIS cluster for the tests (Debian's binaries, started once per
session, stopped at its end), and a fresh database per test, copied from a template that
already holds the shipped layers, seeds and data."""

from __future__ import annotations

import itertools
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from geo.store.pg import migrate
from geo.store.postgis import PostgisStore
from geo.tools import pgcluster
from tests.helpers.data import LAYERS, SEEDS, read_layer, with_copied_event

TEMPLATE = "atlas_loaded"
_NUMBER = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[pgcluster.Cluster]:
    """A throw-away cluster with a template database the shipped files were loaded into."""
    home = Path(tempfile.mkdtemp(prefix="atlas-pg-", dir="/tmp"))
    home.chmod(0o755)  # the server runs as `postgres` when the tests run as root
    cluster = pgcluster.start(home / "cluster", fast=True)
    try:
        _make_template(cluster, home)
        yield cluster
    finally:
        pgcluster.stop(cluster.directory)
        shutil.rmtree(home, ignore_errors=True)


def _url(cluster: pgcluster.Cluster, name: str) -> str:
    return cluster.url.rsplit("/", 1)[0] + "/" + name


def _make_template(cluster: pgcluster.Cluster, home: Path) -> None:
    with psycopg.connect(cluster.url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {TEMPLATE}")
    url = _url(cluster, TEMPLATE)
    migrate(url)
    empty = home / "empty"
    empty.mkdir()
    PostgisStore(url, home / "template-cache").load(LAYERS, SEEDS, empty, who="tests")


def fresh_database(cluster: pgcluster.Cluster) -> str:
    """A new database holding what the template holds; its URL."""
    name = f"atlas_t{next(_NUMBER)}"
    with psycopg.connect(cluster.url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    return _url(cluster, name)


def accept_copy(store: PostgisStore, new_id: str, *, who: str = "", expect: bool = True) -> None:
    """One more event in `incidents` through the store's write door, as an editor's accept:
    a copy of its first event under `new_id` (`expect`: refuse if the revision moved)."""
    with store.lock():  # the copy brought up to date first, as the review page's accept does
        layer = read_layer(store.dirs.layers / "incidents.geojson")
        revision = store.revision() if expect else None
        added = with_copied_event(layer, new_id)
        problems = store.write("incidents", added, expect=revision, action="accept", who=who)
    if problems:
        raise AssertionError(f"accept of {new_id} refused: {problems}")
