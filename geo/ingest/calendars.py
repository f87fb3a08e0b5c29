"""Calendar conversion: Gregorian phrases through dateparser, solar hijri and hijri dates
through jdatetime and hijridate, and the year a yearless date most likely had."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import dateparser
import jdatetime
from hijridate import Gregorian, Hijri

# Languages dateparser knows; it has no Tajik, and misses Dari month names.
DATEPARSER_LANGS = frozenset({"en", "ru", "ar", "fa"})


@lru_cache(maxsize=1024)
def _parse(phrase: str, lang: str, base: dt.date | None) -> dt.date | None:
    settings: dict = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(base, dt.time())
    else:
        settings["REQUIRE_PARTS"] = ["day", "month", "year"]
    found = dateparser.parse(phrase, languages=[lang], settings=settings)
    return found.date() if found else None


def dateparser_date(phrase: str, lang: str, base: dt.date | None) -> dt.date | None:
    """dateparser's reading of a day-month(-year) phrase, or None where it cannot read it."""
    if lang not in DATEPARSER_LANGS:
        return None
    try:
        return _parse(phrase, lang, base)
    except (ValueError, OverflowError):
        return None


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """A Gregorian date, or None for an impossible one (31 November)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def gregorian_year(month: int, day: int, published: dt.date) -> dt.date | None:
    """The last date with this month and day on or before publication."""
    this_year = safe_date(published.year, month, day)
    if this_year is not None and this_year <= published:
        return this_year
    return safe_date(published.year - 1, month, day)


def solar_to_gregorian(year: int, month: int, day: int) -> dt.date | None:
    """Solar hijri (Afghan or Iranian months, same calendar) to Gregorian."""
    try:
        return jdatetime.date(year, month, day).togregorian()
    except ValueError:
        return None


def solar_year(day: dt.date) -> tuple[int, int]:
    """The solar hijri year and month a Gregorian day falls in."""
    solar = jdatetime.date.fromgregorian(date=day)
    return solar.year, solar.month


def solar_month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The first and last Gregorian days of a solar hijri month."""
    first = jdatetime.date(year, month, 1)
    after = jdatetime.date(year + month // 12, month % 12 + 1, 1)
    return first.togregorian(), after.togregorian() - dt.timedelta(days=1)


def solar_year_for(month: int, day: int, published: dt.date) -> dt.date | None:
    """The last solar-hijri month/day on or before publication, in Gregorian."""
    solar_year = jdatetime.date.fromgregorian(date=published).year
    for year in (solar_year, solar_year - 1):
        found = solar_to_gregorian(year, month, day)
        if found is not None and found <= published:
            return found
    return None


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date | None:
    """Hijri (Umm al-Qura) to Gregorian."""
    try:
        return Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None


def hijri_year_for(month: int, day: int, published: dt.date) -> dt.date | None:
    """The last hijri month/day on or before publication, in Gregorian."""
    try:
        hijri_year = Gregorian(published.year, published.month, published.day).to_hijri().year
    except (ValueError, OverflowError):
        return None
    for year in (hijri_year, hijri_year - 1):
        found = hijri_to_gregorian(year, month, day)
        if found is not None and found <= published:
            return found
    return None


def month_end(year: int, month: int) -> dt.date:
    """The last day of a Gregorian month."""
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)
