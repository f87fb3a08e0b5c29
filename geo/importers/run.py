"""The import pipeline: read the CSV, map its rows, add border fields, validate, write."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pydantic

from geo.border import BorderIndex, build_index
from geo.checks import check_border_fields_all, check_feature, pydantic_problems
from geo.context import Context, load_context
from geo.errors import Problem
from geo.importers.border_fields import add_border_fields
from geo.importers.failed import skip_failed
from geo.importers.guard import id_clashes, out_refusal, size_refusal
from geo.importers.parquet import import_parquet, parquet_refusal
from geo.io import read_bytes
from geo.layers import Catalog, load_catalog
from geo.matches import same_incidents
from geo.model import EventFeature, ReferenceKind
from geo.published._rows import Meta, alias_index
from geo.published.folder import MAX_DATASET_BYTES, DataFile, parse_table, register, sha256
from geo.published.rows import Mapped, map_rows, missing_columns
from geo.settings import Settings, import_workers
from geo.store import store_for
from geo.store.parts import warm_workers
from geo.store.snapshot import PARQUET
from geo.store.stream import BATCH

SHOWN_SKIPS = 50  # rows listed one by one; the rest are counted
MIN_ROW_BYTES = 300  # a dataset row is rarely shorter (UCDP's cite an article)
ROW_NUMBERS = "(rows of {} count the records after the header: row 1 is the first)"


@dataclass(frozen=True)
class ImportRequest:
    """What to import, from where, into which layer."""

    dataset: str
    version: str | None  # None: read from the file (ACLED's newest timestamp)
    licence: str
    csv: Path
    out: Path
    layers_dir: Path
    seeds_dir: Path
    data_dir: Path
    title: str | None = None
    strict: bool = False  # any skipped row fails the import
    replace: str | None = None  # the --out layer (path or name) whose events may be replaced
    max_layer_bytes: int = Settings.max_layer_mb * 1024 * 1024  # ATLAS_MAX_LAYER_MB


@dataclass
class Report:
    """What an import did, in lines for the terminal."""

    lines: list[str] = field(default_factory=list)
    failed: bool = False
    imported: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    linked: int = 0


def _fail(message: str) -> Report:
    return Report([message], failed=True)


def _file_name(path: Path) -> str:
    """The name the CSV is kept under: its own, with anything unusual replaced."""
    name = re.sub(r"[^\w.-]", "_", path.name)
    return name if name.lower().endswith(".csv") else f"{name}.csv"


def run_import(req: ImportRequest) -> Report:
    """Import a dataset CSV into a layer; nothing is written unless it all validates."""
    file = _file_name(req.csv)
    limit = req.max_layer_bytes
    parquet = req.out.suffix == PARQUET
    if refusal := (parquet_refusal(req, file) if parquet else None) or (
        None if parquet else out_refusal(req.out, req.dataset, file, req.replace, limit)
    ):
        return _fail(refusal)
    with warm_workers(_workers(req) if parquet else 1):  # they start while rows are read
        return _read_and_import(req, parquet)


def _workers(req: ImportRequest) -> int:
    """Worker processes for a GeoParquet import: none for a file of under two batches."""
    try:
        size = req.csv.stat().st_size
    except OSError:
        return 1
    return import_workers() if size >= 2 * BATCH * MIN_ROW_BYTES else 1


def _read_and_import(req: ImportRequest, parquet: bool) -> Report:
    read = _read_csv(req)
    if isinstance(read, str):
        return _fail(read)
    data, rows = read
    version = req.version or _version_from_rows(req.dataset, rows)
    if version is None:
        return _fail(f"{req.csv}: give --version: the file does not say which release it is")
    if parquet:
        meta = Meta(req.dataset, version, req.licence, _file_name(req.csv))
        return _run_parquet(req, data, rows, meta)
    ctx = load_context(req.seeds_dir, data_dir=req.data_dir)
    catalog = load_catalog(req.layers_dir, ctx)
    refs = catalog.references
    if ReferenceKind.BORDER not in refs or ReferenceKind.BOUNDARIES not in refs:
        return _fail(f"{req.layers_dir}: needs the border and boundaries reference layers")
    meta = Meta(req.dataset, version, req.licence, _file_name(req.csv))
    mapped = map_rows(rows, meta, alias_index(dict(ctx.actors)))
    index = build_index(refs[ReferenceKind.BORDER], refs[ReferenceKind.BOUNDARIES])
    add_border_fields(mapped, index)
    feats, problems = _validated(req.out.name, mapped.features, ctx, index)
    if unplaced := skip_failed(mapped, problems):  # a failed row is skipped by its number
        lines = [str(p) for p in unplaced[:SHOWN_SKIPS]]
        return Report([*lines, f"{len(unplaced)} problem(s): nothing was written"], failed=True)
    failed = {p.feature for p in problems}
    feats = [f for f in feats if f.properties.id not in failed]
    if refusal := _refusal(req, len(rows), mapped):
        lines = [*_skip_lines(mapped), ROW_NUMBERS.format(req.csv.name), refusal]
        return Report(lines, failed=True, skipped=mapped.skipped)
    if refusal := _write(req, meta, data, len(rows), mapped, catalog):
        return _fail(refusal)
    curated = [f for layer, f in catalog.features if layer != req.out.stem]
    return _report(req, mapped, feats, curated)


def _run_parquet(req: ImportRequest, data: bytes, rows: list[dict[str, str]], meta: Meta) -> Report:
    refuse = functools.partial(_refusal, req, len(rows))  # before anything is written
    lines, mapped, count, linked = import_parquet(req, data, rows, meta, refuse=refuse)
    if mapped is None:
        return Report(lines, failed=True)
    if not count:  # refused: every skipped row named, nothing written
        return Report(
            [*_skip_lines(mapped), ROW_NUMBERS.format(req.csv.name), *lines],
            failed=True,
            skipped=mapped.skipped,
        )
    report = _summary(req, mapped, count, linked)
    report.lines[-1:-1] = lines  # problems no row was found for, before the summary
    return report


def _read_csv(req: ImportRequest) -> tuple[bytes, list[dict[str, str]]] | str:
    """The file's bytes and rows, or why there are none to import."""
    data, problem = read_bytes(req.csv, MAX_DATASET_BYTES)
    if data is None:
        return f"{req.csv}: {problem.message if problem else 'cannot be read'}"
    try:
        header, rows = parse_table(data)
    except ValueError as exc:
        return f"{req.csv}: {exc}: nothing was written"
    if not header:
        return f"{req.csv}: is empty: nothing was written"
    if missing := missing_columns(req.dataset, header):
        return f"{req.csv}: not a {req.dataset} file, missing columns {', '.join(missing)}"
    if not rows:
        return f"{req.csv}: has a header but no rows: nothing was written"
    return data, rows


def _write(
    req: ImportRequest, meta: Meta, data: bytes, rows: int, mapped: Mapped, catalog: Catalog
) -> str | None:
    """Keep the CSV and write the layer, or say why not (nothing written then)."""
    ids = {f["properties"]["id"] for f in mapped.features}
    if clash := id_clashes(catalog, req.out, ids):
        return clash
    text = _layer_text(req, meta, mapped.features)
    if too_big := size_refusal(req.out, text, req.max_layer_bytes):
        return too_big
    entry = DataFile(meta.file, req.dataset, meta.version, req.licence, sha256(data), rows)
    req.out.parent.mkdir(parents=True, exist_ok=True)
    limit = req.max_layer_bytes
    store = store_for(req.out.parent, req.seeds_dir, req.data_dir, max_layer_bytes=limit)
    detail = {"dataset": meta.dataset, "version": meta.version, "file": meta.file, "rows": rows}
    with store.lock():  # the dataset file and the layer land together (a shared store too)
        try:
            register(req.data_dir, meta.file, data, entry)
        except ValueError as exc:
            return f"{req.data_dir}: {exc}"
        if problems := store.write(req.out.stem, text, expect=None, action="import", detail=detail):
            return "\n".join([*(str(p) for p in problems[:SHOWN_SKIPS]), "nothing was written"])
    return None


def _refusal(req: ImportRequest, rows: int, mapped: Mapped) -> str | None:
    """Why nothing is written though every event validates: none left, or --strict."""
    if not mapped.features:
        return f"{req.csv}: none of its {rows} rows could be imported: nothing was written"
    if req.strict and mapped.skipped:
        return f"{req.csv}: {len(mapped.skipped)} rows skipped and --strict: nothing was written"
    return None


def _skip_lines(mapped: Mapped) -> list[str]:
    """Each skipped row by number and reason, the first SHOWN_SKIPS of them."""
    lines = [f"row {number}: skipped: {reason}" for number, reason in mapped.skipped[:SHOWN_SKIPS]]
    if len(mapped.skipped) > SHOWN_SKIPS:
        lines.append(f"… and {len(mapped.skipped) - SHOWN_SKIPS} more skipped rows")
    return lines


def _version_from_rows(dataset: str, rows: list[dict[str, str]]) -> str | None:
    """ACLED exports carry no release number: name them by their newest row's timestamp."""
    stamps = [int(r["timestamp"]) for r in rows if (r.get("timestamp") or "").isdigit()]
    if dataset != "ACLED" or not stamps:
        return None
    newest = dt.datetime.fromtimestamp(max(stamps), dt.UTC).date()
    return f"export of {newest.isoformat()}"


def _validated(
    file: str, raw: list[dict[str, Any]], ctx: Context, index: BorderIndex
) -> tuple[list[EventFeature], list[Problem]]:
    feats, problems = [], []
    for item in raw:
        fid = item["properties"]["id"]
        try:
            feat = EventFeature.model_validate(item)
        except pydantic.ValidationError as exc:
            problems += pydantic_problems(file, fid, exc)
            continue
        problems += check_feature(file, feat, ctx)
        feats.append(feat)
    if feats:
        problems += check_border_fields_all([(file, f) for f in feats], index)
    return feats, problems


def _layer_text(req: ImportRequest, meta: Meta, features: list[dict[str, Any]]) -> str:
    layer = {
        "type": "FeatureCollection",
        "name": req.title or f"{meta.dataset} {meta.version}",
        "description": f"Imported from {meta.file} ({meta.dataset} {meta.version}; {meta.licence})",
        "features": features,
    }
    # One feature per line: a 100,000-event layer stays diffable and half the indented size.
    lines = ",\n".join(json.dumps(f, ensure_ascii=False, allow_nan=False) for f in features)
    head = json.dumps({k: v for k, v in layer.items() if k != "features"}, ensure_ascii=False)
    return head[:-1] + ', "features": [\n' + lines + "\n]}\n"


def _report(
    req: ImportRequest, mapped: Mapped, feats: list[EventFeature], curated: list[EventFeature]
) -> Report:
    matches = same_incidents([*curated, *feats])
    new_ids = {f.properties.id for f in feats}
    return _summary(req, mapped, len(feats), sum(1 for fid in matches if fid in new_ids))


def _summary(req: ImportRequest, mapped: Mapped, count: int, linked: int) -> Report:
    """What a written import says: each skipped row, then how many imported and linked."""
    report = Report(_skip_lines(mapped), imported=count, skipped=mapped.skipped, linked=linked)
    if mapped.skipped:
        report.lines.append(ROW_NUMBERS.format(req.csv.name))
    report.lines.append(
        f"{req.out}: imported {count} events, skipped {len(mapped.skipped)} rows; "
        f"{linked} may be the same incident as a curated event (linked when the map loads)"
    )
    return report
