"""The source articles in seeds/ and their manifest.

Every entry of the folder is untrusted: a seed that cannot be read (not UTF-8, a
directory named x.txt, a FIFO, a link out of the folder) is one named problem and the
other seeds still load.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

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
    url: str | None = None  # the article's address (http or https only: `web_address`)


def read_manifest(seeds_dir: Path = SEEDS_DIR) -> dict[str, SeedInfo]:
    """Return the manifest entries keyed by file name; raises ValueError when unreadable."""
    data, problems = read_json(Path(seeds_dir) / MANIFEST, MAX_SEED_BYTES)
    if problems:
        raise ValueError("; ".join(p.message for p in problems))
    entries = {e["file"]: SeedInfo(**e) for e in data["sources"]}
    # An address is shown as a link: one that is not a plain web address is dropped.
    return {k: replace(v, url=web_address(v.url)) for k, v in entries.items()}


# A web address as an article's source may have one: http(s), a host, no spaces or
# control characters, not absurdly long. Anything else is not kept (a reviewer's typo,
# "javascript:", a pasted paragraph).
MAX_URL = 2000


def _not_in_address(c: str) -> bool:
    """A character no address holds as it is (RFC 3986 has it percent-encoded): spaces,
    controls, format characters (a right-to-left override), quotes, angle brackets."""
    return c.isspace() or not c.isprintable() or c in '"<>\\^`{|}'


def web_address(raw: str | None) -> str | None:
    """`raw` as a plain http(s) address, or None when it is not one."""
    value = (raw or "").strip()
    if not value or len(value) > MAX_URL or any(_not_in_address(c) for c in value):
        return None
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises on a port that is not a number)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if parts.username or parts.password:  # "https://trusted.org@evil.example/"
        return None
    return value


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
