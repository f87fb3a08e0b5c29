"""The compiled read model: each event layer validated once, then kept as GeoParquet.

A layer file is parsed and checked (pydantic, the feature checks, its dataset rows, its
border fields) only when it, or something its checks depend on, changed. What the checks
found goes to the manifest, and one GeoParquet file per layer (`<layer>-<source sha>-<tag>
.parquet`) holds the frame's columns, a WKB point geometry (GeoParquet 1.0 metadata, so
GIS tools open it) and each feature's JSON for the panel. A start with nothing changed
reads those columns and nothing else.

Nothing compiled is trusted blindly: the manifest records the SHA-256 of the source layer,
of every input its checks read (seeds, vocabularies, the border and boundaries, the dataset
files its events cite) and of the compiled file itself; any that differs, or a compiled
file that will not read, means the layer is compiled again.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from geo.context import Context
from geo.dataset import CATEGORY_COLUMNS, CODED_AREA_COLUMNS, TUPLE_COLUMNS, layer_frame
from geo.errors import Problem
from geo.layers import Catalog, Layer, check_catalog, layer_from_data
from geo.model import EventFeature, ReferenceKind
from geo.published.folder import read_manifest as read_data_manifest
from geo.store import hashing
from geo.store.stream import FEATURE_COLUMN, CompiledWriter

# Bumped whenever what a compiled file holds, how it is laid out, or how a layer is
# checked, changes (5: row groups of 8,192 rows, see geo/store/stream.py's ROW_GROUP).
COMPILER_VERSION = "5"
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Compiled:
    """One event layer's compiled file and what its checks found."""

    name: str  # layer name (the source file's stem)
    source: str  # source file name
    title: str
    path: Path  # the compiled GeoParquet file
    problems: tuple[Problem, ...]
    inputs: dict[str, str] = field(default_factory=dict)  # input name -> sha256
    rows: int = 0
    # What makes the file no layer at all, or a feature invalid on its own (a write refuses).
    invalid: tuple[Problem, ...] = ()
    reference: bool = False  # a reference layer (border, boundaries): checked, not compiled
    in_place: bool = False  # an imported GeoParquet layer: its own file is its compiled file

    def entry(self) -> dict[str, Any]:
        """What the manifest records."""
        return {
            "name": self.name,
            "title": self.title,
            "file": self.path.name,
            "in_place": self.in_place,
            "rows": self.rows,
            "inputs": self.inputs,
            "problems": [[p.file, p.feature, p.field, p.message] for p in self.problems],
        }

    @classmethod
    def from_entry(cls, source: Path, entry: Any, directory: Path) -> Compiled | None:
        """A manifest entry read back; None when it is not one this version wrote."""
        try:
            file = Path(str(entry["file"])).name  # never a path out of the directory
            in_place = bool(entry["in_place"])
            return cls(
                name=str(entry["name"]),
                source=source.name,
                title=str(entry["title"]),
                path=source if in_place else directory / file,
                in_place=in_place,
                problems=tuple(Problem(*p) for p in entry["problems"]),
                inputs={str(k): str(v) for k, v in entry["inputs"].items()},
                rows=int(entry["rows"]),
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            return None


def compile_layer(
    path: Path,
    parsed: tuple[Any, list[Problem]],
    source_sha: str,
    ctx: Context,
    references: dict[ReferenceKind, Layer],
    inputs: dict[str, str],
    out_dir: Path,
) -> Compiled:
    """Validate one event layer (already parsed) and write its compiled file, under a
    hidden temporary name until `publish` gives it its own."""
    data, problems = parsed
    layer = layer_from_data(path, data, problems, ctx)
    invalid = tuple(layer.problems)
    if layer.claims is None:
        _check_alone(layer, references, ctx)
    raws = _raw_by_id(data)
    frame = layer_frame([(layer.name, f) for f in layer.features], ctx)
    features = [json.dumps(raws[f.properties.id], ensure_ascii=False) for f in layer.features]
    out = temp_path(out_dir, layer.name, source_sha)
    writer = CompiledWriter(out, layer.title)
    writer.add(frame, features)
    writer.close()
    made = freshly_compiled(layer, out, source_sha, {**inputs, **_cited_files(layer.features, ctx)})
    return replace(made, rows=len(frame), invalid=invalid, reference=layer.claims is not None)


def temp_path(out_dir: Path, name: str, source_sha: str) -> Path:
    """A hidden temporary name for a layer's compiled file, until `publish` names it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return out_dir / f".{name}-{source_sha[:16]}-{uuid.uuid4().hex[:8]}.parquet.tmp"


def freshly_compiled(layer: Layer, out: Path, source_sha: str, inputs: dict[str, str]) -> Compiled:
    """The entry of a layer just compiled to `out`: its inputs, its source's and its own hash."""
    return Compiled(
        name=layer.name,
        source=layer.path.name,
        title=layer.title,
        path=out,
        problems=tuple(layer.problems),
        inputs={
            **inputs,
            f"layer:{layer.path.name}": source_sha,
            "compiled": hashing.file_sha(out, 1 << 40) or "unread",
        },
    )


def published_name(c: Compiled) -> str:
    """The name a compiled file takes once published (its temporary name, unhidden)."""
    name = c.path.name
    return name[1:].removesuffix(".tmp") if name.startswith(".") else name


def _check_alone(layer: Layer, references: dict[ReferenceKind, Layer], ctx: Context) -> None:
    """The catalog checks a layer passes on its own: duplicates, dataset rows, border."""
    refs = {kind: replace(ref, problems=[]) for kind, ref in references.items()}
    catalog = Catalog([*refs.values(), layer])
    catalog.chosen = refs
    check_catalog(catalog, ctx, links=False)


def _raw_by_id(data: Any) -> dict[str, Any]:
    raws: dict[str, Any] = {}
    for raw in data.get("features", []) if isinstance(data, dict) else []:
        props = raw.get("properties") if isinstance(raw, dict) else None
        if isinstance(props, dict) and isinstance(props.get("id"), str):
            raws.setdefault(props["id"], raw)  # the first wins, as the duplicate check keeps
    return raws


def _cited_files(features: list[EventFeature], ctx: Context) -> dict[str, str]:
    return cited_inputs(
        {f.properties.dataset.file for f in features if f.properties.dataset is not None}, ctx
    )


def cited_inputs(names: set[str], ctx: Context) -> dict[str, str]:
    """sha256 of every dataset file the layer's imported events cite, and of the file's
    entry in datasets.json (another dataset's import changes only its own entry)."""
    found = {}
    for name in sorted(names):
        path = Path(ctx.data_dir or ".") / name
        found[f"data:{name}"] = hashing.file_sha(path, 1 << 40) or "missing"
        found[f"entry:{name}"] = dataset_entry_key(Path(ctx.data_dir or "."), name)
    return found


def dataset_entry_key(data_dir: Path, name: str) -> str:
    """A digest of a dataset file's entry in datasets.json ('missing' or 'unreadable')."""
    try:
        entry = read_data_manifest(data_dir).get(name)
    except ValueError:
        return "unreadable"
    if entry is None:
        return "missing"
    return hashlib.sha256(json.dumps(asdict(entry), sort_keys=True).encode()).hexdigest()


def read_columns(path: Path) -> pa.Table:
    """The frame's columns of a compiled file (no geometry, no features' JSON)."""
    schema = pq.read_schema(path)
    skip = {FEATURE_COLUMN, "geometry"}  # the panel reads features; nothing reads WKB
    return pq.read_table(path, columns=[n for n in schema.names if n not in skip])


def to_frame(table: pa.Table) -> pd.DataFrame:
    """Compiled columns (one layer's, or several joined) as the frame the filters use."""
    tuples = {name: tuple_values(table.column(name)) for name in TUPLE_COLUMNS}
    rest = table.drop_columns(list(TUPLE_COLUMNS))
    kept = {name: _for_pandas(name, rest.column(name)) for name in rest.column_names}
    frame = pa.table(kept).to_pandas()  # names: one Categorical
    for name, values in tuples.items():
        frame[name] = values
    for name in ("fatalities", "injured"):
        frame[name] = frame[name].astype("Int64")  # a count stated or not, never NaN
    for name in ("search_names", *CODED_AREA_COLUMNS, *CATEGORY_COLUMNS):  # categories
        if name in frame and isinstance(frame[name].dtype, pd.CategoricalDtype):  # sorted,
            # as a load gives them (`geo.dataset.compact`)
            frame[name] = frame[name].cat.reorder_categories(sorted(frame[name].cat.categories))
    for col in ("date_start", "date_end", "period_start", "period_end"):
        frame[col] = frame[col].astype("datetime64[s]")  # as a load from GeoJSON types them
    return frame[[*(c for c in table.column_names)]]


def _for_pandas(name: str, column: pa.ChunkedArray) -> pa.ChunkedArray | pa.Array:
    """A column as the frame keeps it. The repetitive texts as categoricals, encoded by
    Arrow (`geo.dataset.compact` would factorize them in pandas: 0.25 s at a million
    events). The other texts stay Arrow's, in one chunk: Arrow's take over a column of
    many chunks (a row group each) joins them first, so every page of 20 rows copied the
    whole column (0.7 s a rerun at 1,000,000 events for the feed alone; the search text
    too, 240 MB, though no filter copies it: a page of the feed takes every column). The
    rest becomes numpy's (joined once, by the conversion)."""
    if name in CATEGORY_COLUMNS and pa.types.is_string(column.type):
        return pc.dictionary_encode(column)
    if pa.types.is_string(column.type):
        return column.combine_chunks()
    return column


def read_frame(path: Path) -> pd.DataFrame:
    """The frame's columns of one compiled file."""
    return to_frame(read_columns(path))


def tuple_values(column: pa.ChunkedArray) -> pd.Series:
    """A list<string> column as Python tuples, each distinct tuple made once."""
    column = column.cast(pa.list_(pa.string()))  # a layer with no actors at all: list<null>
    joined = pc.binary_join(column, "\x1f").combine_chunks().dictionary_encode()
    distinct = [tuple(v.split("\x1f")) if v else () for v in joined.dictionary.to_pylist()]
    codes = joined.indices.to_numpy(zero_copy_only=False)
    values = pd.Series(distinct, dtype=object).to_numpy()
    return pd.Series(values[codes] if len(codes) else [], dtype=object)
