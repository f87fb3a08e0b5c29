"""Imported layers kept as GeoParquet beside their dataset file: no GeoJSON at all.

An import writes `<layers>/<name>.parquet` in the compiled files' own format (the frame's
columns, points, each feature's JSON), so its first start reads it as it is. When an input
of its checks changes (a seed, a vocabulary, the border, its dataset file), its features
are read back from that file a batch at a time, checked again (their dataset rows
included) and compiled beside the others; the imported file itself is never rewritten.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from geo.context import Context
from geo.errors import Problem
from geo.layers import Layer
from geo.model import ReferenceKind
from geo.store import hashing
from geo.store.compiled import Compiled, cited_inputs, freshly_compiled, temp_path
from geo.store.parts import compile_batches
from geo.store.stream import CompiledWriter, parquet_batches, written_by

if TYPE_CHECKING:
    from geo.store.snapshot import Dirs


def recompile_import(
    dirs: Dirs,
    path: Path,
    ctx: Context,
    references: dict[ReferenceKind, Layer],
    common: dict[str, str],
) -> Compiled:
    """Check an imported GeoParquet layer again and compile it into the compiled directory."""
    sha = hashing.file_sha(path, 1 << 40) or "unread"
    failed: Exception | None = None
    try:
        meta = written_by(path) if sha != "unread" else {}
    except (OSError, ValueError) as exc:
        meta, failed = {}, exc
    layer = Layer(path.stem, path, str(meta.get("title") or path.stem))
    out = temp_path(dirs.compiled, path.stem, sha)
    writer = CompiledWriter(out, layer.title, meta)
    try:
        if failed is not None:
            raise failed
        compile_batches(layer, parquet_batches(path), ctx, references, writer)
    except (OSError, ValueError, KeyError) as exc:  # not a file this atlas wrote: named
        layer.problems.append(_unreadable(path, exc))
    finally:
        writer.close()
    cited = {str(meta["file"])} if meta.get("file") else set()
    made = freshly_compiled(layer, out, sha, {**common, **cited_inputs(cited, ctx)})
    return replace(made, rows=writer.rows)


def _unreadable(path: Path, exc: Exception) -> Problem:
    message = f"cannot be read as an imported layer ({type(exc).__name__}: {exc}"[:300] + ")"
    return Problem(path.name, None, None, message)
