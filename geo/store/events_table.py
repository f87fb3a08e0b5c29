"""The events as PostGIS rows (`atlas.events`), for SQL and GIS clients: a layer's rows
are replaced from its compiled file in the writer's transaction.

The dashboard reads the compiled files (see `bench/team.md` for why); this table is what
QGIS, `ogr2ogr` or an analyst's SQL open, with a GiST index on the points and a B-tree
on the dates.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pyarrow.parquet as pq

from geo.store.compiled import Compiled
from geo.store.snapshot import Dirs, read_manifest
from geo.store.stream import FEATURE_COLUMN

COLUMNS = (
    "layer", "id", "event_type", "status", "date_start", "date_end", "date_precision",
    "actors", "geo_precision", "country", "place", "fatalities", "injured", "border_km",
    "release", "geom", "feature",
)  # fmt: skip
_READ = [
    "id", "event_type", "status", "date_start", "date_end", "date_precision", "actors",
    "geo_precision", "country", "place", "fatalities", "injured", "border_km", "release",
    "lon", "lat", FEATURE_COLUMN,
]  # fmt: skip


def project(conn: psycopg.Connection, dirs: Dirs, sources: list[str]) -> int:
    """Replace the rows of each layer file named in `sources`; the rows written."""
    manifest = read_manifest(dirs.compiled)
    written = 0
    for source in sources:
        conn.execute("DELETE FROM atlas.events WHERE layer = %s", (Path(source).stem,))
        made = Compiled.from_entry(dirs.layers / source, manifest.get(source), dirs.compiled)
        if made is None or not made.path.is_file():
            continue  # a reference layer, or a layer gone
        written += _copy(conn, made.name, made.path)
    return written


def _copy(conn: psycopg.Connection, layer: str, path: Path) -> int:
    count = 0
    with conn.cursor().copy(f"COPY atlas.events ({', '.join(COLUMNS)}) FROM STDIN") as copy:
        for row in _rows(layer, path):
            copy.write_row(row)
            count += 1
    return count


def _rows(layer: str, path: Path) -> Iterator[tuple[Any, ...]]:
    for batch in pq.ParquetFile(path).iter_batches(batch_size=8192, columns=_READ):
        for r in batch.to_pylist():
            yield (
                layer, r["id"], r["event_type"], r["status"], _day(r["date_start"]),
                _day(r["date_end"]), r["date_precision"], list(r["actors"] or []),
                r["geo_precision"], r["country"], r["place"], r["fatalities"], r["injured"],
                _number(r["border_km"]), r["release"], _point(r["lon"], r["lat"]),
                r[FEATURE_COLUMN],
            )  # fmt: skip


def _day(value: Any) -> Any:
    return value.date() if value is not None else None


def _number(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else value


def _point(lon: float | None, lat: float | None) -> str | None:
    if lon is None or lat is None or math.isnan(lon) or math.isnan(lat):
        return None
    return f"SRID=4326;POINT({lon!r} {lat!r})"
