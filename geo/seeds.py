"""The source articles in seeds/ and their manifest."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
MANIFEST = "sources.json"
# How the page names the source languages layers use.
LANGUAGE_NAMES = {
    "fa": "Persian (Dari)",
    "ar": "Arabic",
    "ru": "Russian",
    "tg": "Tajik",
    "en": "English",
}


@dataclass(frozen=True)
class SeedInfo:
    """Manifest entry of one seed file."""

    file: str
    lang: str
    outlet: str | None
    outlet_note: str
    published: str | None
    published_note: str
    title_en: str
    sha256: str


def read_manifest(seeds_dir: Path = SEEDS_DIR) -> dict[str, SeedInfo]:
    """Return the manifest entries keyed by file name."""
    raw = json.loads((seeds_dir / MANIFEST).read_text(encoding="utf-8"))
    return {e["file"]: SeedInfo(**e) for e in raw["sources"]}


def read_seed(name: str, seeds_dir: Path = SEEDS_DIR) -> str:
    """Return a seed's text; offsets in layers count code points of this string."""
    # newline="" keeps the file's own line endings so offsets match the bytes on disk.
    with open(seeds_dir / name, encoding="utf-8", newline="") as fh:
        return fh.read()


def seed_texts(seeds_dir: Path = SEEDS_DIR) -> dict[str, str]:
    """Return every seed text keyed by file name."""
    return {p.name: read_seed(p.name, seeds_dir) for p in sorted(seeds_dir.glob("*.txt"))}


def sha256_of(path: Path) -> str:
    """Return the hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
