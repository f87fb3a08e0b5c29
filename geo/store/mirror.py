"""A replica's copy of the shared store: the database's files, byte for byte, in a local
directory, and the compiled files their writers made (so no replica validates again).

`pull` makes the copy equal to the database (files fetched by SHA-256, extras removed);
`push` sends what a writer changed in the copy (compared with the database it pulled)
in the caller's transaction. Both run under the copy's lock.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from geo.store import hashing
from geo.store.base import AUDIT_NAME, LOCK_NAME
from geo.store.compiled import Compiled
from geo.store.snapshot import Dirs, layer_files, publish, read_manifest

AREAS = ("layers", "seeds", "data")
CHUNK = 32 << 20  # bytes per stored chunk
FileKey = tuple[str, str]  # (area, path relative to the area's directory)


@dataclass(frozen=True)
class RemoteFile:
    sha256: str
    size: int


def area_dir(dirs: Dirs, area: str) -> Path:
    return {"layers": dirs.layers, "seeds": dirs.seeds, "data": dirs.data}[area]


def walk(root: Path) -> Iterator[Path]:
    """The files of a tree the atlas reads: no hidden files (compiled copies, temporary
    files), no lock, no local audit log, no links."""
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or path.name in (LOCK_NAME, AUDIT_NAME):
            continue
        if path.is_file() and not path.is_symlink():
            yield path


def inside(root: Path, rel: str) -> Path:
    """`root / rel`, refused (ValueError naming it) if it would lead out of `root`: a path
    the database holds is data, and data never chooses where a file is written."""
    target = (root / rel).resolve()
    if rel.startswith("/") or not target.is_relative_to(root.resolve()):
        raise ValueError(f"the store names a file outside its folder: {rel[:80]!r}")
    return root / rel


def local_files(dirs: Dirs) -> dict[FileKey, str]:
    """Every file of the copy by (area, path): its SHA-256."""
    found = {}
    for area in AREAS:
        root = area_dir(dirs, area)
        for path in walk(root):
            found[(area, path.relative_to(root).as_posix())] = (
                hashing.file_sha(path, 1 << 40) or "unread"
            )
    return found


def remote_files(conn: psycopg.Connection) -> dict[FileKey, RemoteFile]:
    rows = conn.execute("SELECT area, path, sha256, size FROM atlas.files").fetchall()
    return {(a, p): RemoteFile(s, n) for a, p, s, n in rows}


def _fetch(conn: psycopg.Connection, sha: str, out: Path) -> None:
    """Write the blob `sha` to `out` atomically (a hidden temporary name first)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.tmp")
    with open(tmp, "wb") as fh:
        cur = conn.execute("SELECT bytes FROM atlas.blobs WHERE sha256 = %s ORDER BY chunk", (sha,))
        for (chunk,) in cur:
            fh.write(chunk)
    if hashing.file_sha(tmp, 1 << 40) != sha:
        tmp.unlink(missing_ok=True)
        raise ValueError(f"the store's copy of {out.name} does not match its SHA-256 {sha[:12]}")
    os.replace(tmp, out)


def _store_blob(conn: psycopg.Connection, sha: str, path: Path) -> None:
    if conn.execute("SELECT 1 FROM atlas.blobs WHERE sha256 = %s LIMIT 1", (sha,)).fetchone():
        return
    with open(path, "rb") as fh:
        number = 0
        while chunk := fh.read(CHUNK):
            conn.execute(
                "INSERT INTO atlas.blobs (sha256, chunk, bytes) VALUES (%s, %s, %s)",
                (sha, number, chunk),
            )
            number += 1
        if number == 0:
            conn.execute("INSERT INTO atlas.blobs VALUES (%s, 0, %s)", (sha, b""))


def pull(conn: psycopg.Connection, dirs: Dirs) -> None:
    """Make the copy equal to the database: files, then compiled files and manifest."""
    remote = remote_files(conn)
    local = local_files(dirs)
    for (area, rel), want in remote.items():
        if local.get((area, rel)) != want.sha256:
            _fetch(conn, want.sha256, inside(area_dir(dirs, area), rel))
    for area, rel in local.keys() - remote.keys():
        (area_dir(dirs, area) / rel).unlink(missing_ok=True)
    _pull_compiled(conn, dirs)


def _pull_compiled(conn: psycopg.Connection, dirs: Dirs) -> None:
    manifest = read_manifest(dirs.compiled)
    known = []
    rows = conn.execute("SELECT source, layer_sha256, entry, sha256 FROM atlas.compiled")
    for source, layer_sha, entry, sha in rows.fetchall():
        layer = dirs.layers / source
        if hashing.file_sha(layer, 1 << 40) != layer_sha:
            continue  # a layer file and its compiled entry out of step: compile it here
        made = Compiled.from_entry(layer, entry, dirs.compiled)
        if made is None:
            continue
        if sha is not None and hashing.file_sha(made.path, 1 << 40) != sha:
            _fetch(conn, sha, made.path)
        if manifest.get(source) != entry:
            known.append(made)
    if known or set(manifest) - {p.name for p in layer_files(dirs.layers)}:
        publish(dirs, [], keep={p.name for p in layer_files(dirs.layers)}, known=known)


def push(conn: psycopg.Connection, dirs: Dirs) -> list[str]:
    """Send the copy's changes (files, compiled files) in the caller's transaction; the
    names of the layer files that changed (their events are projected again)."""
    remote = remote_files(conn)
    local = local_files(dirs)
    changed = [key for key, sha in local.items() if key not in remote or remote[key].sha256 != sha]
    for area, rel in changed:
        path = area_dir(dirs, area) / rel
        sha = local[(area, rel)]
        _store_blob(conn, sha, path)
        conn.execute(
            "INSERT INTO atlas.files (area, path, sha256, size) VALUES (%s, %s, %s, %s) "
            "ON CONFLICT (area, path) DO UPDATE SET sha256 = EXCLUDED.sha256, "
            "size = EXCLUDED.size, updated_at = now()",
            (area, rel, sha, path.stat().st_size),
        )
    gone = remote.keys() - local.keys()
    for area, rel in gone:
        conn.execute("DELETE FROM atlas.files WHERE area = %s AND path = %s", (area, rel))
    _push_compiled(conn, dirs)
    touched = [rel for area, rel in [*changed, *gone] if area == "layers" and "/" not in rel]
    return sorted(set(touched))


def _push_compiled(conn: psycopg.Connection, dirs: Dirs) -> None:
    manifest = read_manifest(dirs.compiled)
    stored = {s: e for s, e in conn.execute("SELECT source, entry FROM atlas.compiled")}
    for source, entry in manifest.items():
        if stored.get(source) == entry:
            continue
        made = Compiled.from_entry(dirs.layers / source, entry, dirs.compiled)
        if made is None:
            continue
        sha = None if made.in_place else made.inputs.get("compiled")
        if sha is not None:
            _store_blob(conn, sha, made.path)
        _upsert_compiled(conn, source, made, entry, sha)
    for source in stored.keys() - manifest.keys():
        conn.execute("DELETE FROM atlas.compiled WHERE source = %s", (source,))
    conn.execute(
        "DELETE FROM atlas.blobs b WHERE NOT EXISTS (SELECT 1 FROM atlas.files f "
        "WHERE f.sha256 = b.sha256) AND NOT EXISTS (SELECT 1 FROM atlas.compiled c "
        "WHERE c.sha256 = b.sha256)"
    )


def _upsert_compiled(
    conn: psycopg.Connection, source: str, made: Compiled, entry: dict[str, Any], sha: str | None
) -> None:
    conn.execute(
        "INSERT INTO atlas.compiled (source, layer_sha256, entry, sha256) "
        "VALUES (%s, %s, %s, %s) ON CONFLICT (source) DO UPDATE SET "
        "layer_sha256 = EXCLUDED.layer_sha256, entry = EXCLUDED.entry, sha256 = EXCLUDED.sha256",
        (source, made.inputs.get(f"layer:{source}", ""), Jsonb(entry), sha),
    )
