"""How a value may be spelled in the sources: digits, number words, month names, names.

Matching runs over folded tokens (letter forms, Persian/Arabic-Indic digits, ZWNJ and
diacritics folded by `geo.text`), so "۵", "٥" and "5" are one token. A phrase token
ending in "*" is a stem ("ноябр*" matches "ноября", "ноябри"); names of three letters
or more also match with a short clitic attached ("وبختار", "طالبانی"), as Arabic and
Persian write them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Mapping

import jdatetime
from babel.dates import get_day_names, get_month_names
from hijridate import Gregorian

from geo.numbers import NUMBERS
from geo.text import fold_with_positions, normalize_for_match
from geo.vocab import Place

Span = tuple[int, int]


def _number_words() -> dict[int, tuple[str, ...]]:
    """Every language's words for each number, from the one table (`geo.numbers`)."""
    out: dict[int, tuple[str, ...]] = {}
    for table in NUMBERS.values():
        for word, n in table.items():
            out[n] = (*out.get(n, ()), word)
    return out


NUMBER_WORDS = _number_words()
# "The first" of a month: "اول دسمبر", "первого декабря".
FIRST_WORDS = ("first", "اول", "یکم", "الأول", "первого", "первое", "якум")

# Persian ordinals 1-31 ("دوم شهریور", "بیست و هفتم نوامبر"): a day of a month.
_UNITS = ["", "یکم", "دوم", "سوم", "چهارم", "پنجم", "ششم", "هفتم", "هشتم", "نهم"]
_TEENS = ["دهم", "یازدهم", "دوازدهم", "سیزدهم", "چهاردهم"]
_TEENS += ["پانزدهم", "شانزدهم", "هفدهم", "هجدهم", "نوزدهم"]
FA_ORDINALS: dict[str, int] = {"اول": 1, **{u: i for i, u in enumerate(_UNITS) if u}}
FA_ORDINALS.update({t: 10 + i for i, t in enumerate(_TEENS)})
FA_ORDINALS.update({"بیستم": 20, "سیام": 30, "سی ام": 30, "سی و یکم": 31})
FA_ORDINALS.update({f"بیست و {u}": 20 + i for i, u in enumerate(_UNITS) if u})

# Solar hijri months (Afghan zodiac name, Iranian name) and hijri (lunar) months.
SOLAR_MONTHS: dict[int, tuple[str, str]] = {
    1: ("حمل", "فروردین"),
    2: ("ثور", "اردیبهشت"),
    3: ("جوزا", "خرداد"),
    4: ("سرطان", "تیر"),
    5: ("اسد", "مرداد"),
    6: ("سنبله", "شهریور"),
    7: ("میزان", "مهر"),
    8: ("عقرب", "آبان"),
    9: ("قوس", "آذر"),
    10: ("جدی", "دی"),
    11: ("دلو", "بهمن"),
    12: ("حوت", "اسفند"),
}
HIJRI_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("محرم",),
    2: ("صفر",),
    3: ("ربيع الأول", "ربيع الاول"),
    4: ("ربيع الآخر", "ربيع الثاني"),
    5: ("جمادى الأولى", "جمادى الاولى"),
    6: ("جمادى الآخرة", "جمادى الثانية"),
    7: ("رجب",),
    8: ("شعبان",),
    9: ("رمضان",),
    10: ("شوال",),
    11: ("ذو القعدة", "ذي القعدة"),
    12: ("ذو الحجة", "ذي الحجة"),
}

# Words that place something in a week ("last week", "this week").
WEEK_WORDS = ("week", "هفته", "أسبوع", "الأسبوع", "недел*", "ҳафта*")

# The one token layer every matcher reads (the ingest's counts, triggers and place runs, and
# the evidence check): a word is letters and digits with the marks that may sit inside one,
# written or not: ZWNJ/ZWJ, bidi marks pasted right-to-left text carries, tatweel and the
# Arabic combining marks (harakat, shadda, sukun, hamza and alef marks).
AR_MARKS = "\u0640\u064b-\u065f\u0670"
INSIDE_WORD = f"\u200c\u200d\u200e\u200f\u202a-\u202e\u2066-\u2069{AR_MARKS}"
WORD = re.compile(rf"[\w{INSIDE_WORD}]+")
# A name's word: words joined by an apostrophe or a hyphen are one ("Qal'ai-Khumb").
NAME_WORD = re.compile(rf"[\w{INSIDE_WORD}'’ʼ-]+")
_CLITIC_ROOM = 3  # letters a clitic may add to a name of three letters or more


_MARKS = re.compile(f"[{INSIDE_WORD}]")


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Folded word tokens of text (their letters, no marks) with their [start, end) in the
    original string."""
    folded, positions = fold_with_positions(text)
    return [
        (_MARKS.sub("", m.group()), positions[m.start()], positions[m.end() - 1] + 1)
        for m in WORD.finditer(folded)
    ]


# Russian case and number endings, longest first: "Фархорском" and "Фархорский" share a stem.
_RU_ENDINGS = (
    *("ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими"),
    *("ой", "ей", "ую", "юю", "ая", "яя", "ий", "ый", "ое", "ее", "ые", "ие", "ых", "их"),
    *("ым", "им", "ом", "ем", "ах", "ях", "ам", "ям", "ов", "ев", "ью"),
    *("а", "я", "у", "ю", "е", "и", "ы", "ь", "о", "й"),
)
_CYRILLIC = re.compile(r"[а-яё]+")


def ru_stem(word: str) -> str:
    """A Russian word without its case or number ending (a stem of at least 3 letters)."""
    for ending in _RU_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


# Month and weekday names: the base forms from CLDR (through Babel: format and stand-alone,
# Iranian and Afghan Persian), then the outlets' own spellings by hand.
_CLDR = {"fa": ("fa", "fa_AF"), "ar": ("ar",), "ru": ("ru",), "tg": ("tg",), "en": ("en",)}


def _cldr(
    names: Callable[..., Mapping[int, str]], size: int, lang: str, *widths: str
) -> list[list[str]]:
    """CLDR's names of each month (January first) or weekday (Monday first)."""
    out: list[list[str]] = [[] for _ in range(size)]
    base = 1 if size == 12 else 0
    for locale in _CLDR[lang]:
        for width in widths:
            for context in ("format", "stand-alone"):
                for n, name in names(width, context, locale).items():
                    # Lower case as running text writes them (English aside); Tajik's
                    # weekday must be: "душанбе" is Monday, "Душанбе" the city.
                    out[n - base].append(name.rstrip(".") if lang == "en" else name.lower())
    return out


def _joined(*tables: list[list[str]]) -> list[list[str]]:
    """The names of each month or day from every table, each once (case aside)."""
    out = []
    for groups in zip(*tables, strict=True):
        seen: dict[str, str] = {}
        for name in (n for g in groups for n in g):
            seen.setdefault(name.casefold(), name)
        out.append(list(seen.values()))
    return out


# The outlets' month names CLDR lacks: Levantine Arabic, Egyptian "يونيه", the English
# "Sept", the Iranian "آگوست"; Tajik adds the izafe ("январи соли 2025").
_MONTHS_BY_HAND: dict[str, list[list[str]]] = {
    "fa": [[], [], [], [], ["مئی"], [], [], ["آگوست"], [], [], [], []],
    "ar": [
        *(["كانون الثاني"], ["شباط"], ["آذار"], ["أبريل", "إبريل", "نيسان"], ["أيار"]),
        *(["يونيه", "حزيران"], ["يوليه", "تموز"], ["آب"], ["أيلول"], ["تشرين الأول"]),
        *(["تشرين الثاني"], ["كانون الأول"]),
    ],
    "ru": [[] for _ in range(12)],
    "tg": [[f"{n}и"] for g in _cldr(get_month_names, 12, "tg", "wide") for n in g[:1]],
    "en": [[], [], [], [], [], [], [], [], ["Sept"], [], [], []],
}
GREGORIAN: dict[str, list[list[str]]] = {
    lang: _joined(
        _cldr(get_month_names, 12, lang, *(("wide", "abbreviated") if lang == "en" else ("wide",))),
        extra,
    )
    for lang, extra in _MONTHS_BY_HAND.items()
}
# Russian names a month alone in the prepositional ("в августе").
RU_MONTH_ALONE = [
    "январе",
    "феврале",
    "марте",
    "апреле",
    "мае",
    "июне",
    "июле",
    "августе",
    "сентябре",
    "октябре",
    "ноябре",
    "декабре",
]

# Weekdays, Monday = 0 (Python's weekday()): CLDR's, then Persian written with a space or
# no ZWNJ and Russian in the accusative ("в среду") by hand.
_WEEKDAYS_BY_HAND: dict[str, list[list[str]]] = {
    "fa": [
        *([], ["سه شنبه", "سهشنبه"], ["چهار شنبه"], ["پنج‌شنبه", "پنج شنبه"], [], []),
        ["یک‌شنبه"],
    ],
    "ar": [["الإثنين"], [], ["الاربعاء"], [], [], [], ["الاحد"]],
    "ru": [[], [], ["среду"], [], ["пятницу"], ["субботу"], []],
    "tg": [[] for _ in range(7)],
    "en": [[] for _ in range(7)],
}
WEEKDAYS: dict[str, list[list[str]]] = {
    lang: _joined(_cldr(get_day_names, 7, lang, "wide"), extra)
    for lang, extra in _WEEKDAYS_BY_HAND.items()
}


def _month_names(month: int) -> tuple[str, ...]:
    """Every language's names of a month for the evidence check: the tables above, and a
    Russian or Tajik name's stem ("ноябр*": "ноября", "ноябре", "ноябри")."""
    names = [n for table in GREGORIAN.values() for n in table[month - 1]]
    names.append(RU_MONTH_ALONE[month - 1])
    cyrillic = [n for n in names if _CYRILLIC.fullmatch(n)]
    stems = [f"{ru_stem(n)}*" for n in cyrillic if len(ru_stem(n)) >= 4]
    return tuple(dict.fromkeys([*names, *stems]))


MONTH_NAMES: dict[int, tuple[str, ...]] = {m: _month_names(m) for m in range(1, 13)}


def _same_russian_word(token: str, want: str) -> bool:
    """Two case forms of one Russian word ("районе", "район"; "Пянджа", "Пяндж")."""
    if len(want) < 4 or not (_CYRILLIC.fullmatch(token) and _CYRILLIC.fullmatch(want)):
        return False
    return ru_stem(token) == ru_stem(want)


def _token_matches(token: str, want: str, loose: bool) -> bool:
    if want.endswith("*"):
        return token.startswith(want[:-1])
    if token == want:
        return True
    if not loose or len(want) < 3:
        return False
    if _same_russian_word(token, want):
        return True
    extra = len(token) - len(want)
    return 0 < extra <= _CLITIC_ROOM and (token.startswith(want) or token.endswith(want))


@functools.lru_cache(maxsize=4096)  # the same few hundred spellings, asked for again and again
def _phrase_tokens(phrase: str) -> tuple[str, ...]:
    want = [_MARKS.sub("", t) for t in WORD.findall(normalize_for_match(phrase.rstrip("*")))]
    if phrase.endswith("*") and want:
        want[-1] += "*"
    return tuple(want)


def find_phrase(
    toks: list[tuple[str, int, int]], phrase: str, loose: bool = False
) -> Iterable[Span]:
    """Spans where the phrase's folded tokens occur in a row."""
    want = _phrase_tokens(phrase)
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


def day_spellings(n: int) -> tuple[str, ...]:
    """A day of a month: its number, as digits or words, or a Persian ordinal ("دوم")."""
    ordinals = tuple(word for word, value in FA_ORDINALS.items() if value == n)
    return number_spellings(n) + ordinals + (FIRST_WORDS if n == 1 else ())


def date_spellings(day: dt.date, precision: str) -> list[tuple[str, ...]]:
    """Groups of spellings a phrase for this date must contain one of each.

    A day needs its day number and its month; a week, its month, its day or a week
    word; a month, its month name; a year, its digits.
    """
    month = MONTH_NAMES[day.month]
    days = day_spellings(day.day)
    if precision == "day":
        return [days, month]
    if precision == "week":
        return [month + days + WEEK_WORDS]
    if precision == "month":
        return [month]
    return [(str(day.year),)]


def _other_calendars(day: dt.date) -> list[tuple[int, tuple[str, ...]]]:
    """The day's number and month names in the solar hijri and hijri calendars."""
    out: list[tuple[int, tuple[str, ...]]] = []
    solar = jdatetime.date.fromgregorian(date=day)
    out.append((solar.day, SOLAR_MONTHS[solar.month]))
    try:
        lunar = Gregorian(day.year, day.month, day.day).to_hijri()
    except (ValueError, OverflowError):
        return out  # outside the Umm al-Qura tables
    out.append((lunar.day, HIJRI_MONTHS[lunar.month]))
    return out


def date_ways(day: dt.date, precision: str) -> list[list[tuple[str, ...]]]:
    """Every way a date may be written: Gregorian (`date_spellings`); a day in digits, day
    first ("15.01.2026"); for a day or a week the same day in the solar hijri or hijri
    calendar ("۹ دلو", "١٢ جمادى الآخرة"); for a month, its solar hijri month ("ماه حوت")."""
    ways = [date_spellings(day, precision)]
    if precision == "day":
        ways.append([(f"{day.day:02d}.{day.month:02d}", f"{day.day}.{day.month}")])
    if precision == "month":
        ways.append([SOLAR_MONTHS[jdatetime.date.fromgregorian(date=day).month]])
    if precision not in ("day", "week"):
        return ways
    for number, months in _other_calendars(day):
        days = day_spellings(number)
        ways.append([days, months] if precision == "day" else [months + days + WEEK_WORDS])
    return ways


def place_spellings(place: Place) -> tuple[str, ...]:
    """A place's names and aliases; an English name's notes in brackets ("Khorugh (Khorog)",
    "Bokhtar (formerly Kurgan-Tyube), Khatlon") give "Khorugh", "Khorog", "Bokhtar"."""
    out: list[str] = []
    for name in [
        *place.names.values(),
        *(a for names in (place.aliases or {}).values() for a in names),
    ]:
        out.append(name)
        out.append(re.sub(r"\s*\(.*?\)", "", name).split(",")[0].strip())
        out += [re.sub(r"^formerly\s+", "", inner) for inner in re.findall(r"\((.*?)\)", name)]
    return tuple(dict.fromkeys(n for n in out if n))
