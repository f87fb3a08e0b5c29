"""Download file names that say what the file holds: the filters in a short ASCII slug,
`border-atlas_2025-10-01_2025-12-31_taliban_khatlon.csv`, the same for every format."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from geo.filters import Filters

PREFIX = "border-atlas"
MAX_STEM = 90  # characters: file systems and mail clients cope, and it still reads
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """'Government of Tajikistan' -> 'government-of-tajikistan'; accents dropped, other
    scripts (which a file name on every system cannot be trusted with) left out."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", plain.lower()).strip("-")


def near_words(place: str, km: float) -> str:
    """'within-30km-of-farkhor': a place radius as a file name says it."""
    return f"within-{km:g}km-of-{slug(place)}"


def _parts(
    f: Filters, area: str, extent: tuple[dt.date, dt.date] | None, near: str = ""
) -> list[str]:
    parts = []
    every_date = extent is not None and (f.date_from, f.date_to) == tuple(extent)
    if (f.date_from or f.date_to) and not every_date:
        parts.append(f"{f.date_from or 'start'}_{f.date_to or 'end'}")
    for chosen in (f.actors, f.event_types, f.statuses, f.layers, f.source_langs, f.outlets):
        parts += sorted(slug(value) for value in chosen)
    if area:
        parts.append(slug(area))
    if near:
        parts.append(near)
    if f.max_border_km is not None:
        parts.append(f"within-{f.max_border_km:g}km")
    if f.text.strip():
        parts.append("search-" + slug(f.text))
    return [p for p in parts if p and not p.endswith("-")]


def file_stem(
    f: Filters,
    area: str = "",
    extent: tuple[dt.date, dt.date] | None = None,
    near: str = "",
) -> str:
    """The name (without extension) of a download of the filtered view; 'all' when
    nothing is filtered (a date range that is every date there is, `extent`, is no
    filter); cut to MAX_STEM characters with '-etc' when longer."""
    parts = _parts(f, area, extent, near)
    stem = "_".join([PREFIX, *parts]) if parts else f"{PREFIX}_all"
    if len(stem) > MAX_STEM:
        stem = stem[: MAX_STEM - 4].rstrip("_-") + "-etc"
    return stem
