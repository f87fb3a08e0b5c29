"""SHA-256 of the store's inputs, each file hashed once per change of its bytes.

A file is hashed only when it is a regular file within the size limit (a FIFO, a device,
a link or an oversized file is not read here: the loader reports what it is). Within a
process, a hash is kept by what `stat` says of the file: ctime changes on every write or
replace and cannot be set back, so a matching stat means the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

_KEPT: dict[tuple, str] = {}
_KEPT_MAX = 4096


def _stat_key(path: Path) -> tuple | None:
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return (str(path), info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def file_sha(path: Path, limit: int) -> str | None:
    """SHA-256 of a regular file of at most `limit` bytes; None for anything else."""
    key = _stat_key(path)
    if key is None or key[3] > limit:
        return None
    if (kept := _KEPT.get(key)) is not None:
        return kept
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None
    if _stat_key(path) != key:
        return None  # changed while it was read: not a stable answer
    if len(_KEPT) >= _KEPT_MAX:
        _KEPT.clear()
    found = _KEPT[key] = digest.hexdigest()  # read back from no shared cache: two threads
    return found  # hash at once (`warm`), and either may clear it


def warm(paths: Iterable[Path], limit: int) -> None:
    """Hash the files not hashed yet two at a time, biggest first: hashlib lets go of the
    GIL, so a start's big files (a dataset's CSV, its GeoParquet, the compiled file) are
    hashed side by side on two cores, not one after the other."""
    todo = [
        (key[3], p)
        for p in paths
        if not plumbing(p.name)
        and (key := _stat_key(p)) is not None
        and key[3] <= limit
        and key not in _KEPT
    ]
    if len(todo) < 2:
        return
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="atlas-hash") as pool:
        list(pool.map(lambda p: file_sha(p, limit), [p for _, p in sorted(todo, reverse=True)]))


# The store's own entries: its lock (in the layers' and the seeds' folders), the compiled
# folder's default place, and an atomic write's temporary file (`geo.io`: `.<name>.<x>.tmp`).
LOCK_NAME = ".atlas-edit.lock"
_PLUMBING = (LOCK_NAME, ".compiled")


def plumbing(name: str) -> bool:
    """The store's own entries (lock, compiled folder, temporary files), which no reader
    shows: a refused write makes them, and must not change the revision. A hidden file of
    the reader's own (`.notes.txt` among the seeds) is no plumbing: it is read, so hashed."""
    return name in _PLUMBING or temporary(name)


def temporary(name: str) -> bool:
    """A write's or compile's temporary file (`.<name>.<x>.tmp`, `.<layer>-<x>.parquet.tmp`),
    published under its own name once whole."""
    return name.startswith(".") and name.endswith(".tmp")


def dir_sha(directory: Path, limit: int = 1 << 30) -> str:
    """One SHA-256 over the names and hashes of a directory's files (not recursive), the
    store's plumbing left out: the seeds' lock, made by the first write on a fresh clone,
    would otherwise have every layer compiled again (140 s at a million events)."""
    digest = hashlib.sha256()
    try:
        paths = sorted(
            p for p in Path(directory).iterdir() if not p.is_dir() and not plumbing(p.name)
        )
    except OSError:
        return "missing"
    for path in paths:
        digest.update(f"{path.name}\0{file_sha(path, limit) or 'unread'}\n".encode())
    return digest.hexdigest()
