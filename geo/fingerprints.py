"""Content keys of the files the atlas reads: what tells a reload that a file changed."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable
from pathlib import Path

from geo.io import MAX_LAYER_BYTES, read_bytes
from geo.seeds import MAX_SEED_BYTES


def fingerprint(*dirs: Path, key: Callable[[Path], tuple] | None = None) -> tuple:
    """(path, content key) of every entry in dirs: changes when any file's bytes do.

    Keyed on content, not size and mtime: a file replaced by one of the same size and
    mtime still reloads. Never raises and never blocks: an entry that vanishes, is not
    a regular file or links out of its folder is keyed by what it is. `key` (by default
    `content_key`) keys one entry.
    """
    key = key or content_key
    entries = []
    for directory in dirs:
        try:
            paths = sorted(Path(directory).glob("*"))
        except OSError:
            continue
        entries += [(str(path), key(path)) for path in paths]
    return tuple(entries)


# Content keys by what stat says of a file. Hashing a 200 MB layer on every rerun would
# cost half a second; ctime changes on every write or replace of a file (and, unlike
# mtime, cannot be set back by a program), so a stat that matches means the same bytes.
_KEYS: dict[tuple, tuple] = {}


_KEYS_MAX = 4096


def _stat_key(path: Path) -> tuple | None:
    try:
        link, target = os.lstat(path), os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(target.st_mode):
        return None  # read_bytes says what it is
    return (str(path), link.st_ino, link.st_ctime_ns, target.st_dev, target.st_ino,
            target.st_size, target.st_mtime_ns, target.st_ctime_ns)  # fmt: skip


def content_key(path: Path) -> tuple:
    """A file's length and BLAKE2b hash, or what keeps it from being read."""
    key = _stat_key(path)
    if key is not None and key in _KEYS:
        return _KEYS[key]
    # The largest file the atlas reads; bigger ones are keyed by their problem (size).
    limit = max(MAX_LAYER_BYTES, MAX_SEED_BYTES)
    data, problem = read_bytes(path, limit)
    if data is None:
        return ("unread", problem.message if problem else "")
    found = (len(data), hashlib.blake2b(data, digest_size=16).hexdigest())
    if key is not None and key == _stat_key(path):  # unchanged while it was read
        if len(_KEYS) >= _KEYS_MAX:
            _KEYS.clear()
        _KEYS[key] = found
    return found
