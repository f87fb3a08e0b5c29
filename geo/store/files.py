"""`FileStore`: the layers, seeds and datasets as files on one disk, with the compiled read
model beside them (`<layers>/.compiled/` unless `ATLAS_COMPILED_DIR` says otherwise).

One door for every write: `write()` validates what it writes once (and compiles it, so no
start validates it again), takes the lock, refuses a write whose revision is stale,
replaces the file atomically and appends to the audit log.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import threading
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from geo.dataset import Dataset
from geo.errors import Problem
from geo.fingerprints import content_key, fingerprint
from geo.io import MAX_LAYER_BYTES, dump_geojson
from geo.seeds import MAX_SEED_BYTES
from geo.store import hashing
from geo.store.base import AUDIT_NAME, LOCK_NAME, WriteConflict
from geo.store.reuse import Reuse
from geo.store.snapshot import Dirs, build_snapshot
from geo.store.writes import write_import, write_layer
from geo.stories import stories_dir

_HELD = threading.local()  # per thread: how deep it holds the lock (lock() re-enters)


class FileStore:
    """The atlas's data as files (see the module's docstring)."""

    def __init__(
        self,
        layers_dir: Path,
        seeds_dir: Path,
        data_dir: Path,
        *,
        compiled_dir: Path | None = None,
        max_layer_bytes: int = MAX_LAYER_BYTES,
    ):
        layers_dir = Path(layers_dir)
        self.dirs = Dirs(
            layers=layers_dir,
            seeds=Path(seeds_dir),
            data=Path(data_dir),
            compiled=Path(compiled_dir) if compiled_dir else layers_dir / ".compiled",
            max_layer_bytes=max_layer_bytes,
        )

    def revision(self) -> str:
        """Changes whenever any file the atlas reads does (names and contents)."""
        d = self.dirs
        folders = (d.layers, d.seeds, stories_dir(d.layers), d.data)
        hashing.warm(_files(*folders, d.compiled), max(MAX_LAYER_BYTES, MAX_SEED_BYTES))
        found = fingerprint(*folders, key=_key)
        found = tuple(e for e in found if not hashing.plumbing(Path(e[0]).name))
        return hashlib.blake2b(repr(found).encode(), digest_size=16).hexdigest()

    def snapshot(self, reuse: Reuse | None = None) -> Dataset:
        """Everything the dashboard shows, from the compiled read model; with `reuse`, only
        what changed since the last load with it is read and indexed again."""
        return build_snapshot(self.dirs, lock=self.lock, reuse=reuse)

    def reload(self, reuse: Reuse) -> tuple[str, Dataset]:
        """(the revision, its Dataset) built from the last load with `reuse` (for
        `geo/store/replica.py`); the revision is read first, so a change made meanwhile
        is loaded again next time, never missed."""
        revision = self.revision()
        return revision, self.snapshot(reuse)

    @contextmanager
    def lock(self) -> Iterator[None]:
        """One writer at a time, across threads and processes (layers, then seeds)."""
        depth = getattr(_HELD, "depth", 0)
        if depth:
            _HELD.depth = depth + 1
            try:
                yield
            finally:
                _HELD.depth -= 1
            return
        with _flock(self.dirs.layers), _flock_other(self.dirs.seeds, self.dirs.layers):
            _HELD.depth = 1
            try:
                yield
            finally:
                _HELD.depth = 0

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
        """Write one layer: validated, under the lock, only if the store is still at
        revision `expect` (None: whatever it is now), atomically, audited.

        `collection` is a FeatureCollection, or its JSON text as it is to be written.
        Returns the problems that kept it from being written (nothing written then);
        raises WriteConflict when another writer changed the store since `expect`.
        """
        text = collection if isinstance(collection, str) else dump_geojson(collection)
        with self.lock():
            if expect is not None and expect != self.revision():
                raise WriteConflict(layer)
            entry = self._entry(action, layer, who, detail or {}, text)
            # Write-ahead: the intent is logged once the text validated, before the layer
            # is replaced; the commit line after. An intent with no commit is a write a
            # crash cut short (`audit_problems` names it).
            problems = write_layer(
                self.dirs, layer, text, lock=self.lock,
                before_write=lambda: append_audit(self.dirs.layers, {**entry, "phase": "intent"}),
            )  # fmt: skip
            if not problems:
                append_audit(self.dirs.layers, {**entry, "phase": "commit"})
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
        """Write an imported layer as GeoParquet (`<layer>.parquet`), validated a batch at a
        time, under the lock, audited; see `geo.store.writes.write_import`."""
        with self.lock():
            problems, rows = write_import(
                self.dirs, layer, batches, written, lock=self.lock, skip_invalid=skip_invalid
            )
            if rows:  # written
                path = self.dirs.layers / f"{layer}.parquet"
                self._audit("import", layer, who, {"rows": rows, **(detail or {})}, path)
        return problems, rows

    def _entry(
        self, action: str, layer: str, who: str, detail: dict[str, Any], written: str | Path
    ) -> dict[str, Any]:
        after = (
            hashing.file_sha(written, 1 << 40)
            if isinstance(written, Path)
            else hashlib.sha256(written.encode("utf-8")).hexdigest()
        )
        before = hashing.file_sha(self.dirs.layers / f"{layer}.geojson", 1 << 40)
        return {
            "txn": uuid.uuid4().hex,
            "time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "action": action,
            "layer": layer,
            "who": who,
            "layer_sha256_before": before,
            "layer_sha256_after": after,
            **detail,
        }

    def _audit(
        self, action: str, layer: str, who: str, detail: dict[str, Any], written: str | Path
    ) -> None:
        entry = self._entry(action, layer, who, detail, written)
        append_audit(self.dirs.layers, {**entry, "phase": "commit"})

    def audit_problems(self) -> list[Problem]:
        """Damaged audit lines and writes a crash cut short, each named."""
        return audit_problems(self.dirs.layers)

    def audit(self) -> list[dict[str, Any]]:
        """Every audit entry, oldest first."""
        return read_audit(self.dirs.layers)

    def note(self, entry: dict[str, Any]) -> None:
        """Add an audit entry that changes no layer."""
        append_audit(self.dirs.layers, {**entry, "phase": "commit"})


def _files(*folders: Path) -> list[Path]:
    """The entries of some folders (none for a folder that cannot be listed)."""
    found: list[Path] = []
    for folder in folders:
        try:
            found += folder.iterdir()
        except OSError:
            continue
    return found


def _key(path: Path) -> tuple:
    """A file's SHA-256 as the snapshot takes it (`hashing` keeps it while the file's stat
    is unchanged): a start reads and hashes each file once, not once for the revision and
    again for the snapshot. Anything else (a link, a FIFO, a file too big) is keyed by
    what it is, as `fingerprint` keys it."""
    sha = hashing.file_sha(path, max(MAX_LAYER_BYTES, MAX_SEED_BYTES))
    return ("sha256", sha) if sha else content_key(path)


def append_audit(layers_dir: Path, entry: dict[str, Any]) -> None:
    """Append one JSON line to the audit log and flush it to disk. A last line a crash
    left unfinished is ended first, so this entry never lands on it. A link in the audit
    log's place is never followed (O_NOFOLLOW)."""
    line = json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n"
    flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW
    fd = os.open(Path(layers_dir) / AUDIT_NAME, flags, 0o644)
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            line = "\n" + line
        os.write(fd, line.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def _lines(layers_dir: Path) -> list[tuple[int, Any]]:
    path = Path(layers_dir) / AUDIT_NAME
    if not path.exists() or path.is_symlink():
        return []
    found = []
    for number, line in enumerate(path.read_text("utf-8", errors="replace").splitlines(), 1):
        try:
            found.append((number, json.loads(line)))
        except ValueError:
            found.append((number, None))
    return found


def read_audit(layers_dir: Path) -> list[dict[str, Any]]:
    """Every completed audit entry, oldest first: commit lines (and lines from before
    write-ahead logging); intents and lines a crash cut short are skipped."""
    return [
        entry
        for _, entry in _lines(layers_dir)
        if isinstance(entry, dict) and entry.get("phase", "commit") == "commit"
    ]


def audit_problems(layers_dir: Path) -> list[Problem]:
    """Each audit line that is not an entry, and each intent no commit followed."""
    lines = _lines(layers_dir)
    committed = {
        e.get("txn") for _, e in lines if isinstance(e, dict) and e.get("phase") == "commit"
    }
    problems = []
    for number, entry in lines:
        if not isinstance(entry, dict):
            message = f"line {number} is not an audit entry (cut short by a crash?); skipped"
            problems.append(Problem(AUDIT_NAME, None, None, message))
        elif entry.get("phase") == "intent" and entry.get("txn") not in committed:
            message = (
                f"line {number}: {entry.get('action')} into {entry.get('layer')} was begun but "
                "never committed (a crash between the log and the layer?)"
            )
            problems.append(Problem(AUDIT_NAME, entry.get("feature_id"), None, message))
    return problems


@contextmanager
def _flock(directory: Path) -> Iterator[None]:
    # O_NOFOLLOW: a link in the lock file's place is refused, never followed out.
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(Path(directory) / LOCK_NAME, flags, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@contextmanager
def _flock_other(directory: Path, held: Path) -> Iterator[None]:
    if not Path(directory).is_dir() or Path(directory).resolve() == Path(held).resolve():
        yield
        return
    with _flock(directory):
        yield
