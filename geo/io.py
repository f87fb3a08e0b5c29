"""Reading untrusted files safely and writing files atomically.

Every directory entry is untrusted: only regular files are opened (a FIFO would block
forever, `/dev/zero` never ends), links are followed only when they stay inside their
folder, reads stop at a byte limit counted on what was actually read, and a file that
vanishes mid-read (an editor's delete-then-create) is retried before it is reported.
JSON is parsed strictly: NaN, Infinity, numbers too big for a float and duplicate keys
are refused with the path where they occur.
"""

from __future__ import annotations

import json
import math
import os
import stat
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from geo.errors import Problem

# A layer bigger than this is refused unread: a runaway export or a hostile file. A
# 100,000-event layer with excerpts is about 220 MB; ATLAS_MAX_LAYER_MB sets another.
MAX_LAYER_BYTES = 400 * 1024 * 1024
# Deeper than this is not GeoJSON a person curated; it is an attack on the parser.
MAX_JSON_DEPTH = 32
# A file replaced by delete-then-create is missing for a moment: try this often.
READ_ATTEMPTS = 3
RETRY_PAUSE_S = 0.05
_CHUNK = 1 << 20
# Every byte that is not a quote or a bracket (deleted by bytes.translate).
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'"[]{}')


class Refused(Exception):
    """A file the atlas will not read, with the reason in words."""


def _kind(mode: int) -> str:
    for test, word in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return word
    return "not a regular file"


def _resolve_inside(path: Path, folder: Path) -> Path:
    """The file a path names, refusing links that lead out of its folder."""
    if os.path.lexists(path) and not os.path.exists(path):
        raise Refused("is a link to nothing (its target is missing, or links loop)")
    real = path.resolve(strict=True)  # FileNotFoundError: vanished, the caller retries
    if path.is_symlink() and not real.is_relative_to(folder.resolve()):
        raise Refused("is a link to a file outside its folder; only links inside it are followed")
    return real


def _read_once(path: Path, limit: int, folder: Path) -> bytes:
    real = _resolve_inside(path, folder)
    mode = os.stat(real).st_mode
    if not stat.S_ISREG(mode):
        raise Refused(f"is {_kind(mode)}; only regular files are read")
    # O_NONBLOCK: if the entry was swapped for a FIFO since the stat, open does not block.
    fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(f"is {_kind(info.st_mode)}; only regular files are read")
        if info.st_size > limit:
            raise Refused(_too_big(info.st_size, limit))
        chunks, total = [], 0
        # The stated size can lie (special files, growth): count what is actually read.
        while chunk := os.read(fd, min(_CHUNK, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise Refused(_too_big(total, limit, at_least=True))
        return b"".join(chunks)
    finally:
        os.close(fd)


def _too_big(size: int, limit: int, at_least: bool = False) -> str:
    limit_mb = limit // (1024 * 1024)
    return f"file is {'over ' if at_least else ''}{size:,} bytes; the limit is {limit_mb} MB"


def read_bytes(
    path: Path, limit: int = MAX_LAYER_BYTES, folder: Path | None = None
) -> tuple[bytes | None, Problem | None]:
    """Read a regular file of at most `limit` bytes: (bytes, None) or (None, problem).

    Never raises for what is on disk and never blocks: special files, links leaving
    `folder` (the file's own directory by default), oversized files and files that keep
    vanishing each become one problem naming the file.
    """
    path = Path(path)
    folder = Path(folder) if folder is not None else path.parent
    for attempt in range(READ_ATTEMPTS):
        try:
            return _read_once(path, limit, folder), None
        except Refused as exc:
            return None, Problem(path.name, None, None, str(exc))
        except FileNotFoundError:
            if attempt + 1 < READ_ATTEMPTS:
                time.sleep(RETRY_PAUSE_S * (attempt + 1))
        except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
            reason = getattr(exc, "strerror", None) or str(exc)
            return None, Problem(path.name, None, None, f"cannot read file: {reason}")
    message = f"file vanished while being read ({READ_ATTEMPTS} attempts); it was skipped"
    return None, Problem(path.name, None, None, message)


def read_text(
    path: Path, limit: int = MAX_LAYER_BYTES, folder: Path | None = None
) -> tuple[str | None, Problem | None]:
    """Read a UTF-8 file as written (line endings kept), or say why it cannot be read."""
    data, problem = read_bytes(path, limit, folder)
    if data is None:
        return None, problem
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        message = f"not valid UTF-8: byte 0x{bad} at offset {exc.start:,}; save it as UTF-8"
        return None, Problem(Path(path).name, None, None, message)


def _depth_exceeds(data: bytes, limit: int) -> bool:
    """Tell whether brackets nest deeper than limit, ignoring those inside strings.

    Before parsing, so a hostile nesting never reaches the recursive parser. Fast on a
    220 MB layer (C-level bytes passes, then numpy on what is left): escaped backslashes
    and quotes are dropped (in that order, so `\\"` still ends a string), then every byte
    but quotes and brackets; a bracket after an odd number of quotes is inside a string.
    """
    plain = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    codes = np.frombuffer(plain.translate(None, _NOT_STRUCTURE), dtype=np.uint8)
    outside = np.cumsum(codes == ord('"'), dtype=np.int32) % 2 == 0  # after an even count of quotes
    step = np.zeros(len(codes), dtype=np.int8)
    step[((codes == ord("[")) | (codes == ord("{"))) & outside] = 1
    step[((codes == ord("]")) | (codes == ord("}"))) & outside] = -1
    return bool(len(step)) and int(np.cumsum(step, dtype=np.int32).max()) > limit


class _NonFinite:
    """Stands in for NaN, Infinity or an overflowing number until its path is known."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


class _Repeats(dict):
    """An object that repeated a key (Python's json keeps the last value silently)."""

    repeated: list[str]


def _strict_loads(text: str) -> tuple[Any, bool]:
    """Parse JSON, marking non-finite numbers and repeated keys; True if any was found."""
    found = [False]

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(items)
        if len(obj) == len(items):
            return obj
        found[0] = True
        marked = _Repeats(obj)
        counts = Counter(key for key, _ in items)
        marked.repeated = sorted(key for key, n in counts.items() if n > 1)
        return marked

    def constant(name: str) -> _NonFinite:
        found[0] = True
        return _NonFinite(name)

    def number(literal: str) -> float | _NonFinite:
        value = float(literal)
        if math.isfinite(value):
            return value
        found[0] = True
        return _NonFinite(literal)

    data = json.loads(text, object_pairs_hook=pairs, parse_constant=constant, parse_float=number)
    return data, found[0]


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _marked_values(data: Any) -> Iterator[tuple[str, str]]:
    """(path, message) for every non-finite number and repeated key, depth first."""
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        node, where = stack.pop()
        if isinstance(node, _NonFinite):
            yield where, f"{_short(node.text)} is not a finite JSON number; write a number or null"
        elif isinstance(node, dict):
            if isinstance(node, _Repeats):
                keys = ", ".join(repr(_short(k)) for k in node.repeated)
                yield where, f"repeats the key {keys}; only one value per key is allowed"
            items = [(v, f"{where}.{_short(k)}" if where else _short(k)) for k, v in node.items()]
            stack.extend(reversed(items))
        elif isinstance(node, list):
            stack.extend(reversed([(v, f"{where}[{i}]") for i, v in enumerate(node)]))


def parse_json(name: str, text: str, max_problems: int = 20) -> tuple[Any, list[Problem]]:
    """Parse strict JSON text: (data, []) or (None, problems naming each bad path)."""
    if _depth_exceeds(text.encode("utf-8", "surrogatepass"), MAX_JSON_DEPTH):
        return None, [Problem(name, None, None, f"JSON nests deeper than {MAX_JSON_DEPTH} levels")]
    try:
        data, marked = _strict_loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        return None, [Problem(name, None, None, f"invalid JSON at {where}: {exc.msg}")]
    except (ValueError, RecursionError) as exc:  # e.g. an integer of more than 4,300 digits
        return None, [Problem(name, None, None, f"invalid JSON: {_short(str(exc), 120)}")]
    if not marked:
        return data, []
    problems = []
    for where, message in _marked_values(data):
        problems.append(Problem(name, None, where or "(top level)", message))
        if len(problems) >= max_problems:
            break
    return None, problems


def read_json(
    path: Path, limit: int = MAX_LAYER_BYTES, folder: Path | None = None
) -> tuple[Any, list[Problem]]:
    """Read a strict JSON file, returning (data, []) or (None, problems) and never raising."""
    text, problem = read_text(path, limit, folder)
    if text is None:
        return None, [problem] if problem else []
    return parse_json(Path(path).name, text)


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
