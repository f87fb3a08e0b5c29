"""Word lists the ingest matches, by language: numbers, months, weekdays, triggers."""

from __future__ import annotations

from geo.spellings import FA_ORDINALS as FA_ORDINALS  # re-exported: date phrases use it
from geo.spellings import HIJRI_MONTHS, SOLAR_MONTHS

# 1:1 character folding (offsets stay valid): digits to ASCII, Arabic letter forms to Persian.
FOLD_1TO1 = str.maketrans(
    "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩يىكةأإآٱۀёЁ",
    "01234567890123456789ییکهااااهеЕ",
)


def fold(text: str) -> str:
    """Fold digits and letter forms one character for one, so offsets still point at text."""
    return text.translate(FOLD_1TO1)


NUMBER_WORDS: dict[str, dict[str, int]] = {
    "fa": {
        "یک": 1,
        "دو": 2,
        "سه": 3,
        "چهار": 4,
        "پنج": 5,
        "شش": 6,
        "هفت": 7,
        "هشت": 8,
        "ده": 10,
        "یازده": 11,
        "دوازده": 12,
        "پانزده": 15,
        "بیست": 20,
    },
    "ar": {
        "واحد": 1,
        "واحده": 1,
        "اثنان": 2,
        "اثنین": 2,
        "اثنتین": 2,
        "ثلاثه": 3,
        "ثلاث": 3,
        "اربعه": 4,
        "اربع": 4,
        "خمسه": 5,
        "خمس": 5,
        "سته": 6,
        "ست": 6,
        "سبعه": 7,
        "ثمانیه": 8,
        "تسعه": 9,
        "عشره": 10,
        "عشر": 10,
        "عشرین": 20,
        # Arabic duals count two: "جنديين" = two soldiers.
        "جندیین": 2,
        "شخصین": 2,
        "عنصرین": 2,
        "حارسین": 2,
        "مدنیین اثنین": 2,
    },
    "ru": {
        "один": 1,
        "одна": 1,
        "одного": 1,
        "два": 2,
        "двое": 2,
        "двух": 2,
        "три": 3,
        "трое": 3,
        "трех": 3,
        "четыре": 4,
        "четверо": 4,
        "пять": 5,
        "пятеро": 5,
        "пяти": 5,
        "шесть": 6,
        "шестеро": 6,
        "семь": 7,
        "семеро": 7,
        "восемь": 8,
        "девять": 9,
        "десять": 10,
        "двадцать": 20,
    },
    "tg": {
        "як": 1,
        "ду": 2,
        "се": 3,
        "чор": 4,
        "панҷ": 5,
        "шаш": 6,
        "ҳафт": 7,
        "ҳашт": 8,
        "нӯҳ": 9,
        "даҳ": 10,
        "бист": 20,
    },
    "en": {
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "twenty": 20,
    },
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
    "fa": ["روز", "شب", "صبح", "بامداد", "ظهر", "عصر", "شام", "پگاه"],
    "ar": ["يوم", "مساء", "صباح", "ليلة", "فجر", "ظهر"],
    "ru": ["в", "во", "в ночь на", "утром в", "вечером в"],
    "tg": ["рӯзи", "шаби", "субҳи", "шоми", "пагоҳии"],
    "en": ["on", "last", "late on", "early on"],
}
