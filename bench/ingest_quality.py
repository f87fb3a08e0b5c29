"""How well ingest finds the curated events: `python -m bench.ingest_quality`.

Runs ingest on every seed (with the manifest's language and publication date) and compares
its candidates with the curated events that cite that seed. A candidate finds an event when
both have dates that overlap and their points lie within 50 km. Writes bench/ingest_quality.md.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyproj import Geod

from geo.context import load_context
from geo.ingest import propose
from geo.layers import load_catalog
from geo.model import EventFeature
from geo.settings import ROOT

MAX_KM = 50.0
OUT = ROOT / "bench" / "ingest_quality.md"
_GEOD = Geod(ellps="WGS84")


@dataclass
class SeedScore:
    """Counts for one seed, and why each miss missed."""

    seed: str
    curated: int
    curated_dated: int
    found: int
    candidates: int
    matched_candidates: int
    missed: list[str] = field(default_factory=list)  # "event id: why"
    unmatched: list[str] = field(default_factory=list)  # "candidate id: why"
    published: str | None = None


def _interval(start: Any, end: Any) -> tuple[dt.date, dt.date] | None:
    if not start or not end:
        return None
    return dt.date.fromisoformat(str(start)), dt.date.fromisoformat(str(end))


def _overlap(candidate: dict[str, Any], event: EventFeature) -> bool:
    p = candidate["properties"]
    mine = _interval(p["date_start"], p["date_end"])
    theirs = _interval(event.properties.date_start, event.properties.date_end)
    if mine is None or theirs is None:
        return False
    return not (mine[1] < theirs[0] or theirs[1] < mine[0])


def _km(candidate: dict[str, Any], event: EventFeature) -> float:
    lon1, lat1 = candidate["geometry"]["coordinates"][:2]
    lon2, lat2 = event.geometry.coordinates[0], event.geometry.coordinates[1]
    return float(_GEOD.inv(lon1, lat1, lon2, lat2)[2]) / 1000


def same_incident(candidate: dict[str, Any], event: EventFeature) -> bool:
    """Dates overlap and points within 50 km."""
    if not candidate.get("geometry") or not _overlap(candidate, event):
        return False
    return _km(candidate, event) <= MAX_KM


def _why_missed(event: EventFeature, found: list[dict[str, Any]]) -> str:
    same_date = [c for c in found if _overlap(c, event)]
    placed = [c for c in same_date if c.get("geometry")]
    if not same_date:
        return "no candidate of that date"
    if not placed:
        return "the candidates of that date name no place"
    return f"the nearest candidate of that date is {min(_km(c, event) for c in placed):.0f} km away"


def _why_unmatched(candidate: dict[str, Any], events: list[EventFeature]) -> str:
    p = candidate["properties"]
    lacks = []
    if p["date_start"] is None:
        lacks.append(f"no date ('{p['date_text']}' unresolved)" if p["date_text"] else "no date")
    if not candidate.get("geometry"):
        lacks.append("no place")
    if lacks:
        return " and ".join(lacks)
    same_date = [e for e in events if _overlap(candidate, e)]
    if not same_date:
        return f"its date ({p['date_start']}) is no curated event's"
    nearest = min(_km(candidate, e) for e in same_date)
    return f"the nearest curated event of that date is {nearest:.0f} km away"


def score_seed(
    name: str, text: str, lang: str, published: str | None, events: list[EventFeature]
) -> SeedScore:
    """Run ingest on one seed and match its candidates with the seed's curated events."""
    day = dt.date.fromisoformat(published) if published else None
    found = propose(text, name, lang, day)["features"]
    mine = [e for e in events if any(s.doc == name for s in e.properties.sources)]
    dated = [e for e in mine if e.properties.date_start is not None]
    hit = [e for e in dated if any(same_incident(c, e) for c in found)]
    matched = [c for c in found if any(same_incident(c, e) for e in mine)]
    score = SeedScore(name, len(mine), len(dated), len(hit), len(found), len(matched))
    score.published = published
    score.missed = [f"{e.properties.id}: {_why_missed(e, found)}" for e in dated if e not in hit]
    score.unmatched = [
        f"{c['id']}: {_why_unmatched(c, mine)}" for c in found if not any(c is m for m in matched)
    ]
    return score


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.0%}" if b else "—"


def report(scores: list[SeedScore]) -> str:
    """The Markdown report."""
    lines = [
        "# Ingest quality against the curated layers",
        "",
        "Regenerate with `python -m bench.ingest_quality`. A candidate *finds* a curated event",
        f"that cites the same seed when their date intervals overlap and their points are within "
        f"{MAX_KM:g} km.",
        "Undated curated events cannot be found by this rule and are not counted in recall;",
        "undated or unplaced candidates match nothing and count against precision.",
        "",
        "| seed | curated events | dated | found | recall | candidates | matching | precision |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in [*scores, _total(scores)]:
        lines.append(
            f"| {s.seed} | {s.curated} | {s.curated_dated} | {s.found} | "
            f"{_ratio(s.found, s.curated_dated)} | {s.candidates} | {s.matched_candidates} | "
            f"{_ratio(s.matched_candidates, s.candidates)} |"
        )
    return "\n".join(lines + _misses(scores)) + "\n"


def _misses(scores: list[SeedScore]) -> list[str]:
    lines = ["", "## Why each miss missed", ""]
    for s in scores:
        lines.append(f"**{s.seed}**, published {s.published or 'on a date the seed does not give'}")
        lines.append("")
        lines += [f"- dated curated event not found: `{m}`" for m in s.missed]
        lines += [f"- candidate matching nothing: `{u}`" for u in s.unmatched]
        lines += ["- nothing missed"] if not (s.missed or s.unmatched) else []
        lines.append("")
    return lines[:-1]


def _total(scores: list[SeedScore]) -> SeedScore:
    counts = ("curated", "curated_dated", "found", "candidates", "matched_candidates")
    return SeedScore("**all**", *(sum(getattr(s, f) for s in scores) for f in counts))


def main(argv: list[str] | None = None) -> int:
    """Score every seed and write the report."""
    seeds = ROOT / "seeds"
    ctx = load_context(seeds)
    events = [f for _, f in load_catalog(ROOT / "layers", ctx).features]
    scores = [
        score_seed(name, ctx.seeds[name], info.lang, info.published, events)
        for name, info in sorted(ctx.manifest.items())
    ]
    text = report(scores)
    Path(OUT).write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
