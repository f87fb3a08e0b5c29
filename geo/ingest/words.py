"""Word lists the ingest matches, by language: numbers, months, weekdays, triggers."""

from __future__ import annotations

from geo import spellings as sp
from geo.numbers import NUMBERS
from geo.spellings import FA_ORDINALS as FA_ORDINALS  # re-exported: date phrases use it
from geo.spellings import HIJRI_MONTHS, SOLAR_MONTHS

# 1:1 character folding (offsets stay valid): digits to ASCII, Arabic letter forms to Persian.
FOLD_1TO1 = str.maketrans(
    "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩يىكةأإآٱۀёЁ",
    "01234567890123456789ییکهااااهеЕ",
)


# The one token layer (`geo.spellings`): what a word is for every matcher.
AR_MARKS = sp.AR_MARKS
WORD = sp.WORD


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

# Month and weekday names by language: one table each, in `geo.spellings` (CLDR through
# Babel, then the outlets' own spellings by hand), shared with the evidence check.
GREGORIAN = sp.GREGORIAN
RU_MONTH_ALONE = sp.RU_MONTH_ALONE
WEEKDAYS = sp.WEEKDAYS

# Solar hijri months: Afghan (zodiac) and Iranian names, Hamal/Farvardin first; hijri
# (lunar) months. One table with the evidence check's (geo.spellings).
SOLAR_AFGHAN = [SOLAR_MONTHS[m][0] for m in range(1, 13)]
SOLAR_IRANIAN = [SOLAR_MONTHS[m][1] for m in range(1, 13)]
HIJRI = [list(HIJRI_MONTHS[m]) for m in range(1, 13)]

# Words that make "دوشنبه"/"душанбе" a day rather than the city: day, night, morning, evening.
DAY_CUES = {
    "fa": ["روز", "شب", "صبح", "بامداد", "ظهر", "عصر", "شام", "پگاه", "شامگاه", "سحرگاه"],
    "ar": ["يوم", "مساء", "صباح", "ليلة", "ليل", "فجر", "ظهر", "عصر", "صبيحة", "اليوم"],
    "ru": ["в", "во", "в ночь на", "утром в", "вечером в"],
    "tg": ["рӯзи", "шаби", "субҳи", "шоми", "пагоҳии"],
    "en": ["on", "last", "late on", "early on"],
}
