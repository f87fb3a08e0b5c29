"""How a value may be spelled in the sources: digits, number words, month names, names.

Matching runs over folded tokens (letter forms, Persian/Arabic-Indic digits, ZWNJ and
diacritics folded by `geo.text`), so "۵", "٥" and "5" are one token. A phrase token
ending in "*" is a stem ("ноябр*" matches "ноября", "ноябри"); names of three letters
or more also match with a short clitic attached ("وبختار", "طالبانی"), as Arabic and
Persian write them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from geo.text import fold_with_positions, normalize_for_match

Span = tuple[int, int]

# Cardinal numbers in English, Persian/Dari, Arabic, Russian and Tajik (with the
# feminine/oblique forms that follow counted nouns).
NUMBER_WORDS: dict[int, tuple[str, ...]] = {
    1: ("one", "a single", "یک", "یکی", "واحد", "واحدة", "один", "одна", "одного", "як"),
    2: ("two", "دو", "اثنان", "اثنين", "اثنتين", "اثنتان", "два", "две", "двух", "ду"),
    3: ("three", "سه", "ثلاثة", "ثلاث", "три", "трое", "трёх", "трех", "се"),
    4: ("four", "چهار", "أربعة", "أربع", "четыре", "четверо", "чор"),
    5: ("five", "پنج", "خمسة", "خمس", "пять", "пятеро", "пяти", "панҷ"),
    6: ("six", "شش", "ستة", "ست", "шесть", "шестеро", "шаш"),
    7: ("seven", "هفت", "سبعة", "سبع", "семь", "семеро", "ҳафт"),
    8: ("eight", "هشت", "ثمانية", "ثماني", "восемь", "ҳашт"),
    9: ("nine", "نه", "تسعة", "تسع", "девять", "нӯҳ"),
    10: ("ten", "ده", "عشرة", "عشر", "десять", "даҳ"),
    12: ("twelve", "دوازده", "اثنا عشر", "двенадцать", "дувоздаҳ"),
    20: ("twenty", "بیست", "عشرون", "عشرين", "двадцать", "бист"),
}
# "The first" of a month: "اول دسمبر", "первого декабря".
FIRST_WORDS = ("first", "اول", "یکم", "الأول", "первого", "первое", "якум")

MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("january", "ژانویه", "جنوری", "يناير", "كانون الثاني", "январ*"),
    2: ("february", "فوریه", "فبروری", "فبراير", "شباط", "феврал*"),
    3: ("march", "مارس", "مارچ", "آذار", "март*"),
    4: ("april", "آوریل", "اپریل", "أبريل", "نيسان", "апрел*"),
    5: ("may", "مه", "مئی", "مايو", "أيار", "мая", "май"),
    6: ("june", "ژوئن", "جون", "يونيو", "حزيران", "июн*"),
    7: ("july", "ژوئیه", "جولای", "يوليو", "تموز", "июл*"),
    8: ("august", "اوت", "اگست", "آگوست", "أغسطس", "آب", "август*"),
    9: ("september", "سپتامبر", "سپتمبر", "سبتمبر", "أيلول", "сентябр*"),
    10: ("october", "اکتبر", "اکتوبر", "أكتوبر", "تشرين الأول", "октябр*"),
    11: ("november", "نوامبر", "نومبر", "نوفمبر", "تشرين الثاني", "ноябр*"),
    12: ("december", "دسامبر", "دسمبر", "ديسمبر", "كانون الأول", "декабр*"),
}
# Words that place something in a week ("last week", "this week").
WEEK_WORDS = ("week", "هفته", "أسبوع", "الأسبوع", "недел*", "ҳафта*")

_TOKEN = re.compile(r"\w+")
_CLITIC_ROOM = 3  # letters a clitic may add to a name of three letters or more


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Folded word tokens of text with their [start, end) in the original string."""
    folded, positions = fold_with_positions(text)
    return [
        (m.group(), positions[m.start()], positions[m.end() - 1] + 1)
        for m in _TOKEN.finditer(folded)
    ]


def _token_matches(token: str, want: str, loose: bool) -> bool:
    if want.endswith("*"):
        return token.startswith(want[:-1])
    if token == want:
        return True
    if not loose or len(want) < 3:
        return False
    extra = len(token) - len(want)
    return 0 < extra <= _CLITIC_ROOM and (token.startswith(want) or token.endswith(want))


def find_phrase(
    toks: list[tuple[str, int, int]], phrase: str, loose: bool = False
) -> Iterable[Span]:
    """Spans where the phrase's folded tokens occur in a row."""
    stem = phrase.endswith("*")
    want = _TOKEN.findall(normalize_for_match(phrase.rstrip("*")))
    if stem and want:
        want[-1] += "*"
    for i in range(len(toks) - len(want) + 1 if want else 0):
        window = toks[i : i + len(want)]
        if all(_token_matches(t[0], w, loose) for t, w in zip(window, want, strict=True)):
            yield window[0][1], window[-1][2]


def find_any(text: str, phrases: Iterable[str], loose: bool = False) -> list[Span]:
    """Every span of text where one of the phrases occurs, in order."""
    toks = tokens(text)
    return sorted({span for p in phrases for span in find_phrase(toks, p, loose)})


def number_spellings(n: int) -> tuple[str, ...]:
    """A count as digits (any script folds to these) or as words."""
    return (str(n), *NUMBER_WORDS.get(n, ()))


def date_spellings(day: dt.date, precision: str) -> list[tuple[str, ...]]:
    """Groups of spellings a phrase for this date must contain one of each.

    A day needs its day number and its month; a week, its month, its day or a week
    word; a month, its month name; a year, its digits.
    """
    month = MONTH_NAMES[day.month]
    days = number_spellings(day.day) + (FIRST_WORDS if day.day == 1 else ())
    if precision == "day":
        return [days, month]
    if precision == "week":
        return [month + days + WEEK_WORDS]
    if precision == "month":
        return [month]
    return [(str(day.year),)]
