"""The dateline at the top of an article: where and when the report was filed.

"ДУШАНБЕ, 4 декабря 2025 года. ...", "کابل، ۱۲ قوس ۱۴۰۴ – ...", "2025-11-28" alone on the
first line. Its date is the publication date when none is given; its date and town are
never an event's when the sentence states another.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from geo.ingest.dates import DateFind, find_dates

_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
ISO_DATELINE_CHARS = 40  # an ISO date this close to the top is the article's date line
SHORT_LINE = 120  # a first line this short holding a full date is a date line
DATELINE_CHARS = 60  # on a longer first line, the date starts this close to the top
FULL_DATES = ("gregorian", "solar", "hijri")
# Before the date: nothing, or a town ("ДУШАНБЕ", "Kabul", "مزار شریف") and a separator.
_PREFIX = re.compile(r"[\W_]*(?:[^\W\d_]+(?:[ \-'’.\u200c][^\W\d_]+){0,3})?[\s,،:(/|\-–—]*")
# After the date on a longer line: the dateline ends (".", ")", a dash, a bar) or the line does.
_SUFFIX = re.compile(r"\s*(?:[.)\]|:،,/]|[-–—]|\(|$)")


@dataclass(frozen=True)
class Dateline:
    """A dateline at text[start:end]; its date phrase at text[date_start:date_end]."""

    date: dt.date
    start: int
    end: int
    date_start: int
    date_end: int
    note: str
    shaped: bool = True  # town and separators around the date, not a sentence with a date

    def covers(self, start: int, end: int) -> bool:
        """Whether text[start:end] lies inside the dateline."""
        return self.start <= start and end <= self.end


def _first_line(text: str) -> tuple[int, str]:
    start = len(text) - len(text.lstrip("\ufeff \t\r\n"))
    return start, text[start:].split("\n", 1)[0].rstrip("\r")


def _iso(text: str, at: int, head: str) -> Dateline | None:
    m = _ISO.search(head[:ISO_DATELINE_CHARS])
    if m is None:
        return None
    try:
        day = dt.date(*map(int, m.groups()))
    except ValueError:
        return None
    s, e = at + m.start(), at + m.end()
    return Dateline(day, at, e, s, e, f"dateline '{m.group(0)}' on the first line")


def _shaped(head: str, find: DateFind) -> bool:
    """Whether the date stands as a dateline: near the top, after a town, before a break."""
    before_ok = find.start <= DATELINE_CHARS and _PREFIX.fullmatch(head[: find.start])
    return bool(before_ok and _SUFFIX.match(head, find.end))


def find_dateline(text: str, lang: str) -> Dateline | None:
    """A publication date stated at the top of the text (ISO, or a full date), and where."""
    at, head = _first_line(text)
    if found := _iso(text, at, head):
        return found
    for find in find_dates(head, lang, None):
        if find.kind not in FULL_DATES or find.date_start is None:
            continue
        shaped = _shaped(head, find)
        if not shaped and len(head) > SHORT_LINE:
            continue
        kind = "" if find.kind == "gregorian" else f" ({find.kind} calendar)"
        note = f"dateline '{find.text}'{kind} on the first line"
        start, end = at + find.start, at + find.end
        return Dateline(find.date_start, at if shaped else start, end, start, end, note, shaped)
    return None
