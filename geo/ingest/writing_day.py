"""The day an article was written, when a sentence needs it: with no publication date, the
latest day the article states (never a deadline: "by 11 September" is when something is
due, after the writing); and violence told as going on at that day ("fighting is under
way", "تجري مواجهة", "идут бои") with no date of its own is dated by it, and says so."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from geo.ingest import words as w
from geo.ingest.cues import AFTERWARDS, BEFOREHAND, ONGOING
from geo.ingest.dates import FULL_DATES, DateFind, find_dates
from geo.ingest.events import event_type, stem_rx
from geo.ingest.matching import cue_before
from geo.ingest.reasons import Aside
from geo.ingest.reporting import DEADLINE
from geo.ingest.sentences import Sentence, split_sentences
from geo.ingest.telling import aside_of, has_cue
from geo.ingest.triggers import TRIGGERS
from geo.model import EventType

_NEAR = 60  # characters between the trigger and the word saying it goes on
_VIOLENT = (EventType.BATTLES, EventType.EXPLOSIONS, EventType.VIOLENCE_AGAINST_CIVILIANS)


def _anchor(text: str, lang: str, dates: list[DateFind]) -> DateFind | None:
    """The latest day the article states, not one something is due by."""
    days = [
        d
        for d in dates
        if d.date_start is not None
        and d.precision == "day"
        and not cue_before(text, d.start, DEADLINE.get(lang, []))
    ]
    return max(days, key=lambda d: d.date_start or dt.date.min) if days else None


# A day and month with no year ("22 June") that the article gives without a publication
# date: these take the year from the last full date before them.
_DAY_MONTH = ("gregorian", "solar", "hijri", "night")
_HALF_YEAR = dt.timedelta(days=182)


def _year_giver(dates: list[DateFind], d: DateFind) -> DateFind | None:
    """The last date before d that states its year ("21 June 2021" before "22 June")."""
    if d.kind not in _DAY_MONTH:
        return None
    before = [
        f for f in dates if f.end <= d.start and f.kind in FULL_DATES and f.date_start is not None
    ]
    return before[-1] if before else None


def _base(dates: list[DateFind], d: DateFind, anchor: DateFind) -> tuple[dt.date, DateFind | None]:
    """What a dateless phrase is counted from: a day-month after a full date is its nearest
    such day to that date (counted as the last one up to half a year after it: "21 June
    2021 … 22 June" is 2021, "30 December 2021 … 2 January" is 2022); anything else, the
    latest day the article states."""
    giver = _year_giver(dates, d)
    if giver is not None and giver.date_start is not None:
        return giver.date_start + _HALF_YEAR, giver
    assert anchor.date_start is not None
    return anchor.date_start, None


def anchored(text: str, lang: str, dates: list[DateFind]) -> list[DateFind]:
    """With no publication date, a weekday or "yesterday" is counted from the latest day
    the article states (it was written on or after it: "a statement on Friday 28 November
    … the attack on Wednesday" is the 26th), a day and month with no year takes the year
    of the full date before it, and the note says from which words."""
    anchor = _anchor(text, lang, dates)
    if anchor is None or anchor.date_start is None:
        return dates
    out: list[DateFind] = []
    sentences = split_sentences(text)
    for d in dates:
        told = _told_after(text, lang, dates, d, sentences) if d.date_start is None else None
        if told is not None:
            out.append(told)
            continue
        base, giver = _base(dates, d, anchor) if d.date_start is None else (None, None)
        again = find_dates(d.text, lang, base) if base is not None else []
        if again and again[0].date_start is not None:
            note = f"{again[0].note} Counted from '{anchor.text}' (no publication date)."
            if giver is not None:
                note = f"No publication date: the nearest such day to '{giver.text}' before it."
            d = replace(again[0], start=d.start, end=d.end, text=d.text, note=note)
        out.append(d)
    return out


_WEEK = dt.timedelta(days=6)


def _told_after(
    text: str, lang: str, dates: list[DateFind], d: DateFind, sentences: list[Sentence]
) -> DateFind | None:
    """A bare weekday told after an event's day ("On 5 March 2016 gunmen attacked … On
    Monday …"), with no publication date: the next such day with "then"/"later", the last
    one before it with "earlier"; with neither, either: the interval from the one to the
    other, and the note says so. Counted back from the latest day (None here) when it is
    told first or after a day of saying ("a statement on Friday 28 November … Wednesday")."""
    prev = _day_before(text, lang, dates, d)
    if d.kind != "weekday" or prev is None or prev.date_start is None:
        return None
    s = _around(sentences, d.start)
    if _said_on(text, lang, prev, sentences) or has_cue(text[s.start : s.end], lang, BEFOREHAND):
        return None
    back = find_dates(d.text, lang, prev.date_start)
    ahead = find_dates(d.text, lang, prev.date_start + _WEEK)
    if not back or not ahead or back[0].precision != "day" or ahead[0].date_start is None:
        return None
    whence = f"told after '{prev.text}' (no publication date)"
    if has_cue(text[s.start : s.end], lang, AFTERWARDS):
        note = f"The first such day on or after {prev.date_start}: {whence}, the story moving on."
        return replace(ahead[0], start=d.start, end=d.end, text=d.text, note=note)
    note = f"Either the one before or the one after {prev.date_start}: {whence}."
    return replace(
        back[0],
        start=d.start,
        end=d.end,
        text=d.text,
        note=note,
        date_end=ahead[0].date_end,
        precision="week",
    )


def _day_before(text: str, lang: str, dates: list[DateFind], d: DateFind) -> DateFind | None:
    """The last day with its year the article states before d, not one something is due by."""
    days = [
        f
        for f in dates
        if f.end <= d.start
        and f.date_start is not None
        and f.precision == "day"
        and not cue_before(text, f.start, DEADLINE.get(lang, []))
    ]
    return days[-1] if days else None


def _said_on(text: str, lang: str, day: DateFind, sentences: list[Sentence]) -> bool:
    return aside_of(text, lang, day, _around(sentences, day.start)) is Aside.REPORT


def _around(sentences: list[Sentence], at: int) -> Sentence:
    """The sentence holding the offset (the last one starting before it)."""
    before = [x for x in sentences if x.start <= at]
    return before[-1] if before else Sentence(at, at, 0)


def ongoing(
    text: str, lang: str, published: dt.date | None, dates: list[DateFind]
) -> list[DateFind]:
    """A date for each sentence telling violence going on as the article is written, with
    no date phrase of its own: the publication day, or with none, the latest day the
    article states (written on or after it). Its words are the ones saying it goes on."""
    anchor = _anchor(text, lang, dates)
    day = published or (anchor.date_start if anchor else None)
    if day is None:
        return []
    whence = f"written on or after '{anchor.text}'" if anchor and not published else "published"
    out = []
    for s in split_sentences(text):
        sentence = text[s.start : s.end]
        if any(s.start <= d.start < s.end for d in dates):
            continue
        if event_type(sentence, lang)[0] not in _VIOLENT:
            continue
        cue = _cue(sentence, lang)
        if cue is not None:
            start, end = s.start + cue[0], s.start + cue[1]
            note = f"Going on when the article was written ({whence}): {day}."
            out.append(DateFind(start, end, text[start:end], "ongoing", day, day, "day", note))
    return out


def _cue(sentence: str, lang: str) -> tuple[int, int] | None:
    """Where a word of going on stands within `_NEAR` characters of a word of violence."""
    folded = w.fold(sentence).lower()
    stems = [s for t in _VIOLENT for s in TRIGGERS.get(t, {}).get(lang, [])]
    at = [m.start() for stem in stems for m in stem_rx(stem, lang).finditer(folded)]
    for word in ONGOING.get(lang, []):
        for m in stem_rx(word, lang).finditer(folded):
            if any(abs(m.start() - a) <= _NEAR for a in at):
                return m.start("stem"), m.end("stem")
    return None
