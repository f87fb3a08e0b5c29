"""Which layers to compile and which compiled files to trust.

Every layer file is hashed (SHA-256). A file the manifest knows as an event layer with the
same hash, whose checks' inputs (seeds, vocabularies, border, boundaries, cited dataset
files) and whose compiled file hash as recorded, is read from its compiled file. Any other
file is parsed: a reference layer (border, boundaries: small) is kept in memory, an event
layer is validated and compiled again.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from geo.context import Context, load_context
from geo.dataset import Dataset, events_frame
from geo.errors import Problem
from geo.io import atomic_write_text, read_json
from geo.layers import LAYER_SUFFIX, Catalog, Layer, choose_references, layer_from_data
from geo.model import REFERENCE_MARK, ReferenceKind
from geo.published.verify import forget_rows
from geo.store import hashing
from geo.store.area_columns import AREAS_DIR, AreaKeeper, rules_key
from geo.store.assemble import assemble
from geo.store.compiled import (
    COMPILER_VERSION,
    MANIFEST,
    Compiled,
    compile_layer,
    dataset_entry_key,
    published_name,
)
from geo.store.imported import recompile_import
from geo.store.reuse import Reuse
from geo.vocab import VOCAB_DIR

Parsed = tuple[Any, list[Problem]]
LockFactory = Callable[[], AbstractContextManager[None]]


@dataclass(frozen=True)
class Dirs:
    """Where a file store keeps everything."""

    layers: Path
    seeds: Path
    data: Path
    compiled: Path
    max_layer_bytes: int


def build_snapshot(dirs: Dirs, *, lock: LockFactory, reuse: Reuse | None = None) -> Dataset:
    """Load the dataset, compiling only the layers whose inputs changed; with `reuse`,
    reading and indexing only the layers that changed since the last load with it."""
    if not dirs.layers.is_dir():
        problem = Problem(str(dirs.layers), None, None, "layers directory not found")
        return Dataset(events_frame([], None), {}, (), (problem,))
    if reuse is not None:
        reuse.begin()
    data = _build(dirs, lock, reuse)
    if reuse is not None:
        reuse.end()
    return data


def _build(dirs: Dirs, lock: LockFactory, reuse: Reuse | None) -> Dataset:
    ctx = load_context(dirs.seeds, data_dir=dirs.data, max_layer_bytes=dirs.max_layer_bytes)
    manifest = read_manifest(dirs.compiled)
    refs, events, parsed = sort_layers(dirs, manifest, reuse=reuse)
    catalog = Catalog(refs, ctx.problems)
    choose_references(catalog)
    common = common_inputs(dirs, catalog)
    compiled = [
        _compiled(dirs, path, ctx, catalog, common, manifest.get(path.name), parsed.get(path))
        for path in events
    ]
    forget_rows()  # the dataset rows the checks parsed are not kept past the compile
    keeper = area_keeper(dirs, common)
    data = assemble(ctx, dirs.layers, catalog, compiled, reuse, keeper)  # opens what it reads
    fresh = [c for c in compiled if c.path.name.startswith(".")]
    if fresh or set(manifest) != {p.name for p in events}:
        with lock():
            publish(dirs, fresh, keep={p.name for p in events})
    return data


def area_keeper(dirs: Dirs, common: dict[str, str]) -> AreaKeeper:
    """Where each compiled layer's areas are kept, for the rules of this code and these
    vocabularies (geo/store/area_columns.py)."""
    return AreaKeeper(dirs.compiled / AREAS_DIR, rules_key(common["vocab"]))


def read_manifest(directory: Path) -> dict[str, dict[str, Any]]:
    """The compiled files' manifest (empty when missing, unreadable or of another version)."""
    if not (directory / MANIFEST).is_file():
        return {}
    data, problems = read_json(directory / MANIFEST)
    if problems or not isinstance(data, dict) or data.get("version") != COMPILER_VERSION:
        return {}
    layers = data.get("layers")
    return layers if isinstance(layers, dict) else {}


def publish(
    dirs: Dirs, fresh: list[Compiled], keep: set[str], known: Iterable[Compiled] = ()
) -> None:
    """Under the lock: give freshly compiled files their names and manifest entries (unless
    their layer changed again meanwhile), forget layers no longer there (`keep` names the
    layer files that are), and delete compiled files no entry names."""
    entries = {k: v for k, v in read_manifest(dirs.compiled).items() if k in keep}
    entries.update({c.source: c.entry() for c in known})  # written in place by their writer
    for c in fresh:
        now = hashing.file_sha(dirs.layers / c.source, _limit(dirs, dirs.layers / c.source))
        if now is None or now != c.inputs.get(f"layer:{c.source}"):
            continue  # written again since: its own writer publishes it
        final = c.path if c.in_place else c.path.with_name(published_name(c))
        os.replace(c.path, final)
        entries[c.source] = replace(c, path=final).entry()
    text = json.dumps({"version": COMPILER_VERSION, "layers": entries}, indent=1)
    dirs.compiled.mkdir(parents=True, exist_ok=True)
    atomic_write_text(dirs.compiled / MANIFEST, text + "\n")
    named = {str(e.get("file")) for e in entries.values()}
    for path in dirs.compiled.glob("*.parquet"):
        if path.name not in named:
            path.unlink(missing_ok=True)
    for c in fresh:
        c.path.unlink(missing_ok=True)  # not published: a newer one was
    sweep_leftovers(dirs.compiled, dirs.compiled / AREAS_DIR, dirs.layers)


# A hidden temporary file this old is a killed write's or compile's, never one under way
# (compiling a million events takes minutes): the next publish deletes it.
STALE_TEMP_SECONDS = 3600.0


def sweep_leftovers(*folders: Path, now: float | None = None) -> None:
    """Delete the temporary files (`hashing.temporary`) a killed write or compile left in
    `folders`, once older than STALE_TEMP_SECONDS (they held hundreds of MB at a million)."""
    limit = (time.time() if now is None else now) - STALE_TEMP_SECONDS
    for folder in folders:
        for path in folder.glob(".*"):
            with contextlib.suppress(OSError):  # gone meanwhile, or not ours to delete
                if hashing.temporary(path.name) and path.stat().st_mtime < limit:
                    path.unlink()


def sort_layers(
    dirs: Dirs,
    manifest: dict[str, dict[str, Any]],
    *,
    skip: Path | None = None,
    reuse: Reuse | None = None,
) -> tuple[list[Layer], list[Path], dict[Path, Parsed]]:
    refs: list[Layer] = []
    events: list[Path] = []
    parsed: dict[Path, Parsed] = {}
    for path in layer_files(dirs.layers):
        if path == skip:
            continue  # the layer being written: its new bytes are checked instead
        sha = hashing.file_sha(path, _limit(dirs, path))
        known = manifest.get(path.name, {}).get("inputs", {}).get(f"layer:{path.name}")
        if known and sha == known:
            events.append(path)  # an event layer the manifest knows with these bytes
            continue
        if path.suffix == PARQUET:
            events.append(path)  # an imported layer: events only, compiled from its rows
            continue
        known_ref = reuse.reference(path, sha) if reuse is not None and sha else None
        if known_ref is not None:
            refs.append(known_ref)  # the same bytes as the last load's: parsed then
            continue
        data, problems = read_json(path, dirs.max_layer_bytes)
        if isinstance(data, dict) and data.get(REFERENCE_MARK) is not None:
            layer = layer_from_data(path, data, problems, _NO_CONTEXT)
            # Kept by these bytes' hash (a file changed while it was read: not kept).
            if reuse is not None and sha is not None and sha == _sha(dirs, path):
                layer = reuse.keep_reference(path, sha, layer)
            refs.append(layer)
        else:
            events.append(path)
            parsed[path] = (data, problems)
    return refs, events, parsed


_NO_CONTEXT = Context(seeds={}, actors={}, places={})  # reference layers read none of it


def _sha(dirs: Dirs, path: Path) -> str | None:
    return hashing.file_sha(path, _limit(dirs, path))


PARQUET = ".parquet"


def layer_files(layers: Path) -> list[Path]:
    """The layer files of a directory: curated GeoJSON, imported GeoParquet, by name."""
    return sorted([*layers.glob(f"*{LAYER_SUFFIX}"), *layers.glob(f"*{PARQUET}")])


def _limit(dirs: Dirs, path: Path) -> int:
    # An imported GeoParquet layer is compact and read a column at a time: no size limit.
    return 1 << 40 if path.suffix == PARQUET else dirs.max_layer_bytes


def common_inputs(dirs: Dirs, refs: Catalog) -> dict[str, str]:
    """What every event layer's checks read, by SHA-256."""
    inputs = {
        "compiler": COMPILER_VERSION,
        "max_layer_bytes": str(dirs.max_layer_bytes),
        "seeds": hashing.dir_sha(dirs.seeds),
        "vocab": hashing.dir_sha(VOCAB_DIR),
    }
    for kind in ReferenceKind:
        chosen = refs.chosen.get(kind)
        sha = hashing.file_sha(chosen.path, dirs.max_layer_bytes) if chosen else None
        inputs[f"reference:{kind}"] = f"{chosen.path.name}:{sha}" if chosen else "none"
    return inputs


def _compiled(
    dirs: Dirs,
    path: Path,
    ctx: Context,
    refs: Catalog,
    common: dict[str, str],
    entry: dict[str, Any] | None,
    parsed: Parsed | None,
) -> Compiled:
    if entry is not None and parsed is None:
        trusted = Compiled.from_entry(path, entry, dirs.compiled)
        if trusted is not None and _inputs_hold(trusted, common, dirs):
            return trusted
    if path.suffix == PARQUET:
        return recompile_import(dirs, path, ctx, refs.chosen, common)
    if parsed is None:
        parsed = read_json(path, dirs.max_layer_bytes)
    sha = hashing.file_sha(path, dirs.max_layer_bytes) or "unread"
    return compile_layer(path, parsed, sha, ctx, refs.chosen, common, dirs.compiled)


def _inputs_hold(compiled: Compiled, common: dict[str, str], dirs: Dirs) -> bool:
    """Every input the compiled file was made from is unchanged, and so is the file."""
    inputs = compiled.inputs
    if any(inputs.get(k) != v for k, v in common.items()):
        return False
    for key, sha in inputs.items():
        found = sha
        if key.startswith("data:"):
            found = hashing.file_sha(dirs.data / key[5:], 1 << 40) or "missing"
        elif key.startswith("entry:"):
            found = dataset_entry_key(dirs.data, key[6:])
        if found != sha:
            return False
    return hashing.file_sha(compiled.path, 1 << 40) == inputs.get("compiled")
