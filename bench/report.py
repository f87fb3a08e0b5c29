"""What the benchmarks' reports share: the hand-written part of a report kept below a new
run's figures."""

from __future__ import annotations

from pathlib import Path


def kept_sections(path: Path, *, heading: str = "\n## ") -> str:
    """What `path` holds from its first `heading` on (written by hand after earlier runs:
    comparisons, profiles, other benchmarks' sections), to keep below a new run's figures.
    Nothing when the file or the heading is missing."""
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    at = old.find(heading)
    return old[at:] if at >= 0 else ""
