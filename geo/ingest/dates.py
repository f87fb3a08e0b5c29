"""Dates in an article, each with its span, resolved to an interval against the publication date.

Every phrase keeps its own words (`text`) and says how it was read (`note`). Without a
publication date a phrase that needs one (a weekday, "yesterday", a day without a year)
stays unresolved: nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from geo.ingest import calendars as cal
from geo.ingest import words as w
from geo.ingest.counted_dates import (
    DAY,
    NO_BASE,
    Resolution,
    resolve_ago,
    resolve_relative,
    resolve_weekday,
)
from geo.ingest.counted_dates import unresolved as _unresolved
from geo.ingest.patterns import DatePattern, patterns_for
from geo.ingest.reasons import Aside

FULL_DATES = ("gregorian", "solar", "hijri", "numeric")  # a day with its month


@dataclass(frozen=True)
class DateFind:
    """A date phrase found at text[start:end] and the interval it stands for."""

    start: int
    end: int
    text: str
    kind: str
    date_start: dt.date | None
    date_end: dt.date | None
    precision: str
    note: str
    # Not the event's date: "report" (the day it was reported), "deadline" ("by 11 September");
    # see `geo.ingest.reporting`.
    aside: Aside | None = None

    @property
    def resolved(self) -> bool:
        """Whether the phrase became an interval."""
        return self.date_start is not None


def _day_of(m: re.Match[str]) -> int | None:
    g = m.groupdict()
    if g.get("day"):
        return int(g["day"])
    if g.get("dayw"):
        return w.FA_ORDINALS.get(re.sub(r"\s+", " ", g["dayw"]))
    return None


def _year_of(m: re.Match[str]) -> int | None:
    year = m.groupdict().get("year")
    return int(year) if year else None


def _stated_year(m: re.Match[str], p: DatePattern, pub: dt.date | None) -> tuple[int | None, str]:
    """The year the phrase states, in digits or as "this year" / "last year" after the
    date (counted from publication), and the note saying so; ValueError when a relative
    year has no publication date to count from."""
    found = p.relative_year(m)
    if found is None:
        return _year_of(m), ""
    offset, words = found
    if pub is None:
        raise ValueError(f"'{words}' and {NO_BASE}")
    which = "the year of publication" if offset == 0 else "the year before publication"
    return pub.year + offset, f"'{words}': {which} ({pub})."


def _resolve_gregorian(m: re.Match[str], p: DatePattern, pub: dt.date | None) -> Resolution:
    day, month = _day_of(m), p.month_of(m)
    if day is None or month is None:
        return _unresolved("day or month not read")
    try:
        year, note = _stated_year(m, p, pub)
    except ValueError as why:
        return _unresolved(str(why))
    if year is not None:
        found = cal.safe_date(year, month, day)
        return (found, found, "day", note) if found else _unresolved("no such date")
    if pub is None:
        return _unresolved(f"the text gives no year and {NO_BASE}")
    found = cal.dateparser_date(m.group(0), p.lang, pub) or cal.gregorian_year(month, day, pub)
    if found is None:
        return _unresolved("no such date")
    note = f"Year inferred: the last {found:%d %B} on or before publication ({pub})."
    return found, found, "day", note


def _resolve_calendar(m: re.Match[str], p: DatePattern, pub: dt.date | None) -> Resolution:
    day, year, month = _day_of(m), _year_of(m), p.month_of(m)
    solar = p.kind == "solar"
    name = "solar hijri" if solar else "hijri"
    if day is None or month is None:
        return _unresolved("day or month not read")
    if year is not None:
        convert = cal.solar_to_gregorian if solar else cal.hijri_to_gregorian
        found = convert(year, month, day)
        note = f"Converted from the {name} calendar ({year}/{month}/{day})."
    elif pub is None:
        return _unresolved(f"{name} date without a year, and {NO_BASE}")
    else:
        found = (cal.solar_year_for if solar else cal.hijri_year_for)(month, day, pub)
        note = f"Converted from the {name} calendar; year: the last such date before {pub}."
    return (found, found, "day", note) if found else _unresolved("no such date")


def _resolve_numeric(m: re.Match[str], _p: DatePattern, _pub: dt.date | None) -> Resolution:
    found = cal.safe_date(int(m.group("year")), int(m.group("mon")), int(m.group("day")))
    return (
        (found, found, "day", "Read day first (DD.MM.YYYY).")
        if found
        else _unresolved("no such date")
    )


def _solar_year(
    m: re.Match[str], p: DatePattern, month: int, pub: dt.date | None
) -> tuple[int, str]:
    """The solar year of a solar month phrase and the note saying how; ValueError without one."""
    year = _year_of(m)
    if year is not None:
        return year, ""
    if pub is None:
        raise ValueError(f"a solar month without a year, and {NO_BASE}")
    this_year, this_month = cal.solar_year(pub)
    found = p.relative_year(m)
    if found is not None or m.groupdict().get("lastyear"):
        offset, words = found if found is not None else (-1, m.group("lastyear"))
        which = "of publication" if offset == 0 else "before publication"
        return this_year + offset, f"'{words}': the solar year {which} ({this_year + offset})."
    year = this_year if month <= this_month else this_year - 1
    return year, f"Year inferred: the last such solar month up to publication ({pub})."


def _solar_month_span(m: re.Match[str], p: DatePattern, pub: dt.date | None) -> Resolution:
    month = p.month_of(m)
    if month is None:
        return _unresolved("month not read")
    try:
        year, note = _solar_year(m, p, month, pub)
    except ValueError as why:
        return _unresolved(str(why))
    first, last = cal.solar_month_span(year, month)
    part = p.part_of(m)
    if part:  # early: days 1-10, mid: 11-20, late: 20 to the end, of the solar month
        first, last = {
            "early": (first, first + 9 * DAY),
            "mid": (first + 10 * DAY, first + 19 * DAY),
            "late": (first + 19 * DAY, last),
        }[part]
    note = f"Solar hijri month {month} of {year}. {note}".strip()
    return first, last, "month", note


def _resolve_night(m: re.Match[str], p: DatePattern, pub: dt.date | None) -> Resolution:
    base = _resolve_gregorian(m, p, pub) if p.month_of(m) else _day_in_month(m, pub)
    if base[0] is None:
        return base
    day = base[0]
    # Russian "в ночь на 26" is the night going into the 26th; elsewhere the night after it.
    start, end = (day - DAY, day) if p.lang == "ru" else (day, day + DAY)
    note = f"A night spans two dates: {start} to {end}. {base[3]}".strip()
    return start, end, "week", note


def _day_in_month(m: re.Match[str], pub: dt.date | None) -> Resolution:
    day = _day_of(m)
    if pub is None or day is None:
        return _unresolved(f"a day of the month alone, and {NO_BASE}")
    month_day = cal.safe_date(pub.year, pub.month, day)
    if month_day is None or month_day > pub:
        prev = pub.replace(day=1) - DAY
        month_day = cal.safe_date(prev.year, prev.month, day)
    if month_day is None:
        return _unresolved("no such date")
    return month_day, month_day, "day", f"Month and year: the last {day}th before {pub}."


def _month_span(m: re.Match[str], p: DatePattern, pub: dt.date | None) -> Resolution:
    month = p.month_of(m)
    if month is None:
        return _unresolved("month not read")
    try:
        year, note = _stated_year(m, p, pub)
    except ValueError as why:
        return _unresolved(str(why))
    if year is None and pub is None and not m.groupdict().get("lastyear"):
        return _unresolved(f"a month without a year, and {NO_BASE}")
    if year is None and m.groupdict().get("lastyear"):
        if pub is None:
            return _unresolved(f"'last year', and {NO_BASE}")
        year, note = pub.year - 1, f"'Last year' counted from publication ({pub})."
    elif year is None:
        assert pub is not None
        year = pub.year if month <= pub.month else pub.year - 1
        note = f"Year inferred: the last such month up to publication ({pub})."
    first, last = dt.date(year, month, 1), cal.month_end(year, month)
    part = p.part_of(m)
    if part == "early":
        last = dt.date(year, month, 10)
    elif part == "mid":
        first, last = dt.date(year, month, 11), dt.date(year, month, 20)
    elif part == "late":
        first = dt.date(year, month, 20)
    rule = {
        "early": "'early' = days 1-10. ",
        "mid": "'mid' = days 11-20. ",
        "late": "'late' = day 20 to the month's end. ",
    }.get(part or "", "")
    return first, last, "month", (rule + note).strip()


def _year_span(m: re.Match[str], p: DatePattern, _pub: dt.date | None) -> Resolution:
    year = _year_of(m)
    if year is None:
        return _unresolved("year not read")
    part = p.part_of(m)
    spans = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
    first_m, last_m = spans.get(part or "", (1, 12))
    note = f"'{part}' year = months {first_m}-{last_m}." if part else ""
    return dt.date(year, first_m, 1), cal.month_end(year, last_m), "year", note


RESOLVERS: dict[str, Callable[[re.Match[str], DatePattern, dt.date | None], Resolution]] = {
    "gregorian": _resolve_gregorian,
    "solar": _resolve_calendar,
    "solar_month": _solar_month_span,
    "numeric": _resolve_numeric,
    "hijri": _resolve_calendar,
    "night": _resolve_night,
    "month": _month_span,
    "year": _year_span,
    "weekday": resolve_weekday,
    "relative": resolve_relative,
    "ago": resolve_ago,
}


def _all_matches(text: str, lang: str, pub: dt.date | None) -> list[DateFind]:
    folded = w.fold(text)
    found = []
    for p in patterns_for(lang):
        for m in p.regex.finditer(folded):
            start, end, precision, note = RESOLVERS[p.kind](m, p, pub)
            s, e = m.span("phrase") if "phrase" in p.regex.groupindex else m.span()
            found.append(DateFind(s, e, text[s:e], p.kind, start, end, precision, note))
    return found


YEARS_BACK = 15  # how far back the note names the years a weekday and a day would fit


def _weekday_number(prev: DateFind, lang: str) -> int | None:
    """The weekday a phrase names (Monday 0), read against a known Sunday."""
    found = _find_dates(prev.text, lang, dt.date(2024, 1, 7))
    return found[0].date_start.weekday() if found and found[0].date_start else None


def _weekday_years(prev: DateFind, find: DateFind, lang: str) -> list[int]:
    """The years of the last `YEARS_BACK` in which the day named fell on the weekday named."""
    weekday = _weekday_number(prev, lang)
    if weekday is None:
        return []
    this_year = dt.date.today().year
    years = []
    for year in range(this_year, this_year - YEARS_BACK, -1):
        got = _find_dates(find.text, lang, dt.date(year, 12, 31))
        day = got[0].date_start if got else None
        if day is not None and day.year == year and day.weekday() == weekday:
            years.append(year)
    return years


def _differ(a: dt.date, b: dt.date) -> bool:
    return a.weekday() != b.weekday()


def _merge_weekday(prev: DateFind, find: DateFind, text: str, lang: str) -> DateFind:
    """A weekday right before a full date ("چهارشنبه ۳ دسمبر") joins its phrase. With no
    year and no publication date, the weekday does not choose the year: a day and weekday
    come round every few years, so the phrase stays unresolved and the note names them."""
    joined = text[prev.start : find.end]
    note = find.note
    if find.date_start is None and prev.date_start is None:
        years = ", ".join(map(str, _weekday_years(prev, find, lang))) or "none"
        note = f"{note} The weekday fits the years {years}: none is chosen.".strip()
    elif prev.date_start and find.date_start and _differ(prev.date_start, find.date_start):
        note = (note + " The weekday named does not match this date.").strip()
    return replace(find, start=prev.start, text=joined, note=note)


def find_dates(text: str, lang: str, published: dt.date | None) -> list[DateFind]:
    """Every date phrase of text, longest first where two overlap, in text order."""
    return list(_find_dates(text, lang, published))


@lru_cache(maxsize=64)  # the same article is read on every rerun of the page
def _find_dates(text: str, lang: str, published: dt.date | None) -> tuple[DateFind, ...]:
    ordered = sorted(_all_matches(text, lang, published), key=lambda f: (f.start, f.start - f.end))
    kept: list[DateFind] = []
    for find in ordered:
        if kept and find.start < kept[-1].end:
            continue
        gap = text[kept[-1].end : find.start] if kept else "x"
        joins = kept and kept[-1].kind == "weekday" and find.kind in FULL_DATES
        if joins and len(gap) <= 4 and not gap.strip(" ,،("):  # "یکشنبه، (۳۰ نوامبر"
            kept[-1] = _merge_weekday(kept[-1], find, text, lang)
            continue
        kept.append(find)
    return tuple(_listed_days(text, kept))


# "26 and 30 November", "۲۶ و ۳۰ نوامبر", "9 и 10 марта": a day listed before a full date.
_LISTED = re.compile(r"(?<![\d.:/])(\d{1,2})\s*(?:و|and|и|ва|,|،)\s*$")
LISTED_REACH = 12  # characters before a date where a listed day may stand
_BETWEEN = re.compile(r"(?:between|между|بین|ما بین|بين|миёни)\s*$", re.IGNORECASE)


def _listed_days(text: str, finds: list[DateFind]) -> list[DateFind]:
    """A day listed before a date of the same month: two days in a row, or "between" them,
    are one interval ("the nights of 9 and 10 March", "between 5 and 10 December"), others a
    date of their own ("on 26 and 30 November": two attacks)."""
    out: list[DateFind] = []
    for find in finds:
        lo = max(find.start - LISTED_REACH, out[-1].end if out else 0)
        m = _LISTED.search(w.fold(text[lo : find.start]))
        day = find.date_start
        listed = int(m.group(1)) if m else 0
        if not (m and day and find.precision == "day" and find.kind in FULL_DATES):
            out.append(find)
            continue
        if not 1 <= listed < day.day:
            out.append(find)
            continue
        start = lo + m.start()
        first = day.replace(day=listed)
        if day.day - listed == 1 or _BETWEEN.search(w.fold(text[max(0, start - 12) : start])):
            note = f"{find.note} Two days named together: both.".strip()
            out.append(
                replace(find, start=start, text=text[start : find.end], date_start=first, note=note)
            )
            continue
        end = lo + m.end(1)
        note = f"A day listed with '{find.text}': the same month and year."
        out += [DateFind(start, end, text[start:end], find.kind, first, first, "day", note), find]
    return out
