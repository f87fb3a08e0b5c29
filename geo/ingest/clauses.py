"""A sentence telling two incidents, read as two: each clause with its own day and its own
toll or trigger ("21 июня … ликвидированы двое …, а 22 июня … ранен пограничник", "عصر روز
گذشته … و صبح امروز جنگنده‌ها … حمله کردند"), or a clause telling an earlier incident of
its own ("…, after a clash killed two guards", "the air attack comes after two of their
forces were killed in clashes"). What one clause tells is not the other's.
"""

from __future__ import annotations

import re
from itertools import pairwise

from geo.ingest.counts import casualties
from geo.ingest.dates import DateFind
from geo.ingest.events import after_clause, event_type, other_kind_after, violence_kind
from geo.ingest.sentences import Sentence

# A time of day before a clause's own day: "و صبح امروز", "and early on Monday", "а утром 22".
_TIME_OF_DAY = (
    r"(?:(?:صبح|عصر|شام|شب|ظهر|بامداد|early|late|утром|вечером|днём|днем|ночью"
    r"|субҳи|бегоҳи|صباح|مساء|فجر)\s+)?"
)
# A clause break, then maybe "and"/"while", then the next clause's own day: "21 июня в
# районе Фархор ликвидированы двое …, а 22 июня в районе Хамадони ранен пограничник".
_CLAUSE = re.compile(
    r"(?:[,;،؛]\s*(?:(?:а|и|но|and|but|while|whereas|و|ولی|اما|ва|вале|аммо)\s+)?"
    r"|\s(?:а|and|و|ва)\s+)" + _TIME_OF_DAY + r"(?:(?:on|в|во|ба|در|дар|في|روز|рӯзи)\s+)?$",
    re.IGNORECASE,
)


def clauses(
    text: str, lang: str, sentences: list[Sentence], dates: list[DateFind]
) -> list[Sentence]:
    """Each sentence, or its two clauses where it tells two incidents."""
    out: list[Sentence] = []
    for s in sentences:
        days = [
            d
            for d in dates
            if s.start <= d.start and d.end <= s.end and d.precision == "day" and d.resolved
        ]
        cut = next((c for a, b in pairwise(days) if (c := _cut(text, lang, s, a, b))), None)
        if cut is not None:
            after = cut + len(text[cut : s.end]) - len(text[cut : s.end].lstrip())
            out += [Sentence(s.start, cut, s.paragraph), Sentence(after, s.end, s.paragraph)]
            continue
        out += _after_cut(text, lang, s)
    return out


def _cut(text: str, lang: str, s: Sentence, a: DateFind, b: DateFind) -> int | None:
    """Where the clause of day b begins, when days a and b differ and both clauses count
    someone killed or hurt, or the second tells violence the first does not (a kind of
    its own, or none told before it)."""
    if a.date_start == b.date_start or a.end > b.start:
        return None
    m = _CLAUSE.search(text, a.end, b.start)
    if m is None:
        return None
    first, second = text[s.start : m.start()], text[m.end() : s.end]
    tolls = [casualties(part, lang) for part in (first, second)]
    counted = all(c.killed is not None or c.injured is not None for c in tolls)
    kinds = [violence_kind(event_type(part, lang)[0]) for part in (first, second)]
    own = kinds[1] is not None and kinds[0] != kinds[1]
    return m.start() + 1 if counted or own else None


def _after_cut(text: str, lang: str, s: Sentence) -> list[Sentence]:
    """A clause telling an earlier incident is a sentence of its own, opening another
    incident (`_earlier_clause`); otherwise the sentence stays whole."""
    found = _earlier_clause(text[s.start : s.end], lang)
    if found is None:
        return [s]
    cut, begins = s.start + found[0], s.start + found[1]
    end = cut + 1 if text[cut] in ",،;؛—–" else cut
    return [Sentence(s.start, end, s.paragraph), Sentence(begins, s.end, s.paragraph, True)]


def _earlier_clause(sentence: str, lang: str) -> tuple[int, int] | None:
    """Where the sentence's clause telling an earlier incident is cut off, and where its
    words begin: after a comma ("…, after a clash killed two guards") when both clauses
    count someone killed or hurt; or, with no comma, when it tells violence of another kind
    than the clause before it and counts someone ("the air attack comes after two guards
    were killed in clashes": the clash's toll, not the strike's)."""
    found = after_clause(sentence, lang)
    if found is not None and all(
        _counts(part, lang) for part in (sentence[: found[0]], sentence[found[1] :])
    ):
        return found
    found = other_kind_after(sentence, lang)
    return found if found is not None and _counts(sentence[found[1] :], lang) else None


def _counts(part: str, lang: str) -> bool:
    told = casualties(part, lang)
    return told.killed is not None or told.injured is not None
