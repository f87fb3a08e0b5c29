"""`PostgisStore`: the team's atlas in PostgreSQL + PostGIS, shared by every replica.

The database holds everything (`geo/store/sql/`): the files byte for byte, the compiled
file each writer made, the events as PostGIS rows, the audit log, and one revision that
every write raises (and NOTIFYs on channel `atlas_revision`).

Each replica keeps a copy (`ATLAS_CACHE_DIR`): the same files and compiled files, which a
`FileStore` reads as it reads any files. So the dashboard starts from compiled columns,
as on one machine, and a replica validates nothing another already did (the compiled
files' manifest still names every input's hash, so a copy that does not match is
compiled again, never trusted).

A write takes the database's advisory lock and the copy's, brings the copy up to the
database, validates and compiles through the copy's `FileStore`, then sends the change in
one transaction that refuses (WriteConflict) if the revision moved meanwhile: two editors
on two replicas both land, or one is told to read again; nothing is overwritten.
"""

from __future__ import annotations

import datetime as dt
import shutil
import threading
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from psycopg.types.json import Jsonb

from geo.dataset import Dataset
from geo.errors import Problem
from geo.io import MAX_LAYER_BYTES
from geo.settings import store_copy
from geo.store import events_table, mirror
from geo.store.base import WriteConflict
from geo.store.files import FileStore, read_audit
from geo.store.pg import CHANNEL, connect
from geo.store.reuse import Reuse
from geo.store.watch import read_revision as _revision

_WRITE_LOCK = 0x41544C57  # the advisory lock every writer takes
# Per thread, the revision each database's lock holder brought its copy to: every store
# object of one database in one thread shares it, so the lock re-enters (the review
# page's accept holds it and writes through another object of the same store).
_HELD = threading.local()


class PostgisStore:
    """The atlas in a shared database (see the module's docstring)."""

    def __init__(self, url: str, cache_dir: Path, *, max_layer_bytes: int = MAX_LAYER_BYTES):
        self.url = url
        self.root = store_copy(url, Path(cache_dir))
        self.copy = FileStore(
            self.root / "layers", self.root / "seeds", self.root / "data",
            compiled_dir=self.root / "compiled", max_layer_bytes=max_layer_bytes,
        )  # fmt: skip
        self.dirs = self.copy.dirs
        for directory in (self.dirs.layers, self.dirs.seeds, self.dirs.data):
            directory.mkdir(parents=True, exist_ok=True)

    @property
    def _base(self) -> str | None:
        """The revision this thread's lock brought the copy to (None: not held)."""
        return getattr(_HELD, "bases", {}).get(self.root)

    @_base.setter
    def _base(self, value: str | None) -> None:
        if not hasattr(_HELD, "bases"):
            _HELD.bases = {}
        _HELD.bases[self.root] = value

    def revision(self) -> str:
        """The database's revision ("r<number>")."""
        with connect(self.url) as conn:
            return _revision(conn, self.url)

    def snapshot(self) -> Dataset:
        """Everything the dashboard shows: the copy brought up to the database, read as
        files (compiled files first)."""
        with self.copy.lock():
            self.sync()
            return self.copy.snapshot()

    def reload(self, reuse: Reuse) -> tuple[str, Dataset]:
        """(the database's revision, its Dataset), the copy brought up to it and only what
        changed since the last load with `reuse` read again (`geo/store/replica.py`)."""
        with self.copy.lock():
            revision = self.sync()
            return revision, self.copy.snapshot(reuse)

    def sync(self) -> str:
        """Make the copy equal to the database; the revision it now is."""
        with self.copy.lock(), connect(self.url) as conn:
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            revision = _revision(conn, self.url)
            mirror.pull(conn, self.dirs)
        return revision

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Every other writer, on any replica, held off; the copy brought up to date
        first. Re-entrant within a thread."""
        if self._base is not None:
            yield
            return
        with connect(self.url, autocommit=True) as conn:
            conn.execute("SELECT pg_advisory_lock(%s)", (_WRITE_LOCK,))
            with self.copy.lock():
                self._base = self.sync()
                try:
                    yield
                finally:
                    self._base = None
            conn.execute("SELECT pg_advisory_unlock(%s)", (_WRITE_LOCK,))

    def write(
        self,
        layer: str,
        collection: dict[str, Any] | str,
        *,
        expect: str | None,
        action: str,
        who: str = "",
        detail: dict[str, Any] | None = None,
    ) -> list[Problem]:
        """Write one layer: validated and compiled in the copy, then sent in one
        transaction if the database is still at revision `expect` (None: whatever it is)."""
        with self.lock():
            if expect is not None and expect != self._base:
                raise WriteConflict(layer)
            problems = self.copy.write(
                layer, collection, expect=None, action=action, who=who, detail=detail
            )
            if not problems:
                self._send(layer)
        return problems

    def write_import(
        self,
        layer: str,
        batches: Iterable[list[dict[str, Any]]],
        written: dict[str, Any],
        *,
        who: str = "",
        detail: dict[str, Any] | None = None,
        skip_invalid: bool = False,
    ) -> tuple[list[Problem], int]:
        """An imported layer as GeoParquet (see `FileStore.write_import`), then sent."""
        with self.lock():
            problems, rows = self.copy.write_import(
                layer, batches, written, who=who, detail=detail, skip_invalid=skip_invalid
            )
            if rows:  # written
                self._send(layer)
        return problems, rows

    def load(self, layers: Path, seeds: Path, data: Path, *, who: str = "") -> list[Problem]:
        """Put these directories' files into the store (what differs), compiled here once;
        the problems the layers have (they are loaded all the same, as files are)."""
        with self.lock():
            for source, target in ((layers, self.dirs.layers), (seeds, self.dirs.seeds),
                                   (data, self.dirs.data)):  # fmt: skip
                _replace_tree(Path(source), target)
            problems = list(self.copy.snapshot().problems)
            self._send("*", {"txn": uuid.uuid4().hex, "action": "load", "layer": "*",
                             "who": who, "from": str(layers), "time": _now()})  # fmt: skip
        return problems

    def _send(self, layer: str, entry: dict[str, Any] | None = None) -> None:
        """The copy's changes, the audit entry (by default the one the copy's write just
        logged) and the new revision, in one transaction."""
        if entry is None:
            entry = {k: v for k, v in read_audit(self.dirs.layers)[-1].items() if k != "phase"}
        with connect(self.url) as conn:
            found = conn.execute("SELECT revision FROM atlas.state FOR UPDATE").fetchone()
            if found is None or f"r{found[0]}" != self._base:
                raise WriteConflict(layer)
            touched = mirror.push(conn, self.dirs)
            events_table.project(conn, self.dirs, touched)
            conn.execute(
                "INSERT INTO atlas.audit (txn, action, layer, who, entry) "
                "VALUES (%s, %s, %s, %s, %s)",
                (entry["txn"], entry["action"], entry["layer"], entry.get("who", ""), Jsonb(entry)),
            )
            new = f"r{found[0] + 1}"
            conn.execute("UPDATE atlas.state SET revision = revision + 1, changed_at = now()")
            conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, new))
        self._base = new

    def audit(self) -> list[dict[str, Any]]:
        """Every audit entry, oldest first."""
        with connect(self.url) as conn:
            rows = conn.execute("SELECT entry FROM atlas.audit ORDER BY seq").fetchall()
        return [dict(row[0]) for row in rows]

    def note(self, entry: dict[str, Any]) -> None:
        """Add an audit entry that changes no layer."""
        entry = {"txn": uuid.uuid4().hex, **entry}
        with connect(self.url) as conn:
            conn.execute(
                "INSERT INTO atlas.audit (txn, action, layer, who, entry) "
                "VALUES (%s, %s, %s, %s, %s)",
                (entry["txn"], str(entry.get("action", "")), str(entry.get("layer", "")),
                 str(entry.get("who", "")), Jsonb(entry)),
            )  # fmt: skip

    def audit_problems(self) -> list[Problem]:
        """None: a transaction either wrote its entry with its change or wrote neither."""
        return []


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _replace_tree(source: Path, target: Path) -> None:
    """Make `target` hold exactly `source`'s visible files (hidden ones are left alone)."""
    wanted = {p.relative_to(source) for p in mirror.walk(source)} if source.is_dir() else set()
    for path in list(mirror.walk(target)):
        if path.relative_to(target) not in wanted:
            path.unlink()
    for rel in wanted:
        out = target / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / rel, out)
