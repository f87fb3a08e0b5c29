"""Importing into a GeoParquet layer (`--out layers/<name>.parquet`): for datasets too big
for GeoJSON (a million events). The rows are mapped and placed as for GeoJSON, then
validated a batch at a time straight into the layer's compiled form through the store, so
nothing is parsed again at the next start. What it may write over follows `guard.py`:
only a layer this same dataset wrote (from this file, or from another with --replace)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.border import build_index
from geo.importers.border_fields import add_border_fields
from geo.importers.failed import skip_failed
from geo.importers.guard import REFERENCE_NAMES, SHOWN_IDS
from geo.model import ReferenceKind
from geo.published._rows import Meta, alias_index
from geo.published.folder import DataFile, register, sha256
from geo.published.rows import Mapped, map_rows
from geo.store import Store, store_for
from geo.store.stream import BATCH, written_by
from geo.vocab import load_actors

if TYPE_CHECKING:
    from geo.dataset import Dataset
    from geo.errors import Problem
    from geo.importers.run import ImportRequest


def parquet_refusal(req: ImportRequest, file: str) -> str | None:
    """Why the import must not write this GeoParquet `--out`, or None when it may."""
    out = Path(req.out)
    if out.stem in REFERENCE_NAMES:
        return f"{out}: is a reference layer ({out.stem}); the importer never writes over it"
    if not out.exists() and not out.is_symlink():
        return None
    try:
        wrote = written_by(out)
    except (OSError, ValueError) as exc:
        return (
            f"{out}: cannot tell what this file holds ({type(exc).__name__}); nothing was written"
        )
    if wrote.get("dataset") != req.dataset:
        return (
            f"{out}: was not written by a {req.dataset} import; the importer writes only "
            "layers of its own dataset (choose a new --out file): nothing was written"
        )
    named = req.replace is not None and req.replace in (str(out), out.name, out.stem)
    if wrote.get("file") == file or named:
        return None
    return (
        f"{out}: holds {req.dataset} events from {wrote.get('file')}; to replace them with "
        f"this file's events, add --replace {out.name}: nothing was written"
    )


def import_parquet(
    req: ImportRequest,
    data: bytes,
    rows: list[dict[str, str]],
    meta: Meta,
    *,
    refuse: Callable[[Mapped], str | None],
) -> tuple[list[str], Mapped | None, int, int]:
    """Map, place and write the rows: (lines, mapped, events written, linked). Nothing is
    written when `mapped` is None (lines say why), when `refuse` names a reason for the
    rows as mapped (`--strict` and a skipped row) or when no event is written: then lines
    hold that reason. A row whose event fails validation is skipped (its number and what
    failed, in `mapped.skipped`; with --strict nothing is written then). `rows` is emptied
    once mapped (a million rows hold gigabytes)."""
    limit = req.max_layer_bytes
    store = store_for(req.layers_dir, req.seeds_dir, req.data_dir, max_layer_bytes=limit)
    snap = store.snapshot()
    total = len(rows)
    placed = _placed(req, snap, rows, meta)
    rows.clear()  # mapped: let go of the CSV's rows before the batches are compiled
    if isinstance(placed, str):
        return [placed], None, 0, 0
    if refusal := refuse(placed):
        return [refusal], placed, 0, 0
    entry = DataFile(meta.file, req.dataset, meta.version, req.licence, sha256(data), total)
    with store.lock():  # the dataset file and the layer land together (a shared store too)
        try:
            register(req.data_dir, meta.file, data, entry)
        except ValueError as exc:
            return [f"{req.data_dir}: {exc}"], None, 0, 0
        problems, count = _write(store, req, meta, placed)
    lines = [str(p) for p in skip_failed(placed, problems)[: SHOWN_IDS * 10]]
    if not count:
        why = refuse(placed) or f"{req.csv}: no row passed validation: nothing was written"
        return [*lines, why], placed, 0, 0
    return lines, placed, count, _linked(store.snapshot(), req.out.stem)


def _write(
    store: Store, req: ImportRequest, meta: Meta, placed: Mapped
) -> tuple[list[Problem], int]:
    """The layer written through the store: (the events that failed, events written)."""
    written = {"title": req.title or f"{meta.dataset} {meta.version}", "dataset": req.dataset,
               "version": meta.version, "licence": req.licence, "file": meta.file}  # fmt: skip
    return store.write_import(
        req.out.stem, _batches(placed.features), written, detail={"file": meta.file},
        skip_invalid=not req.strict,
    )  # fmt: skip


def _placed(
    req: ImportRequest, snap: Dataset, rows: list[dict[str, str]], meta: Meta
) -> Mapped | str:
    """The rows mapped and measured against the border, or why none can be written."""
    refs = snap.references
    if ReferenceKind.BORDER not in refs or ReferenceKind.BOUNDARIES not in refs:
        return f"{req.layers_dir}: needs the border and boundaries reference layers"
    mapped = map_rows(rows, meta, alias_index(dict(load_actors())), release=True)
    add_border_fields(
        mapped, build_index(refs[ReferenceKind.BORDER], refs[ReferenceKind.BOUNDARIES])
    )
    if not mapped.features:
        return f"{req.csv}: none of its {len(rows)} rows could be imported: nothing was written"
    return _clashes(snap, req.out, {f["properties"]["id"] for f in mapped.features}) or mapped


def _batches(features: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(features), BATCH):
        yield features[start : start + BATCH]


def _clashes(snap: Dataset, out: Path, ids: set[str]) -> str | None:
    frame = snap.frame
    other = frame[(frame["layer"] != out.stem) & frame["id"].isin(ids)]
    if other.empty:
        return None
    shown = ", ".join(
        f"{i} (in {layer})"
        for i, layer in zip(other["id"][:SHOWN_IDS], other["layer"][:SHOWN_IDS], strict=True)
    )
    more = f" and {len(other) - SHOWN_IDS} more" if len(other) > SHOWN_IDS else ""
    return (
        f"{out}: {len(other)} id(s) already in another layer: {shown}{more}; an id lives in "
        "one layer only (import into that layer, or remove it first): nothing was written"
    )


def _linked(snap: Dataset, layer: str) -> int:
    mine = set(snap.frame.loc[snap.frame["layer"] == layer, "id"])
    return sum(1 for fid in snap.matches if fid in mine)
