"""Which sentences make one incident, and which candidates only restate another.

A candidate sentence joins the candidate sentence right before it in its paragraph unless
something says it is another incident: both state a date; it opens with "Earlier,",
"Meanwhile", "وفي وقت سابق", "در همین حال" …; it names a town the group does not while the
group names one; or one tells of violence (a clash, a blast, an attack) and the other of
talk (a meeting, a statement). So a toll or a detail without a date joins its
incident, and an undated lead-in ("clashes went on along the border") joins the dated
sentence after it. A heading (a short line with no closing punctuation) is never a
candidate. A later candidate with the same type, place and date as an earlier one, adding
no count, restates it: it is folded into the earlier one (`ingest.restated`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from geo.ingest import words as w
from geo.ingest.sentences import Sentence

# Openings that move to another incident or time.
NEW_INCIDENT: dict[str, list[str]] = {
    "fa": ["در همین حال", "در حادثه‌ای دیگر", "در رویدادی دیگر", "پیش از این", "از سوی دیگر"],
    "ar": ["في وقت سابق", "في غضون ذلك", "من جهة أخرى", "في سياق آخر", "في حادث آخر"],
    "ru": ["ранее", "между тем", "тем временем", "в другом инциденте", "в другом случае"],
    "tg": ["пештар", "дар ҳамин ҳол", "дар ҳодисаи дигар"],
    "en": ["earlier", "meanwhile", "separately", "elsewhere", "in another incident", "previously"],
}
HEADING_WORDS = 10  # a line of at most this many words, with no closing mark, is a heading
_CLOSING = ".!?؟…:;؛»\"”')"


@dataclass(frozen=True)
class Clue:
    """What grouping needs of one candidate sentence."""

    sentence: Sentence
    dated: bool  # states a date phrase of its own
    towns: frozenset[str]  # towns, cities and districts it names (place ids)
    kind: str | None  # "violence", "talk" (a meeting, a statement), or None (anything else)


@dataclass
class _Group:
    start: int
    end: int
    paragraph: int
    dated: bool
    towns: set[str] = field(default_factory=set)
    kind: str | None = None


def _fold(text: str) -> str:
    return re.sub(r"[\s\u200c]+", " ", w.fold(text)).strip().lower()


def starts_new_incident(text: str, s: Sentence, lang: str) -> bool:
    """Whether the sentence opens with words that move to another incident or time."""
    head = _fold(text[s.start : s.start + 40])
    if lang == "ar" and head.startswith("و"):
        head = head[1:]  # "وفي وقت سابق": the Arabic "and" written on the word
    return any(
        re.match(re.escape(_fold(o)) + r"(?![\w\u200c])", head) for o in NEW_INCIDENT.get(lang, [])
    )


def is_heading(text: str, s: Sentence) -> bool:
    """A short line standing alone, with no closing mark, with more text after it."""
    line_start = text.rfind("\n", 0, s.start) + 1
    line_end = text.find("\n", s.end)
    alone = not text[line_start : s.start].strip() and (
        line_end == -1 or not text[s.end : line_end].strip()
    )
    words = text[s.start : s.end].split()
    more = bool(text[s.end :].strip())
    return alone and more and len(words) <= HEADING_WORDS and text[s.end - 1] not in _CLOSING


def _joins(group: _Group | None, clue: Clue, text: str, lang: str) -> bool:
    if group is None or group.paragraph != clue.sentence.paragraph:
        return False
    if starts_new_incident(text, clue.sentence, lang) or (group.dated and clue.dated):
        return False
    if group.towns and clue.towns and not group.towns & clue.towns:
        return False
    return not (group.kind and clue.kind and group.kind != clue.kind)


def group_sentences(clues: list[Clue | None], text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of incidents from the sentences in order (None: not a candidate sentence)."""
    groups: list[_Group] = []
    current: _Group | None = None
    for clue in clues:
        if clue is None:
            current = None
            continue
        s = clue.sentence
        if current is not None and _joins(current, clue, text, lang):
            current.end, current.dated = s.end, current.dated or clue.dated
            current.towns |= clue.towns
            current.kind = current.kind or clue.kind
            continue
        current = _Group(s.start, s.end, s.paragraph, clue.dated, set(clue.towns), clue.kind)
        groups.append(current)
    return [(g.start, g.end) for g in groups]


def _same_incident_key(props: dict[str, Any]) -> tuple[Any, ...]:
    when = (props["date_start"], props["date_end"])
    if props["date_start"] is None:
        when = (None, _fold(props["date_text"] or ""))
    return (props["event_type"], props["place_id"], *when)


def _adds_nothing(later: dict[str, Any], earlier: dict[str, Any]) -> bool:
    return all(later[k] is None or later[k] == earlier[k] for k in ("fatalities", "injured"))


def fold_restatements(features: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop candidates that restate an earlier one; the earlier one lists where (offsets)."""
    kept: list[dict[str, Any]] = []
    first: dict[tuple[Any, ...], dict[str, Any]] = {}
    for feature in features:
        props = feature["properties"]
        key = _same_incident_key(props)
        earlier = first.get(key)
        if earlier is not None and _adds_nothing(props, earlier["properties"]):
            src = props["sources"][0]
            earlier["properties"]["ingest"].setdefault("restated", []).append(
                {"start": src["start"], "end": src["end"]}
            )
            continue
        first.setdefault(key, feature)
        kept.append(feature)
    return kept
