"""The source articles in seeds/ and their manifest.

Every entry of the folder is untrusted: a seed that cannot be read (not UTF-8, a
directory named x.txt, a FIFO, a link out of the folder) is one named problem and the
other seeds still load.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from geo.errors import Problem
from geo.io import read_bytes, read_json, read_text

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
MANIFEST = "sources.json"
SEED_SUFFIX = ".txt"
# A news article is a few kilobytes; anything this big is not one (and folding it for
# matching would take seconds).
MAX_SEED_BYTES = 1024 * 1024
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
    """Return the manifest entries keyed by file name; raises ValueError when unreadable."""
    data, problems = read_json(Path(seeds_dir) / MANIFEST, MAX_SEED_BYTES)
    if problems:
        raise ValueError("; ".join(p.message for p in problems))
    return {e["file"]: SeedInfo(**e) for e in data["sources"]}


def read_seed(name: str, seeds_dir: Path = SEEDS_DIR) -> str:
    """Return a seed's text; offsets in layers count code points of this string.

    Raises ValueError naming the reason when the seed cannot be read.
    """
    text, problem = read_text(Path(seeds_dir) / name, MAX_SEED_BYTES)
    if text is None:
        raise ValueError(str(problem))
    return text


def load_seeds(seeds_dir: Path = SEEDS_DIR) -> tuple[dict[str, str], list[Problem]]:
    """Every readable seed text keyed by file name, and one problem per unreadable one."""
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    for path in sorted(Path(seeds_dir).glob(f"*{SEED_SUFFIX}")):
        # Bytes decoded as they are: line endings kept, so offsets match the file.
        text, problem = read_text(path, MAX_SEED_BYTES)
        if text is None:
            problems.append(problem or Problem(path.name, None, None, "cannot be read"))
        else:
            texts[path.name] = text
    return texts, problems


def seed_texts(seeds_dir: Path = SEEDS_DIR) -> dict[str, str]:
    """Return every readable seed text keyed by file name."""
    return load_seeds(seeds_dir)[0]


def sha256_of(path: Path) -> str:
    """Return the hex SHA-256 of a file's bytes."""
    data, problem = read_bytes(path, MAX_SEED_BYTES)
    if data is None:
        raise ValueError(str(problem))
    return hashlib.sha256(data).hexdigest()
