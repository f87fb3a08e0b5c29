"""Writing one layer file through the store: validated once, written atomically, compiled.

The caller (`FileStore.write`) holds the lock. An event layer is compiled from the very
bytes it writes, so the next start reads it without validating it again.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from geo.context import load_context
from geo.errors import Problem
from geo.io import atomic_write_text, parse_json
from geo.layers import LAYER_SUFFIX, Catalog, choose_references
from geo.store.compiled import compile_layer
from geo.store.snapshot import Dirs, LockFactory, common_inputs, publish, read_manifest, sort_layers

LAYER_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,40}$")


def write_layer(dirs: Dirs, layer: str, text: str, *, lock: LockFactory) -> list[Problem]:
    """Validate and write `<layer>.geojson`; the problems that kept it from being written."""
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
    compiled = compile_layer(
        path, (data, []), sha, ctx, catalog.chosen, common_inputs(dirs, catalog), dirs.compiled
    )
    if compiled.invalid:
        Path(compiled.path).unlink(missing_ok=True)
        return list(compiled.invalid)
    with lock():
        atomic_write_text(path, text)
        if compiled.reference:
            Path(compiled.path).unlink(missing_ok=True)
        else:
            publish(dirs, [compiled], keep={p.name for p in dirs.layers.glob(f"*{LAYER_SUFFIX}")})
    return []
