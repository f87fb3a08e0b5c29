"""Reading JSON safely and writing files atomically."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from geo.errors import Problem

# A layer bigger than this is refused unread: a runaway export or a hostile file.
MAX_LAYER_BYTES = 25 * 1024 * 1024
# Deeper than this is not GeoJSON a person curated; it is an attack on the parser.
MAX_JSON_DEPTH = 32


def _depth_exceeds(text: str, limit: int) -> bool:
    """Tell whether brackets nest deeper than limit, ignoring those inside strings."""
    depth, in_string, escaped = 0, False, False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return True
        elif ch in "]}":
            depth -= 1
    return False


def read_json(path: Path) -> tuple[Any, list[Problem]]:
    """Read a JSON file, returning (data, []) or (None, [problem]) and never raising."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, [Problem(name, None, None, f"cannot read file: {exc.strerror or exc}")]
    if size > MAX_LAYER_BYTES:
        limit_mb = MAX_LAYER_BYTES // (1024 * 1024)
        message = f"file is {size:,} bytes; the limit is {limit_mb} MB"
        return None, [Problem(name, None, None, message)]
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(name, None, None, f"cannot read file as UTF-8: {exc}")]
    if _depth_exceeds(text, MAX_JSON_DEPTH):
        return None, [Problem(name, None, None, f"JSON nests deeper than {MAX_JSON_DEPTH} levels")]
    try:
        return json.loads(text), []
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        return None, [Problem(name, None, None, f"invalid JSON at {where}: {exc.msg}")]


def atomic_write_text(path: Path, text: str, check: Callable[[Path], None] | None = None) -> None:
    """Write text to path so that readers see the old file or the new one, never a mix.

    The text goes to a temporary file in the same directory, is fsynced, passed to
    `check` (which raises to abort), then renamed over `path`.
    """
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes 0600 files; keep the old file's mode, or the usual 0644.
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        if check is not None:
            check(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    """Flush a directory entry so a rename survives a power cut."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def dump_geojson(data: dict[str, Any]) -> str:
    """Serialise a layer the way the repository stores it: UTF-8, 2-space indent."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
