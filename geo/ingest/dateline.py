"""The dateline at the top of an article: where and when the report was filed.

"ДУШАНБЕ, 4 декабря 2025 года. ...", "کابل، ۱۲ قوس ۱۴۰۴ – ...", "2025-11-28" alone on the
first line (or on the line after a headline). Its date is the publication date when none is
given; its date and town are never an event's when the sentence states another. A town
with no date ("قندوز (أفغانستان) - ...", "دوشنبه/ الأناضول", "ДУШАНБЕ, 2 декабря" with no
year and no publication date) is a dateline too: where the report was filed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from geo.ingest.dates import FULL_DATES, DateFind, find_dates
from geo.ingest.events import speaks_of_violence

_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
ISO_DATELINE_CHARS = 40  # an ISO date this close to the top is the article's date line
SHORT_LINE = 120  # a first line this short holding a full date is a date line ...
SHORT_LINE_WORDS = 8  # ... unless it is a sentence of more words than this
DATELINE_CHARS = 60  # on a longer first line, the date starts this close to the top
# Before the date: nothing, or a town ("ДУШАНБЕ", "Kabul", "مزار شریف") and a separator.
_PREFIX = re.compile(r"[\W_]*(?:[^\W\d_]+(?:[ \-'’.\u200c][^\W\d_]+){0,3})?[\s,،:(/|\-–—.]*")
# After the date on a longer line: the dateline ends (".", ")", a dash, a bar) or the line does.
_SUFFIX = re.compile(r"\s*(?:[.)\]|:،,/]|[-–—]|\(|$)")
# A town opening the line, then a dash, a slash or a bar (an agency may follow in brackets),
# or a comma or full stop before a date: "قندوز (أفغانستان) -", "دوشنبه/", "Душанбе. 18".
_TOWN_ONLY = re.compile(
    r"[\W_]*[^\W\d_]+(?:[ \-'’\u200c][^\W\d_]+){0,2}\s*(?:\([^()\n]{1,40}\)\s*)?"
    r"(?:[-–—/|]|[.,،]\s*(?=\d))"
)
HEADLINE_WORDS = 20  # a first line of at most this many words, with no closing mark
_CLOSING = '.!?؟…»"”'


@dataclass(frozen=True)
class Dateline:
    """A dateline at text[start:end]; its date phrase at text[date_start:date_end]."""

    date: dt.date | None  # None: a town with no date
    start: int
    end: int
    date_start: int
    date_end: int
    note: str
    shaped: bool = True  # town and separators around the date, not a sentence with a date

    def covers(self, start: int, end: int) -> bool:
        """Whether text[start:end] lies inside the dateline."""
        return self.start <= start and end <= self.end


def _first_line(text: str, offset: int = 0) -> tuple[int, str]:
    start = len(text) - len(text[offset:].lstrip("\ufeff \t\r\n"))
    return start, text[start:].split("\n", 1)[0].rstrip("\r")


def _top_lines(text: str) -> list[tuple[int, str]]:
    """The first line, and the next one when the first is a headline (short, no closing mark)."""
    at, first = _first_line(text)
    lines = [(at, first)]
    if first and len(first.split()) <= HEADLINE_WORDS and first.rstrip()[-1] not in _CLOSING:
        lines.append(_first_line(text, at + len(first)))
    return lines


def _iso(head: str, at: int, where: str) -> Dateline | None:
    m = _ISO.search(head[:ISO_DATELINE_CHARS])
    if m is None:
        return None
    try:
        day = dt.date(*map(int, m.groups()))
    except ValueError:
        return None
    s, e = at + m.start(), at + m.end()
    return Dateline(day, at, e, s, e, f"dateline '{m.group(0)}' {where}")


def _shaped(head: str, find: DateFind, lang: str) -> bool:
    """Whether the date stands as a dateline: near the top, after a town, before a break.
    Words before it telling that something happened are a sentence's, not a town's
    ("Инцидент произошел в среду, 24 декабря, …", "The attack took place on 5 March, …"):
    the date is the event's."""
    before = head[: find.start]
    before_ok = find.start <= DATELINE_CHARS and _PREFIX.fullmatch(before)
    return bool(before_ok and _SUFFIX.match(head, find.end) and not _tells(before, lang))


# A time of day ("14:32", "18:15:27"): a date beside one on a short line is a page's stamp
# or a site's clock, never an event's day; with seconds, the site's clock (the day the page
# was read, not the day the article was published).
_TIME = re.compile(r"(?<![\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?![\d:])")


def _clock(head: str, find: DateFind) -> str | None:
    """The time of day beside the date on a short line, or None."""
    rest = head[: find.start] + " " + head[find.end :]
    m = _TIME.search(rest) if len(head) <= STAMP_CHARS else None
    return m.group(0) if m else None


def _stamped(at: int, head: str, find: DateFind, where: str) -> Dateline | None:
    """A short line of a date and a time: a stamp (its date the publication's) or, with
    seconds, a site's clock (no date of the article's at all)."""
    time = _clock(head, find)
    if time is None:
        return None
    start, end = at + find.start, at + find.end
    line_end = at + len(head)
    if time.count(":") == 2:
        note = f"a site's clock '{head.strip()}' {where}: not the article's date"
        return Dateline(None, at, line_end, start, end, note)
    note = f"dateline '{find.text}' with the time {time} {where}"
    return Dateline(find.date_start, at, line_end, start, end, note)


def off_clock(top: Dateline | None, dates: list[DateFind]) -> list[DateFind]:
    """Dates but the one of a site's clock at the top ("18:15:27 26 April 2024"): a day the
    page was read, which neither dates an event nor tells when the article was written."""
    if top is None or top.date is not None or top.date_start == top.date_end:
        return dates
    return [d for d in dates if not top.covers(d.start, d.end)]


def _tells(before: str, lang: str) -> bool:
    return bool(before.strip()) and speaks_of_violence(before, lang)


def _dated(at: int, head: str, lang: str, published: dt.date | None, where: str) -> Dateline | None:
    if found := _iso(head, at, where):
        return found
    for find in find_dates(head, lang, published):
        if find.kind not in FULL_DATES or find.date_start is None:
            continue
        if stamp := _stamped(at, head, find, where):
            return stamp
        shaped = _shaped(head, find, lang)
        if not shaped and (len(head) > SHORT_LINE or len(head.split()) > SHORT_LINE_WORDS):
            continue
        kind = "" if find.kind in ("gregorian", "numeric") else f" ({find.kind} calendar)"
        note = f"dateline '{find.text}'{kind} {where}"
        start, end = at + find.start, at + find.end
        return Dateline(find.date_start, at if shaped else start, end, start, end, note, shaped)
    return None


def _town_only(at: int, head: str) -> Dateline | None:
    m = _TOWN_ONLY.match(head)
    if m is None:
        return None
    end = at + m.end()
    note = f"dateline '{head[: m.end()].strip()}' names a town and no date"
    return Dateline(None, at, end, end, end, note)


def find_dateline(text: str, lang: str, published: dt.date | None = None) -> Dateline | None:
    """A dateline at the top of the text (ISO, a full date, or a town alone), and where. With
    the publication date given, a date without a year ("ДУШАНБЕ, 2 декабря") is read too."""
    for n, (at, head) in enumerate(_top_lines(text)):
        where = "on the line after the headline" if n else "on the first line"
        if found := _dated(at, head, lang, published, where) or _town_only(at, head):
            return found
    return None


# A dateline opening a paragraph further down (pages put a headline, a photo caption, a
# view count above it): a town in capitals, maybe what follows it (a country, the date, the
# agency) after a comma, then a dash: "KULOB, Tajikistan --", "DUSHANBE, August 8, 2016,
# Asia-Plus –", "ДУШАНБЕ, 27 ноя — Sputnik".
_CAPS = r"[A-ZА-ЯЁ][A-ZА-ЯЁ'’\-]{2,}"
_INLINE = re.compile(
    rf"(?m)^[ \t\u200e\u200f]*{_CAPS}(?: {_CAPS}){{0,2}}\s*(?:,[^\n–—]{{1,60}}?)?\s*(?:--|[–—])"
)


_LINE = re.compile(r"(?m)^.*$")
STAMP_CHARS = 40  # a line this short holding nothing but a date (and a time) is the page's
_LEFT_OVER = re.compile(r"[\W\d_]*")  # digits of a time, separators


def _stamps(text: str, lang: str) -> list[Dateline]:
    """Lines holding only a full date, maybe with a time ("08/08/2016 15:45", "January 03,
    2011"): the page's date stamp, never an event's date."""
    out = []
    for m in _LINE.finditer(text):
        line = m.group(0)
        if not line.strip() or len(line) > STAMP_CHARS:
            continue
        finds = [f for f in find_dates(line, lang, None) if f.kind in FULL_DATES]
        rest = list(line)
        for f in finds:
            rest[f.start : f.end] = " " * (f.end - f.start)
        if finds and _LEFT_OVER.fullmatch("".join(rest)):
            s, e = m.start(), m.end()
            out.append(Dateline(None, s, e, s, e, f"a date stamp '{line.strip()}' on its own line"))
    return out


def inline_datelines(text: str, lang: str, top: Dateline | None) -> list[Dateline]:
    """Datelines below the top one: a paragraph opening with a town in capitals and a dash,
    a line holding only a date. Their town is where the report was filed, their date the
    day it was (never an event's when the sentence states another)."""
    out = []
    for m in _INLINE.finditer(text):
        note = f"dateline '{m.group(0).strip()}' opening a paragraph"
        out.append(Dateline(None, m.start(), m.end(), m.start(), m.end(), note))
    out += _stamps(text, lang)
    return [d for d in out if top is None or not top.shaped or not top.start <= d.start < top.end]


# A day in an article's address, as outlets write it: "/2025/12/25/", "/2025-12-25",
# "/20251225/" or a longer number opening with it ("/202512250137", "/20251225101220469-").
# A year and month alone ("/2021/06/36420") is no day: left alone.
_URL_YMD = re.compile(r"(?<![\d])((?:19|20)\d\d)([/_.-])(\d{1,2})\2(\d{1,2})(?![\d])")
_URL_DIGITS = re.compile(r"(?<![\d])((?:19|20)\d\d)(\d\d)(\d\d)\d{0,10}(?![\d])")
URL_EARLIEST = dt.date(1991, 1, 1)  # before the web, and before both states' news sites


def date_in_url(url: str | None, latest: dt.date | None = None) -> dt.date | None:
    """The publication day an article's address gives, or None: the one day of the address
    that is a real date, after 1991 and not after `latest` (today when not given). Two
    different days in one address say nothing for sure: None."""
    if not url:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0]
    last = latest or dt.date.today()
    days: set[dt.date] = set()
    parts = [m.group(1, 3, 4) for m in _URL_YMD.finditer(path)]
    parts += [m.group(1, 2, 3) for m in _URL_DIGITS.finditer(path)]
    for year, month, day in parts:
        try:
            found = dt.date(int(year), int(month), int(day))
        except ValueError:
            continue
        if URL_EARLIEST <= found <= last:
            days.add(found)
    return days.pop() if len(days) == 1 else None
