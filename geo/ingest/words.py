"""Word lists the ingest matches, by language: numbers, months, weekdays, triggers."""

from __future__ import annotations

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

# Gregorian month names by language, January first; a month may have several names.
GREGORIAN: dict[str, list[list[str]]] = {
    "fa": [
        ["جنوری", "ژانویه"],
        ["فبروری", "فوریه"],
        ["مارچ", "مارس"],
        ["اپریل", "آوریل"],
        ["می", "مه"],
        ["جون", "ژوئن"],
        ["جولای", "ژوئیه"],
        ["اگست", "اوت", "آگوست"],
        ["سپتمبر", "سپتامبر"],
        ["اکتوبر", "اکتبر"],
        ["نومبر", "نوامبر"],
        ["دسمبر", "دسامبر"],
    ],
    "ar": [
        ["يناير", "كانون الثاني"],
        ["فبراير", "شباط"],
        ["مارس", "آذار"],
        ["أبريل", "إبريل", "نيسان"],
        ["مايو", "أيار"],
        ["يونيو", "يونيه", "حزيران"],
        ["يوليو", "يوليه", "تموز"],
        ["أغسطس", "آب"],
        ["سبتمبر", "أيلول"],
        ["أكتوبر", "تشرين الأول"],
        ["نوفمبر", "تشرين الثاني"],
        ["ديسمبر", "كانون الأول"],
    ],
    "ru": [
        ["января"],
        ["февраля"],
        ["марта"],
        ["апреля"],
        ["мая"],
        ["июня"],
        ["июля"],
        ["августа"],
        ["сентября"],
        ["октября"],
        ["ноября"],
        ["декабря"],
    ],
    "tg": [
        ["январи", "январ"],
        ["феврали", "феврал"],
        ["марти", "март"],
        ["апрели", "апрел"],
        ["майи", "май"],
        ["июни", "июн"],
        ["июли", "июл"],
        ["августи", "август"],
        ["сентябри", "сентябр"],
        ["октябри", "октябр"],
        ["ноябри", "ноябр"],
        ["декабри", "декабр"],
    ],
    "en": [
        ["January", "Jan"],
        ["February", "Feb"],
        ["March", "Mar"],
        ["April", "Apr"],
        ["May"],
        ["June", "Jun"],
        ["July", "Jul"],
        ["August", "Aug"],
        ["September", "Sept", "Sep"],
        ["October", "Oct"],
        ["November", "Nov"],
        ["December", "Dec"],
    ],
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

# Weekdays, Monday = 0 (Python's weekday()).
WEEKDAYS: dict[str, list[list[str]]] = {
    "fa": [
        ["دوشنبه"],
        ["سه‌شنبه", "سه شنبه", "سهشنبه"],
        ["چهارشنبه", "چهار شنبه"],
        ["پنجشنبه", "پنج‌شنبه", "پنج شنبه"],
        ["جمعه"],
        ["شنبه"],
        ["یکشنبه", "یک‌شنبه"],
    ],
    "ar": [
        ["الاثنين", "الإثنين"],
        ["الثلاثاء"],
        ["الأربعاء", "الاربعاء"],
        ["الخميس"],
        ["الجمعة"],
        ["السبت"],
        ["الأحد", "الاحد"],
    ],
    "ru": [
        ["понедельник"],
        ["вторник"],
        ["среду"],
        ["четверг"],
        ["пятницу"],
        ["субботу"],
        ["воскресенье"],
    ],
    "tg": [
        ["душанбе"],
        ["сешанбе"],
        ["чоршанбе"],
        ["панҷшанбе"],
        ["ҷумъа"],
        ["шанбе"],
        ["якшанбе"],
    ],
    "en": [
        ["Monday"],
        ["Tuesday"],
        ["Wednesday"],
        ["Thursday"],
        ["Friday"],
        ["Saturday"],
        ["Sunday"],
    ],
}
# Words that make "دوشنبه"/"душанбе" a day rather than the city: day, night, morning, evening.
DAY_CUES = {
    "fa": ["روز", "شب", "صبح", "بامداد", "ظهر", "عصر", "شام", "پگاه", "شامگاه", "سحرگاه"],
    "ar": ["يوم", "مساء", "صباح", "ليلة", "ليل", "فجر", "ظهر", "عصر", "صبيحة", "اليوم"],
    "ru": ["в", "во", "в ночь на", "утром в", "вечером в"],
    "tg": ["рӯзи", "шаби", "субҳи", "шоми", "пагоҳии"],
    "en": ["on", "last", "late on", "early on"],
}
