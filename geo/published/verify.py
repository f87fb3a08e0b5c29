"""Check imported events against the dataset rows they cite.

An imported event names its file and row. The file must be listed in the data folder's
`datasets.json` with the SHA-256 of its bytes; the row, mapped again by the same rules,
must give the event's date, place, counts, actors and type. So an edited layer cannot
put words in a dataset's mouth.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geo.errors import Problem
from geo.model import EventFeature
from geo.published._rows import BadRow, Meta, alias_index
from geo.published.folder import parse_rows, read_file, read_manifest, sha256
from geo.published.rows import MAPPERS, check_cells
from geo.vocab import Actor

# Fields compared between the layer's event and the row mapped again.
# Every field the panel shows as the dataset's (its dates' wording and notes included); the
# uncertainty area follows from geo_precision and the row's where_prec, both compared.
COMPARED = (
    "title",
    "event_type",
    "date_start",
    "date_end",
    "date_precision",
    "date_text",
    "date_note",
    "fatalities",
    "actors",
    "country",
    "geo_precision",
    "location_note",
    "dataset",
)
Located = tuple[str, EventFeature]  # (layer file name, feature)


def verify_imported(
    located: Iterable[Located], data_dir: Path | None, actors: dict[str, Actor]
) -> list[Problem]:
    """One problem per imported event its dataset row does not back (none: all verified)."""
    by_file: dict[str, list[Located]] = defaultdict(list)
    for file, feat in located:
        if feat.properties.dataset is not None:
            by_file[feat.properties.dataset.file].append((file, feat))
    if not by_file:
        return []
    if data_dir is None:
        return [
            _blame(e, "no data folder is set (ATLAS_DATA_DIR)") for g in by_file.values() for e in g
        ]
    aliases = alias_index(actors)
    problems = []
    for name, group in by_file.items():
        problems += _verify_file(Path(data_dir), name, group, aliases)
    return problems


def _blame(located: Located, message: str) -> Problem:
    file, feat = located
    return Problem(file, feat.properties.id, "dataset", message)


def _verify_file(
    data_dir: Path, name: str, group: list[Located], aliases: dict[str, str]
) -> list[Problem]:
    try:
        entry = read_manifest(data_dir).get(name)
        if entry is None:
            raise ValueError(f"{name} is not listed in {data_dir}/datasets.json")
        rows = _rows(data_dir, name, entry.sha256, _stat(data_dir / name))
    except ValueError as exc:
        return [_blame(located, f"cannot check against the dataset: {exc}") for located in group]
    problems = []
    for located in group:
        if message := _row_mismatch(located[1], rows, aliases):
            problems.append(_blame(located, message))
    return problems


def _stat(path: Path) -> tuple[int, int, int]:
    try:
        info = path.stat()
    except OSError:
        return (0, 0, 0)
    return (info.st_ino, info.st_size, info.st_mtime_ns)


# A big layer is checked a batch at a time: its CSV is read and parsed once, not per batch
# (keyed by what stat says of the file, so a changed file is read again).
@functools.lru_cache(maxsize=2)
def _rows(data_dir: Path, name: str, expected: str, _stat_key: tuple[int, int, int]) -> list:
    data = read_file(data_dir, name)
    if sha256(data) != expected:
        raise ValueError(f"{name} has changed since it was imported (SHA-256 differs)")
    return parse_rows(data)


def forget_rows() -> None:
    """Let go of the parsed dataset files (gigabytes for a million rows) once checked."""
    _rows.cache_clear()


def _row_mismatch(feat: EventFeature, rows: list[dict[str, str]], aliases: dict[str, str]) -> str:
    record = feat.properties.dataset
    assert record is not None
    if not 1 <= record.row <= len(rows):
        return f"{record.file} has no row {record.row}"
    meta = Meta(record.dataset, record.version, record.licence, record.file)
    try:
        check_cells(rows[record.row - 1])
        mapped = MAPPERS[record.dataset](rows[record.row - 1], record.row, meta, aliases)
    except BadRow as exc:
        return f"row {record.row} of {record.file} is not an event: {exc}"
    return _difference(feat, mapped, record.row, record.file)


def _difference(feat: EventFeature, mapped: dict[str, Any], row: int, file: str) -> str:
    props = feat.properties.model_dump(mode="json")
    for key in COMPARED:
        if props.get(key) != mapped["properties"].get(key):
            return f"{key} differs from row {row} of {file}"
    if list(feat.geometry.coordinates[:2]) != mapped["geometry"]["coordinates"]:
        return f"the point differs from row {row} of {file}"
    return ""
