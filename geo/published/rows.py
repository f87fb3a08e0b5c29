"""Map every row of a dataset file, keeping the good ones and saying why others failed."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from geo.published import acled, ucdp
from geo.published._rows import BadRow, Meta

Mapper = Callable[[Mapping[str, str], int, Meta, Mapping[str, str]], dict[str, Any]]
MAPPERS: dict[str, Mapper] = {ucdp.DATASET: ucdp.map_row, acled.DATASET: acled.map_row}
AreaCoder = Callable[[Mapping[str, Any]], tuple[str | None, str | None]]
AREA_CODERS: dict[str, AreaCoder] = {
    ucdp.DATASET: ucdp.coded_area,
    acled.DATASET: acled.coded_area,
}
# The codes each coder reads: records alike in these are coded alike.
AREA_KEYS: dict[str, tuple[str, ...]] = {
    ucdp.DATASET: ("where_prec", "adm_1", "adm_2"),
    acled.DATASET: ("geo_precision", "admin1", "admin2"),
}
# The columns without which a file is not the dataset it is said to be.
REQUIRED = {
    ucdp.DATASET: ("id", "latitude", "longitude", "date_start", "date_prec", "where_prec",
                   "type_of_violence", "side_a", "side_b", "best", "country"),
    acled.DATASET: ("event_id_cnty", "event_date", "time_precision", "event_type", "actor1",
                    "latitude", "longitude", "geo_precision", "country", "fatalities"),
}  # fmt: skip


_RELEASED: dict[str, str] = {}  # what a mapped row is replaced by when released


@dataclass
class Mapped:
    """The events a file's rows became, and (row number, reason) for each row skipped."""

    features: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)


def coded_area(dataset: Any, codes: Any) -> tuple[str | None, str | None]:
    """(province, district) an imported event's dataset codes it in, as the dataset names
    them (`ucdp.coded_area`, `acled.coded_area`); (None, None) for anything else."""
    coder = AREA_CODERS.get(dataset) if isinstance(dataset, str) else None
    if coder is None or not isinstance(codes, Mapping):
        return None, None
    return coder(codes)


def coded_areas(records: Sequence[Mapping[str, Any]]) -> list[tuple[str | None, str | None]]:
    """`coded_area` of many dataset records (an import's batch), each distinct coding
    worked out once: a batch of 20,000 events names a few hundred areas. Records of one
    dataset with every code it reads (what an importer writes) are read a column at a
    time (C-level `map`); any other batch one record at a time."""
    try:
        (dataset,) = set(map(itemgetter("dataset"), records))
        keys = AREA_KEYS[dataset]
        codings = list(map(itemgetter(*keys), map(itemgetter("codes"), records)))
        found = {c: coded_area(dataset, dict(zip(keys, c, strict=True))) for c in set(codings)}
    except (KeyError, TypeError, ValueError):  # mixed, missing, not a mapping, unhashable
        return [coded_area(_get(r, "dataset"), _get(r, "codes")) for r in records]
    return list(map(found.__getitem__, codings))


def _get(record: Any, key: str) -> Any:
    return record.get(key) if isinstance(record, Mapping) else None


def missing_columns(dataset: str, columns: list[str]) -> list[str]:
    """Columns the dataset's layout has that the file lacks."""
    return [c for c in REQUIRED[dataset] if c not in columns]


def map_rows(
    rows: list[dict[str, str]], meta: Meta, aliases: Mapping[str, str], *, release: bool = False
) -> Mapped:
    """Map each row (numbered from 1 after the header); a repeated id is skipped too.
    With `release`, each row is let go of in `rows` once mapped (left an empty dict): a
    million rows and their events are never all held at once."""
    with _no_collections():
        return _map_rows(rows, meta, aliases, release)


@contextlib.contextmanager
def _no_collections() -> Iterator[None]:
    """No cyclic garbage collection while rows are mapped: the events are plain dicts and
    lists (no cycles to find), and every collection of the oldest generation would walk
    the whole heap, the file's rows and the events made so far (40% of the mapping's
    time at 100,000 rows). Reference counting frees what it always frees."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _map_rows(
    rows: list[dict[str, str]], meta: Meta, aliases: Mapping[str, str], release: bool
) -> Mapped:
    mapper, out, seen = MAPPERS[meta.dataset], Mapped(), set()
    for number, row in enumerate(rows, start=1):
        if release:
            rows[number - 1] = _RELEASED
        try:
            check_cells(row)
            feat = mapper(row, number, meta, aliases)
        except BadRow as exc:
            out.skipped.append((number, str(exc)))
            continue
        fid = feat["properties"]["id"]
        if fid in seen:
            out.skipped.append((number, f"id {fid} repeats an earlier row"))
            continue
        seen.add(fid)
        out.features.append(feat)
    return out


def check_cells(row: Mapping[Any, Any]) -> None:
    """Refuse a row of more or fewer cells than the header has columns: they are shifted."""
    # csv.DictReader files extra cells under the key None and fills missing ones with None.
    columns = len(row) - (None in row)
    # Empty cells past the last column (a trailing comma some tools write) shift nothing.
    if None in row and any(cell.strip() for cell in row[None]):
        raise BadRow(f"has {columns + len(row[None])} cells, but the header has {columns} columns")
    if None in row.values():
        cells = sum(value is not None for value in row.values())
        raise BadRow(f"has {cells} cells, but the header has {columns} columns")
