"""Word lists the ingest matches, by language: numbers, months, weekdays, triggers."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from babel.dates import get_day_names, get_month_names

from geo.numbers import NUMBERS
from geo.spellings import FA_ORDINALS as FA_ORDINALS  # re-exported: date phrases use it
from geo.spellings import HIJRI_MONTHS, SOLAR_MONTHS

# 1:1 character folding (offsets stay valid): digits to ASCII, Arabic letter forms to Persian.
FOLD_1TO1 = str.maketrans(
    "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩يىكةأإآٱۀёЁ",
    "01234567890123456789ییکهااااهеЕ",
)


# Tatweel and the Arabic combining marks (harakat, shadda, sukun, hamza and alef marks),
# written or not: the one class every matcher of Arabic-script words allows inside a word.
AR_MARKS = "\u0640\u064b-\u065f\u0670"


# A word as the ingest's tokenisers read it: letters and digits, with ZWNJ and Arabic marks
# inside (counts, triggers, the summing-up cue).
WORD = re.compile(rf"[\w\u200c{AR_MARKS}]+")


def fold(text: str) -> str:
    """Fold digits and letter forms one character for one, so offsets still point at text."""
    return text.translate(FOLD_1TO1)


# Arabic duals count two: "جنديين"/"جنديان" = two soldiers ("مدنيين" is also the plural, so
# only "مدنيان" and "مدنيين اثنين" count). Nouns, not number words: kept apart from the table.
_AR_DUALS = {
    **{"جندیین": 2, "جندیان": 2, "شخصین": 2, "شخصان": 2, "عنصرین": 2, "عنصران": 2},
    **{"حارسین": 2, "حارسان": 2, "مدنیان": 2, "مدنیین اثنین": 2, "عاملین": 2, "عاملان": 2},
}
NUMBER_WORDS: dict[str, dict[str, int]] = {
    lang: {**table, **(_AR_DUALS if lang == "ar" else {})} for lang, table in NUMBERS.items()
}

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
    "fa": [[], [], [], [], [], [], [], ["آگوست"], [], [], [], []],
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

# Solar hijri months: Afghan (zodiac) and Iranian names, Hamal/Farvardin first; hijri
# (lunar) months. One table with the evidence check's (geo.spellings).
SOLAR_AFGHAN = [SOLAR_MONTHS[m][0] for m in range(1, 13)]
SOLAR_IRANIAN = [SOLAR_MONTHS[m][1] for m in range(1, 13)]
HIJRI = [list(HIJRI_MONTHS[m]) for m in range(1, 13)]

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
# Words that make "دوشنبه"/"душанбе" a day rather than the city: day, night, morning, evening.
DAY_CUES = {
    "fa": ["روز", "شب", "صبح", "بامداد", "ظهر", "عصر", "شام", "پگاه", "شامگاه", "سحرگاه"],
    "ar": ["يوم", "مساء", "صباح", "ليلة", "ليل", "فجر", "ظهر", "عصر", "صبيحة", "اليوم"],
    "ru": ["в", "во", "в ночь на", "утром в", "вечером в"],
    "tg": ["рӯзи", "шаби", "субҳи", "шоми", "пагоҳии"],
    "en": ["on", "last", "late on", "early on"],
}
