"""The data folder: imported dataset files, kept as published, and their manifest.

`datasets.json` lists each file with its dataset, version, licence and SHA-256; the
validator refuses an imported event whose file is missing, unlisted or changed.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from geo.io import atomic_write_text, read_bytes, read_json

MANIFEST = "datasets.json"
# A UCDP GED release for one region, or an ACLED export of a few years, fits well below.
MAX_DATASET_BYTES = 1024 * 1024 * 1024


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


def parse_rows(data: bytes) -> list[dict[str, str]]:
    """CSV rows as dicts by column name; raises ValueError for bytes that are not UTF-8."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 (byte {exc.start})") from None
    return list(csv.DictReader(io.StringIO(text, newline="")))


def sha256(data: bytes) -> str:
    """Hex SHA-256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def register(data_dir: Path, name: str, data: bytes, entry: DataFile) -> None:
    """Keep a dataset file under the data folder and list it in the manifest.

    A file of the same name with other bytes is never overwritten: importing a new
    release needs a new file name, so events already imported stay checkable.
    """
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    target = data_dir / name
    if target.exists():
        if sha256(read_file(data_dir, name)) != entry.sha256:
            raise ValueError(f"{target} exists with other contents; rename the new file")
    else:
        target.write_bytes(data)
    files = read_manifest(data_dir)
    files[name] = entry
    listing = {"files": [asdict(files[k]) for k in sorted(files)]}
    atomic_write_text(data_dir / MANIFEST, json.dumps(listing, indent=2, ensure_ascii=False))
