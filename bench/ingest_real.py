"""How well ingest reads real news: `python -m bench.ingest_real [FACTS.json] [TEXTS_DIR]`.

The facts (URL, outlet, language, publication date, and each incident's dates, place,
coordinates and tolls) are committed in `bench/ingest_real.json`; the articles' texts are
not (they are the publishers'): they live in the git-ignored `bench/real/<id>.txt`.
An article whose text is missing is named and left out of the figures.

An expected incident is *found* when one candidate not already matched has a date interval
overlapping the incident's, a point within 50 km of it, and the same tolls (killed and
injured; a toll the article does not state must not be given). Every other candidate is
*extra*. A violent candidate (a battle, an explosion, violence against civilians) proposed
for an article that reports no incident is *invented*. Every excerpt and every evidence
quote must be the text at its offsets.

Ingest is given the publication date a reviewer would type: the page's own date, else the
day the article's address holds ("/2025/12/25/", "20251225"), as the facts record it
(`published_from`: "page" or "url"; absent when neither gives a day). Articles dated by
their address only are also scored with no date, so each table says what the address adds.
Writes `bench/ingest_real.md`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyproj import Geod

from bench.ingest_real_facts import FACTS, FirstContact, first_contacts, published
from geo.ingest import propose
from geo.settings import ROOT

TEXTS = ROOT / "bench" / "real"
OUT = ROOT / "bench" / "ingest_real.md"
MAX_KM = 50.0
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
_GEOD = Geod(ellps="WGS84")


@dataclass
class Score:
    """One article's counts and why each miss missed."""

    id: str
    lang: str
    expected: int
    found: int = 0
    candidates: int = 0
    extra: int = 0
    invented: int = 0
    not_verbatim: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    held_out: bool = False  # kept apart: scored as articles the rules were not written for
    held_out_set: int = 0  # which held-out set (1, 2, ...): each gathered at its own time
    undated_page: bool = False  # the page gives no publication date (a day and month alone
    # then have no year a reader could give them)
    dated_by_url: bool = False  # the page gives none, its address does: ingest was given that
    found_page_only: int = 0  # found when given the page's date only (none for these)
    undated_right: int = 0  # misses with an undated candidate of the right place and toll


def _interval(a: Any, b: Any) -> tuple[dt.date, dt.date] | None:
    if not a:
        return None
    return dt.date.fromisoformat(str(a)), dt.date.fromisoformat(str(b or a))


def _overlap(cand: dict[str, Any], inc: dict[str, Any]) -> bool:
    p = cand["properties"]
    mine = _interval(p["date_start"], p["date_end"])
    theirs = _interval(inc["date_start"], inc["date_end"])
    if mine is None or theirs is None:
        return False
    return not (mine[1] < theirs[0] or theirs[1] < mine[0])


def _km(cand: dict[str, Any], inc: dict[str, Any]) -> float | None:
    if not cand.get("geometry"):
        return None
    lon, lat = cand["geometry"]["coordinates"][:2]
    return float(_GEOD.inv(lon, lat, inc["lon"], inc["lat"])[2]) / 1000


def _tolls_agree(cand: dict[str, Any], inc: dict[str, Any]) -> bool:
    """The same killed and injured; a toll the article does not state (None in the facts)
    must not be given either (0 and None are both "none stated")."""
    p = cand["properties"]
    return all(
        (p[mine] or 0) == (inc.get(theirs) or 0)
        for mine, theirs in (("fatalities", "killed"), ("injured", "injured"))
    )


def matches(cand: dict[str, Any], inc: dict[str, Any]) -> bool:
    """Dates overlap, within 50 km, the same tolls."""
    km = _km(cand, inc)
    return km is not None and km <= MAX_KM and _overlap(cand, inc) and _tolls_agree(cand, inc)


def _toll(p: dict[str, Any]) -> str:
    return f"{p.get('fatalities', p.get('killed'))} killed, {p.get('injured')} injured"


def _right_but_undated(cand: dict[str, Any], inc: dict[str, Any]) -> bool:
    """A candidate with no date, within 50 km and with the same tolls: only the date is
    missing (a page with no publication date and no year in its text)."""
    km = _km(cand, inc)
    undated = not cand["properties"]["date_start"]
    return undated and km is not None and km <= MAX_KM and _tolls_agree(cand, inc)


def why_missed(inc: dict[str, Any], cands: list[dict[str, Any]]) -> str:
    """The nearest failure: no candidate of that date, too far, or another toll."""
    dated = [c for c in cands if _overlap(c, inc)]
    if not dated:
        got = ", ".join(
            f"{c['properties']['date_start'] or 'undated'}"
            f"{'' if c.get('geometry') else ' unplaced'}"
            for c in cands
        )
        return f"no candidate of that date (candidates: {got or 'none'})"
    placed = [(km, c) for c in dated if (km := _km(c, inc)) is not None]
    if not placed:
        return "the candidates of that date name no place"
    km, best = min(placed, key=lambda x: x[0])
    if km > MAX_KM:
        where = best["properties"]["place"]
        return f"the nearest candidate of that date is {km:.0f} km away ({where})"
    return f"toll {_toll(best['properties'])}, expected {_toll(inc)}"


def _verbatim(text: str, cand: dict[str, Any]) -> int:
    bad = 0
    for src in cand["properties"]["sources"]:
        bad += text[src["start"] : src["end"]] != src["excerpt"]
    for ev in cand["properties"].get("evidence", []):
        if "words" in ev:
            bad += text[ev["start"] : ev["end"]] != ev["words"]
    return bad


def _found(art: dict[str, Any], cands: list[dict[str, Any]]) -> int:
    used: set[int] = set()
    for inc in art["incidents"]:
        hit = next((i for i, c in enumerate(cands) if i not in used and matches(c, inc)), None)
        if hit is not None:
            used.add(hit)
    return len(used)


def _propose(art: dict[str, Any], text: str, day: dt.date | None) -> list[dict[str, Any]]:
    return list(propose(text, f"{art['id']}.txt", art["lang"], day)["features"])


def score_article(art: dict[str, Any], text: str) -> Score:
    """Run ingest on one article and compare with its facts."""
    day = published(art)
    cands = _propose(art, text, day)
    incs = art["incidents"]
    s = Score(art["id"], art["lang"], len(incs), candidates=len(cands))
    s.held_out = bool(art.get("held_out"))
    s.held_out_set = int(art.get("held_out_set", 1)) if s.held_out else 0
    s.undated_page = published(art, addresses=False) is None
    s.dated_by_url = s.undated_page and day is not None
    if s.dated_by_url:
        s.found_page_only = _found(art, _propose(art, text, None))
    used: set[int] = set()
    for inc in incs:
        hit = next((i for i, c in enumerate(cands) if i not in used and matches(c, inc)), None)
        if hit is None:
            free = [c for i, c in enumerate(cands) if i not in used]
            s.misses.append(f"{inc['date_start']} {inc['place']}: {why_missed(inc, free)}")
            s.undated_right += any(_right_but_undated(c, inc) for c in free)
        else:
            used.add(hit)
            s.found += 1
    for i, c in enumerate(cands):
        p = c["properties"]
        if i in used:
            continue
        s.extra += 1
        s.invented += not incs and p["event_type"] in VIOLENT
        s.extras.append(f"{p['event_type']} at {p['place']}, {p['date_start']}, {_toll(p)}")
    s.not_verbatim = sum(_verbatim(text, c) for c in cands)
    return s


def _pct(a: int, b: int) -> str:
    return f"{a / b:.0%}" if b else "—"


def report(
    scores: list[Score], missing: list[str], first: dict[int, FirstContact] | None = None
) -> str:
    """The Markdown report: the development set by language, then the held-out articles."""
    dev = [s for s in scores if not s.held_out]
    held = [s for s in scores if s.held_out]
    none = [s for s in dev if s.expected == 0]
    lines = [
        "# Ingest on real news",
        "",
        f"Run {dt.date.today()} with `python -m bench.ingest_real` on {len(scores)} articles "
        f"(facts in `bench/ingest_real.json`; texts not in the repository): {len(dev)} of the "
        f"development set, {len(held)} held out.",
        "Found: a candidate with overlapping dates, within 50 km, and the same tolls.",
        "",
        *_table(dev),
        "",
        f"Articles reporting no incident: {len(none)}; violent candidates proposed for them: "
        f"{sum(s.invented for s in none)}.",
        "",
        date_modes(dev),
    ]
    if held:
        lines += ["", *_held_out(held, first or {})]
    if missing:
        lines += ["", f"Left out (text not in bench/real/): {', '.join(missing)}"]
    return "\n".join(lines + _details(scores)) + "\n"


def _held_out(held: list[Score], first: dict[int, FirstContact]) -> list[str]:
    """One table per held-out set: each set's first score is an independent figure only
    until a rule is changed for it."""
    lines = [
        "## Held out",
        "",
        "Articles marked `held_out` in the facts: gathered to try the rules on news they "
        "were not written for, in sets (`held_out_set`) gathered at different times. Each "
        "set's first score, before any rule was changed for it, is kept in the facts' "
        "`held_out_first_contact`; a rule found through a set since makes its table no "
        "longer an independent figure.",
        "",
        by_dating(held),
    ]
    for n in sorted({s.held_out_set for s in held}):
        group = [s for s in held if s.held_out_set == n]
        lines += [
            "",
            f"### Held-out set {n}",
            "",
            *_first_line(group, first.get(n)),
            *_table(group),
        ]
    return lines


def _first_line(group: list[Score], first: FirstContact | None) -> list[str]:
    """The set's first score beside its score now, and whether that is still independent."""
    if first is None:
        return []
    now, exp = sum(s.found for s in group), sum(s.expected for s in group)
    said = (
        f"First contact, before any rule was changed for this set: {first.found} of "
        f"{first.incidents} incidents found ({_pct(first.found, first.incidents)}). "
        f"This run: {now} of {exp} ({_pct(now, exp)})"
    )
    if first.rules_since:
        said += (
            ", not an independent figure: rules were found through this set since, each "
            "tested on an article written for the tests."
        )
    else:
        said += ": no rule was changed for this set since, so this is still an independent figure."
    undated = sum(s.undated_page for s in group)
    said += (
        f" Pages giving no publication date: {undated} of {len(group)}; incidents missed "
        f"on them: {sum(s.expected - s.found for s in group if s.undated_page)}. Misses with "
        "an undated candidate of the right place and toll (only the date lacking): "
        f"{sum(s.undated_right for s in group)} of {exp - now}."
    )
    return [said, "", date_modes(group), ""]


def by_dating(group: list[Score]) -> str:
    """Every set together, split by whether ingest was given a publication date (the page's
    or its address's): a day and month on a page with neither have no year to resolve."""
    dated = [s for s in group if not s.undated_page or s.dated_by_url]
    undated = [s for s in group if s not in dated]
    found, exp = sum(s.found for s in undated), sum(s.expected for s in undated)
    right = sum(s.undated_right for s in undated)
    d_found, d_exp = sum(s.found for s in dated), sum(s.expected for s in dated)
    return (
        f"All held-out sets together: {d_found + found} of {d_exp + exp} found "
        f"({_pct(d_found + found, d_exp + exp)}). On the {len(dated)} pages ingest was given "
        f"a publication date for: {d_found} of {d_exp} ({_pct(d_found, d_exp)}). On the "
        f"{len(undated)} pages giving none (no date on the page or in its address): {found} "
        f"of {exp} ({_pct(found, exp)}); of their {exp - found} misses, {right} have a "
        "candidate of the right place and toll whose date has no year to resolve."
    )


def date_modes(group: list[Score]) -> str:
    """This run with the pages' own dates only, and with the addresses' days added."""
    exp, found = sum(s.expected for s in group), sum(s.found for s in group)
    page_only = found - sum(s.found - s.found_page_only for s in group if s.dated_by_url)
    by_url = sum(s.dated_by_url for s in group)
    return (
        f"With the pages' dates only: {page_only} of {exp} found ({_pct(page_only, exp)}); "
        f"with the day of the address for the pages that give none ({by_url} of "
        f"{len(group)} pages): {found} of {exp} ({_pct(found, exp)})."
    )


def _table(scores: list[Score]) -> list[str]:
    lines = [
        "| | articles | incidents | found | recall | candidates | extra per article | "
        "invented (no-incident articles) | not verbatim |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    by_lang = Counter(s.lang for s in scores)
    groups = [(lang, [s for s in scores if s.lang == lang]) for lang in sorted(by_lang)]
    return lines + [_row(name, group) for name, group in [*groups, ("**all**", scores)]]


def _row(name: str, group: list[Score]) -> str:
    exp, found = sum(s.expected for s in group), sum(s.found for s in group)
    cands, extra = sum(s.candidates for s in group), sum(s.extra for s in group)
    invented = sum(s.invented for s in group)
    bad = sum(s.not_verbatim for s in group)
    per = f"{extra / len(group):.2f}" if group else "—"
    return (
        f"| {name} | {len(group)} | {exp} | {found} | {_pct(found, exp)} | {cands} | {per} | "
        f"{invented} | {bad} |"
    )


def _details(scores: list[Score]) -> list[str]:
    lines = ["", "## Misses and extra candidates", ""]
    for s in scores:
        if not (s.misses or s.extras):
            continue
        held = f" (held out, set {s.held_out_set})" if s.held_out else ""
        lines.append(f"**{s.id}**{held}")
        lines += [f"- missed: {m}" for m in s.misses]
        lines += [f"- extra: {e}" for e in s.extras]
        lines.append("")
    return lines


# The stored pages start with the search tool's own " date YYYY-MM-DD " line: not the
# article's words, so it is taken off before ingest reads the text.
_STORE_DATE = re.compile(r"^\s*date \d{4}-\d{2}-\d{2}\s*")


def _article(stored: str) -> str:
    return _STORE_DATE.sub("", stored, count=1)


def run(facts: Path = FACTS, texts: Path = TEXTS) -> tuple[list[Score], list[str]]:
    """Score every article whose text is present; name the ones that are not."""
    articles = json.loads(facts.read_text(encoding="utf-8"))["articles"]
    scores, missing = [], []
    for art in articles:
        path = texts / f"{art['id']}.txt"
        if not path.is_file():
            missing.append(art["id"])
            continue
        scores.append(score_article(art, _article(path.read_text(encoding="utf-8"))))
    return scores, missing


def main(argv: list[str] | None = None) -> int:
    """Print and write the report (`bench/ingest_real.md` when the facts are the project's)."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.ingest_real",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("facts", nargs="?", type=Path, default=FACTS)
    parser.add_argument("texts", nargs="?", type=Path, default=TEXTS)
    args = parser.parse_args(argv)
    facts, texts = args.facts, args.texts
    scores, missing = run(facts, texts)
    text = report(scores, missing, first_contacts(facts))
    if facts == FACTS:
        OUT.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
