"""Writing one layer file through the store: validated once, written atomically, compiled.

The caller (`FileStore.write`) holds the lock. An event layer is compiled from the very
bytes it writes, so the next start reads it without validating it again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa

from geo.context import Context, load_context
from geo.errors import Problem
from geo.io import atomic_write_text, parse_json
from geo.layers import LAYER_SUFFIX, MAX_PROBLEMS_PER_FILE, Catalog, Layer, choose_references
from geo.model import ReferenceKind
from geo.published.verify import forget_rows
from geo.settings import import_workers
from geo.store import hashing
from geo.store.compiled import Compiled, cited_inputs, compile_layer
from geo.store.parts import compile_batches
from geo.store.snapshot import (
    PARQUET,
    Dirs,
    LockFactory,
    area_keeper,
    common_inputs,
    layer_files,
    publish,
    read_manifest,
    sort_layers,
)
from geo.store.stream import CompiledWriter

LAYER_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,40}$")
SKIPPED_NAMED = 100_000  # an import's rows that failed, each named; the rest counted


def write_layer(
    dirs: Dirs,
    layer: str,
    text: str,
    *,
    lock: LockFactory,
    before_write: Callable[[], None] | None = None,
) -> list[Problem]:
    """Validate and write `<layer>.geojson`; the problems that kept it from being written.
    `before_write` runs once the text validated, just before the file is replaced."""
    if not LAYER_NAME.match(layer):
        return [Problem(layer[:60], None, None, "a layer name is a-z, 0-9, - and _ (at most 41)")]
    path = dirs.layers / f"{layer}{LAYER_SUFFIX}"
    data, problems = parse_json(path.name, text)
    if problems:
        return problems
    ctx = load_context(dirs.seeds, data_dir=dirs.data, max_layer_bytes=dirs.max_layer_bytes)
    refs, _, _ = sort_layers(dirs, read_manifest(dirs.compiled), skip=path)
    catalog = Catalog(refs)
    choose_references(catalog)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    common = common_inputs(dirs, catalog)
    compiled = compile_layer(path, (data, []), sha, ctx, catalog.chosen, common, dirs.compiled)
    forget_rows()
    if compiled.invalid:
        Path(compiled.path).unlink(missing_ok=True)
        return list(compiled.invalid)
    if not compiled.reference:
        _keep_areas(dirs, common, compiled)
    with lock():
        if before_write is not None:
            before_write()
        atomic_write_text(path, text)
        if compiled.reference:
            Path(compiled.path).unlink(missing_ok=True)
        else:
            publish(dirs, [compiled], keep={p.name for p in layer_files(dirs.layers)})
    return []


def write_import(
    dirs: Dirs,
    layer: str,
    batches: Iterable[list[dict[str, Any]]],
    written: dict[str, Any],
    *,
    lock: LockFactory,
    skip_invalid: bool = False,
) -> tuple[list[Problem], int]:
    """Validate imported features a batch at a time straight into `<layer>.parquet`.

    `written` says what wrote it (title, dataset, version, file: the CSV under the data
    directory). The rows were just mapped from that file and measured against this border,
    so neither is done again (`fresh`); every other check runs once. Nothing replaces the
    layer unless every feature passes: (problems, 0) then, else ([], events written).
    With `skip_invalid` (an import without --strict) a feature that fails is left out and
    named (at most SKIPPED_NAMED of them, then a count) and the others are written:
    (problems, events written), nothing written when none passes.
    """
    if not LAYER_NAME.match(layer):
        return [Problem(layer[:60], None, None, "a layer name is a-z, 0-9, - and _")], 0
    path = dirs.layers / f"{layer}{PARQUET}"
    ctx = load_context(dirs.seeds, data_dir=dirs.data, max_layer_bytes=dirs.max_layer_bytes)
    refs, _, _ = sort_layers(dirs, read_manifest(dirs.compiled), skip=path)
    catalog = Catalog(refs)
    choose_references(catalog)
    tmp = dirs.layers / f".{layer}-{uuid.uuid4().hex[:8]}.parquet.tmp"
    checked = Layer(layer, path, str(written.get("title") or layer))
    cap = SKIPPED_NAMED if skip_invalid else MAX_PROBLEMS_PER_FILE
    writer = _compiled(tmp, checked, batches, written, ctx, catalog.chosen, cap)
    if checked.problems and not (skip_invalid and writer.rows):
        tmp.unlink(missing_ok=True)
        return checked.problems, 0
    inputs = {**common_inputs(dirs, catalog), **cited_inputs({str(written["file"])}, ctx)}
    with lock():
        os.replace(tmp, path)
        done = _publish_in_place(dirs, checked, inputs, writer.rows)
    _keep_areas(dirs, inputs, done)
    return checked.problems, writer.rows


def _keep_areas(dirs: Dirs, common: dict[str, str], compiled: Compiled) -> None:
    """Derive the compiled layer's province, district and basis now and keep them, so the
    next start reads them (geo/store/area_columns.py); if that fails, a start derives them."""
    with contextlib.suppress(OSError, pa.ArrowException, ValueError):
        area_keeper(dirs, common).ensure(compiled)


def _compiled(
    tmp: Path,
    checked: Layer,
    batches: Iterable[list[dict[str, Any]]],
    written: dict[str, Any],
    ctx: Context,
    chosen: dict[ReferenceKind, Layer],
    cap: int,
) -> CompiledWriter:
    """The batches validated into `tmp`; its problems in `checked`."""
    writer = CompiledWriter(tmp, checked.title, written)
    try:
        compile_batches(
            checked, batches, ctx, chosen, writer, fresh=True, workers=import_workers(), cap=cap
        )
    except BaseException:  # a worker that stopped, an interrupt: no half file is left
        writer.close()
        tmp.unlink(missing_ok=True)
        raise
    writer.close()
    return writer


def _publish_in_place(dirs: Dirs, layer: Layer, inputs: dict[str, str], rows: int) -> Compiled:
    """Record an imported GeoParquet layer as its own compiled file (under the lock)."""
    sha = hashing.file_sha(layer.path, 1 << 40) or "unread"
    done = Compiled(
        name=layer.name,
        source=layer.path.name,
        title=layer.title,
        path=layer.path,
        problems=(),
        inputs={**inputs, f"layer:{layer.path.name}": sha, "compiled": sha},
        rows=rows,
        in_place=True,
    )
    publish(dirs, [], keep={p.name for p in layer_files(dirs.layers)}, known=[done])
    return done
