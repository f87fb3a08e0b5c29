"""Which sentences make one incident, and which candidates only restate another.

A candidate sentence joins the candidate sentence right before it in its paragraph unless
something says it is another incident: both state a date; it opens with "Earlier,",
"Meanwhile", "وفي وقت سابق", "در همین حال" …; it names a town the group does not while the
group names one; or one tells of violence (a clash, a blast, an attack) and the other of
talk (a meeting, a statement); a denial is always its own candidate. So a toll or a
detail without a date joins its incident, and an undated lead-in ("clashes went on along
the border") joins the dated sentence after it. A sentence with no trigger but a date of
its own ("По данным ведомства, вечером 1 декабря группа …") joins an undated incident
before it, or an undated one right after it; one with no trigger, date or place ("Об этом
сообщил источник") is passed over. A date that is only the day of the report ("сообщили
во вторник") does not date a sentence (`geo.ingest.reporting`). A heading (a short line
with no closing punctuation, or up to 20 words before a blank line) is never a candidate.
A later candidate with the same type, place and date as an earlier one (or the same type
and date, naming no place), adding no count, restates it: it is folded into the earlier
one (`ingest.restated`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from geo.ingest import words as w
from geo.ingest.sentences import Sentence

# Openings that move to another incident or time.
NEW_INCIDENT: dict[str, list[str]] = {
    "fa": [
        *("در همین حال", "در حادثه‌ای دیگر", "در رویدادی دیگر", "پیش از این", "از سوی دیگر"),
        *("در حادثه ای دیگر", "در حمله‌ای دیگر", "حادثه بعدی", "حمله مشابه"),
    ],
    "ar": [
        *("في وقت سابق", "في غضون ذلك", "من جهة أخرى", "في سياق آخر", "في حادث آخر"),
        *("في حادثة أخرى", "هجوم مماثل", "الحادث التالي"),
    ],
    "ru": [
        *("ранее", "между тем", "тем временем", "в другом инциденте", "в другом случае"),
        *("ещё один прорыв", "еще один прорыв", "ещё одно нападение", "еще одно нападение"),
        *("ещё один инцидент", "еще один инцидент", "следующий", "похожее", "аналогичн"),
    ],
    "tg": ["пештар", "дар ҳамин ҳол", "дар ҳодисаи дигар", "ҳодисаи навбатӣ", "ҳамлаи дигар"],
    "en": [
        *("earlier", "meanwhile", "separately", "elsewhere", "in another incident"),
        *("previously", "another attack", "another incident", "another clash", "a similar"),
        *("the next", "in a separate"),
    ],
}
HEADING_WORDS = 10  # a line of at most this many words, with no closing mark, is a heading
HEADLINE_WORDS = 20  # ... and up to this many when a blank line follows it
_CLOSING = ".!?؟…:;؛»\"”')"


@dataclass(frozen=True)
class Clue:
    """What grouping needs of one sentence."""

    sentence: Sentence
    dated: bool  # states a date phrase of its own (not only the day it was reported)
    towns: frozenset[str]  # towns, cities and districts it names (place ids)
    kind: str | None  # "violence", "talk" (a meeting, a statement), "denial", "other", None
    # "candidate" (a trigger or a toll); "detail" (no trigger, but a date of its own: joins
    # an undated incident next to it); "neutral" (no trigger, date or place: passed over)
    role: str = "candidate"
    reported: bool = False  # states the day of a report ("сообщили во вторник")


@dataclass
class _Group:
    start: int
    end: int
    paragraph: int
    dated: bool
    towns: set[str] = field(default_factory=set)
    kind: str | None = None
    reported: bool = False


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
    words = len(text[s.start : s.end].split())
    more = bool(text[s.end :].strip())
    if not (alone and more) or text[s.end - 1] in _CLOSING:
        return False
    blank_after = (
        not text[s.end : text.find("\n", line_end + 1)].strip() if line_end >= 0 else False
    )
    return words <= HEADING_WORDS or (words <= HEADLINE_WORDS and blank_after)


def _joins(group: _Group | None, clue: Clue, text: str, lang: str) -> bool:
    if group is None or group.paragraph != clue.sentence.paragraph or clue.kind == "denial":
        return False
    if starts_new_incident(text, clue.sentence, lang) or (group.dated and clue.dated):
        return False
    if group.towns and clue.towns and not group.towns & clue.towns:
        return False
    # An undated incident takes a date only from a sentence of its own kind (not "In 2024
    # more than 4 tonnes were seized" after a firefight).
    kinds = {group.kind, clue.kind} - {None}
    if not group.dated and clue.dated and len(kinds) > 1:
        return False
    return not ({"violence", "talk"} <= kinds)


def _with_detail(group: _Group | None, clue: Clue, text: str, lang: str) -> _Group | None:
    """An undated incident takes the date of a detail after it: in its paragraph, or at the
    top of the next one when the incident states only the day of its report (a wire's lead:
    "…, сообщили во вторник." then "По данным ведомства, вечером 1 декабря …")."""
    if group is None or group.dated:
        return None
    moved = group.reported and clue.sentence.paragraph == group.paragraph + 1
    paragraph = clue.sentence.paragraph if moved else group.paragraph
    if not _joins(replace(group, paragraph=paragraph), clue, text, lang):
        return None
    group.end, group.dated, group.paragraph = clue.sentence.end, True, paragraph
    group.towns |= clue.towns
    return group


def _extend(group: _Group, clue: Clue) -> None:
    group.end, group.dated = clue.sentence.end, group.dated or clue.dated
    group.towns |= clue.towns
    group.kind = group.kind or clue.kind


def group_sentences(clues: list[Clue | None], text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of incidents from the sentences in order (None: not a candidate sentence)."""
    groups: list[_Group] = []
    current: _Group | None = None
    lead: _Group | None = None  # a dated sentence with no trigger, waiting for its incident
    for clue in clues:
        if clue is None:
            current = lead = None
            continue
        if clue.role == "neutral":
            continue
        s = clue.sentence
        if clue.role == "detail":
            # A dated sentence with no trigger dates the undated incident before it; with no
            # incident before it, it may lead the one after it; else it ends the incident.
            after = current is None
            current = _with_detail(current, clue, text, lang)
            lead = _Group(s.start, s.end, s.paragraph, True, set(clue.towns)) if after else None
            continue
        if current is not None and _joins(current, clue, text, lang):
            _extend(current, clue)
            continue
        if lead is not None and _joins(lead, clue, text, lang):
            current, lead = lead, None  # "شب گذشته … شلیک کردند." then "یک تن کشته شد."
            _extend(current, clue)
            groups.append(current)
            continue
        current, lead = _Group(s.start, s.end, s.paragraph, clue.dated, set(clue.towns)), None
        current.kind, current.reported = clue.kind, clue.reported
        groups.append(current)
    return [(g.start, g.end) for g in groups]


def _same_incident_key(props: dict[str, Any], place: str | None) -> tuple[Any, ...]:
    when = (props["date_start"], props["date_end"])
    if props["date_start"] is None:
        when = (None, _fold(props["date_text"] or ""))
    return (props["event_type"], place, *when)


def _adds_nothing(later: dict[str, Any], earlier: dict[str, Any]) -> bool:
    return all(later[k] is None or later[k] == earlier[k] for k in ("fatalities", "injured"))


def fold_restatements(features: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop candidates that restate an earlier one (same type, date and place, or naming no
    place of their own); the earlier one lists where (offsets)."""
    kept: list[dict[str, Any]] = []
    first: dict[tuple[Any, ...], dict[str, Any]] = {}
    for feature in features:
        props = feature["properties"]
        key = _same_incident_key(props, props["place_id"])
        earlier = first.get(key)
        if earlier is None and props["place_id"] is None:
            earlier = first.get(_same_incident_key(props, "*"))
        if earlier is not None and _adds_nothing(props, earlier["properties"]):
            src = props["sources"][0]
            earlier["properties"]["ingest"].setdefault("restated", []).append(
                {"start": src["start"], "end": src["end"]}
            )
            continue
        first.setdefault(key, feature)
        first.setdefault(_same_incident_key(props, "*"), feature)  # for one naming no place
        kept.append(feature)
    return kept
