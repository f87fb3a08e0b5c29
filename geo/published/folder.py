"""The data folder: imported dataset files, kept as published, and their manifest.

`datasets.json` lists each file with its dataset, version, licence and SHA-256; the
validator refuses an imported event whose file is missing, unlisted or changed.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from geo.csvsafe import FORMULA_STARTS, formula_safe
from geo.io import atomic_write_text, read_bytes, read_json

MANIFEST = "datasets.json"
# A UCDP GED release for one region, or an ACLED export of a few years, fits well below.
MAX_DATASET_BYTES = 1024 * 1024 * 1024
# A cell the atlas's export prefixed with ' (quoted or not) somewhere in a file: only then
# are the rows looked at cell by cell.
_ESCAPED = re.compile("(?:^|[,\n])\"?'[" + re.escape("".join(FORMULA_STARTS)) + "]", re.MULTILINE)


@dataclass(frozen=True)
class DataFile:
    """Manifest entry of one imported dataset file."""

    file: str
    dataset: str
    version: str
    licence: str
    sha256: str
    rows: int


def read_manifest(data_dir: Path) -> dict[str, DataFile]:
    """Entries of datasets.json by file name; empty when there is none yet.

    Raises ValueError (with the reason) when the manifest exists but cannot be used.
    """
    if not (Path(data_dir) / MANIFEST).exists():
        return {}
    data, problems = read_json(Path(data_dir) / MANIFEST, MAX_DATASET_BYTES)
    if problems:
        raise ValueError("; ".join(p.message for p in problems))
    try:
        return {e["file"]: DataFile(**e) for e in data["files"]}
    except (KeyError, TypeError) as exc:
        raise ValueError(f"{MANIFEST} is not a list of files ({exc})") from None


def read_file(data_dir: Path, name: str) -> bytes:
    """The bytes of a data file; raises ValueError naming why it cannot be read."""
    data, problem = read_bytes(Path(data_dir) / name, MAX_DATASET_BYTES, folder=Path(data_dir))
    if data is None:
        raise ValueError(problem.message if problem else "cannot be read")
    return data


def parse_table(data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the rows as dicts by column name.

    Raises ValueError naming the line for bytes that are not UTF-8 or not readable as CSV
    (a cell over the csv module's field limit, a broken quote).
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 (byte {exc.start})") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows: list[dict[str, str]] = []
    try:
        rows.extend(reader)
        header = list(reader.fieldnames or [])
    except csv.Error as exc:
        where = f"row {len(rows) + 1}" if rows or reader.line_num > 1 else "the header"
        raise ValueError(_csv_problem(exc, where)) from None
    if _ESCAPED.search(text):
        rows = [{k: unescape_formula(v) for k, v in row.items()} for row in rows]
    return header, rows


def _csv_problem(exc: csv.Error, where: str) -> str:
    if "field larger than field limit" in str(exc):
        return (
            f"{where}: a cell is longer than {csv.field_size_limit():,} characters, far "
            "longer than any dataset's cell: not read"
        )
    return f"{where}: not readable as CSV ({exc})"


def unescape_formula(value: Any) -> Any:
    """A cell the atlas's CSV export made formula-safe (`'=…`), read as it was before."""
    if isinstance(value, str) and value.startswith("'") and formula_safe(value[1:]) == value:
        return value[1:]
    return value


def parse_rows(data: bytes) -> list[dict[str, str]]:
    """CSV rows as dicts by column name; raises ValueError for bytes that are not UTF-8."""
    return parse_table(data)[1]


def sha256(data: bytes) -> str:
    """Hex SHA-256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def register(data_dir: Path, name: str, data: bytes, entry: DataFile) -> None:
    """Keep a dataset file under the data folder and list it in the manifest.

    A file of the same name with other bytes is never overwritten (importing a new release
    needs a new file name, so events already imported stay checkable), unless it is a copy
    a crash left half written: one that does not match the SHA-256 the manifest records for
    it, or, unlisted, a beginning of the new file. The copy itself is atomic (a temporary
    file, fsynced, checked, renamed), so a crash now leaves the old state.
    """
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    files = read_manifest(data_dir)
    target = data_dir / name
    if not target.exists() or _broken_copy(data_dir, name, data, entry, files.get(name)):
        _copy(target, data, entry.sha256)
    files[name] = entry
    listing = {"files": [asdict(files[k]) for k in sorted(files)]}
    atomic_write_text(data_dir / MANIFEST, json.dumps(listing, indent=2, ensure_ascii=False))


def _broken_copy(
    data_dir: Path, name: str, data: bytes, entry: DataFile, recorded: DataFile | None
) -> bool:
    """Whether the file kept under `name` is a broken copy to replace (False: the same
    bytes); raises ValueError when it is another file that must stay."""
    kept = read_file(data_dir, name)
    digest = sha256(kept)
    if digest == entry.sha256:
        return False
    target = data_dir / name
    if recorded is not None and digest != recorded.sha256:
        if recorded.sha256 == entry.sha256:
            return True  # damaged (half written): this import brings the recorded bytes
        raise ValueError(
            f"{target} does not match the SHA-256 {MANIFEST} records for it (damaged?), and "
            "the new file is not that one either: restore it, or rename the new file"
        )
    if recorded is None and data.startswith(kept):
        return True  # an unlisted beginning of this very file: a copy a crash cut short
    raise ValueError(f"{target} exists with other contents; rename the new file")


def _copy(target: Path, data: bytes, digest: str) -> None:
    """Write the dataset's bytes atomically, checked against their SHA-256 before renaming."""

    def check(tmp: Path) -> None:
        if sha256(tmp.read_bytes()) != digest:
            raise ValueError(f"{target}: the copy does not match the file read; not kept")

    # The bytes are UTF-8 (parse_table checked); written back as text they are the same.
    atomic_write_text(target, data.decode("utf-8"), check=check)
