"""Compiled files written a batch at a time: a million imported events are validated and
compiled in slices (`geo/store/parts.py`), never held as a million Python objects at once.

Every compiled file has the same Arrow schema (`FRAME_SCHEMA`), whichever batch wrote it:
a batch with no actors still writes `list<string>`, so the files join into one table.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import shapely

FEATURE_COLUMN = "feature_json"  # each feature's GeoJSON, as its layer holds it
# A panel's feature is read with its row group (its JSON column decoded: 13-20 ms at
# 2,048 or 8,192 rows, 50-90 ms at 32,768-65,536); a start reads every row group's frame
# columns, at a cost per column chunk: 1,000,000 events read and joined in 2.5-3.1 s in
# groups of 2,048, 0.65 s in groups of 8,192 (2026-12-07, 2 cores).
ROW_GROUP = 8192
BATCH = 20_000  # events validated and compiled at once
ATLAS_META = b"atlas"  # the layer's title and what wrote it, in the file's metadata

_TEXT = pa.string()
_TEXTS = pa.list_(pa.string())
_DAY = pa.timestamp("s")
_NAMES = pa.dictionary(pa.int32(), _TEXT)  # few distinct values: read as a categorical
FRAME_SCHEMA = pa.schema(
    [
        ("id", _TEXT), ("layer", _TEXT), ("title", _TEXT), ("event_type", _TEXT),
        ("status", _TEXT), ("date_start", _DAY), ("date_end", _DAY),
        ("date_precision", _TEXT), ("actors", _TEXTS), ("lon", pa.float64()),
        ("lat", pa.float64()), ("geo_precision", pa.int64()), ("country", _TEXT),
        ("place", _TEXT), ("fatalities", pa.int64()), ("injured", pa.int64()),
        ("undated", pa.bool_()), ("border_km", pa.float64()), ("border_side", _TEXT),
        ("area_shape", _TEXT), ("area_radius_km", pa.float64()), ("area_key", _TEXT),
        ("source_langs", _TEXTS), ("outlets", _TEXTS), ("period_start", _DAY),
        ("period_end", _DAY), ("open_start", pa.bool_()), ("open_end", pa.bool_()),
        ("search_text", _TEXT), ("search_names", _NAMES),
        ("release", _TEXT), ("has_links", pa.bool_()), ("has_claims", pa.bool_()),
        ("coded_admin1", _NAMES), ("coded_admin2", _NAMES),
        (FEATURE_COLUMN, pa.large_string()), ("geometry", pa.binary()),
    ]
)  # fmt: skip


def _geo_meta() -> bytes:
    column = {"encoding": "WKB", "geometry_types": ["Point"], "crs": None}
    meta = {"version": "1.0.0", "primary_column": "geometry", "columns": {"geometry": column}}
    return json.dumps(meta).encode()


def batch_table(frame: pd.DataFrame, features: list[str]) -> pa.Table:
    """One batch as the compiled file's Arrow table: the frame's columns (in FRAME_SCHEMA
    order, minus two), each feature's JSON and its point as WKB."""
    points = shapely.points(frame["lon"].to_numpy(float), frame["lat"].to_numpy(float))
    columns = {name: frame[name] for name in FRAME_SCHEMA.names[:-2]}
    return pa.Table.from_pandas(
        pd.DataFrame(columns).assign(
            **{FEATURE_COLUMN: features, "geometry": shapely.to_wkb(points)}
        ),
        schema=FRAME_SCHEMA,
        preserve_index=False,
    )


class CompiledWriter:
    """Appends batches of (frame rows, features' JSON) to one GeoParquet 1.0 file."""

    def __init__(self, out: Path, title: str, written_by: dict[str, Any] | None = None):
        meta = {
            b"geo": _geo_meta(),
            ATLAS_META: json.dumps({"title": title, **(written_by or {})}).encode(),
        }
        self.out = out
        self.rows = 0
        self._writer = pq.ParquetWriter(out, FRAME_SCHEMA.with_metadata(meta), compression="zstd")

    def add(self, frame: pd.DataFrame, features: list[str]) -> None:
        """Append one batch (the frame's columns in FRAME_SCHEMA order, minus two)."""
        self.write(batch_table(frame, features))

    def write(self, table: pa.Table) -> None:
        """Append one batch already in FRAME_SCHEMA (`batch_table`)."""
        self._writer.write_table(table, row_group_size=ROW_GROUP)
        self.rows += table.num_rows

    def close(self) -> None:
        """Finish the file (its footer)."""
        self._writer.close()


def parquet_batches(path: Path, size: int = BATCH) -> Iterator[list[Any]]:
    """The raw features of a compiled (or imported) GeoParquet file, a batch at a time."""
    reader = pq.ParquetFile(path)
    for batch in reader.iter_batches(batch_size=size, columns=[FEATURE_COLUMN]):
        yield [json.loads(text) for text in batch.column(0).to_pylist()]


def written_by(path: Path) -> dict[str, Any]:
    """What a compiled or imported GeoParquet file says wrote it ({} when it says nothing)."""
    meta = pq.read_schema(path).metadata or {}
    try:
        found = json.loads(meta.get(ATLAS_META, b"{}"))
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}
