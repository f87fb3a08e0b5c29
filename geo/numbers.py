"""Number words by language: the one table that ingest reads counts with and that the
evidence checker spells counts with (`geo.spellings.number_spellings`).

Each language lists the forms news writes after a counted noun or as a collective: Russian
"двое"/"двоих" (two people), Arabic feminine and oblique forms, Tajik and Dari spellings
with and without their own letters. Arabic is written as the folding in `geo.ingest.words`
leaves it (ي as ی, ة as ه, أ as ا): look words up folded.
"""

from __future__ import annotations

NUMBERS: dict[str, dict[str, int]] = {
    "en": {
        **{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7},
        **{"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13},
        **{"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18},
        **{"nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50},
        **{"both": 2, "dozen": 12},
    },
    "fa": {
        **{"یک": 1, "یکی": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "هفت": 7},
        **{"هشت": 8, "نه": 9, "ده": 10, "یازده": 11, "دوازده": 12, "سیزده": 13},
        **{"چهارده": 14, "پانزده": 15, "بیست": 20, "سی": 30},
    },
    "ar": {
        **{"واحد": 1, "واحده": 1, "اثنان": 2, "اثنین": 2, "اثنتین": 2, "اثنتان": 2, "اثنا": 2},
        **{"ثلاثه": 3, "ثلاث": 3, "اربعه": 4, "اربع": 4, "خمسه": 5, "خمس": 5, "سته": 6},
        **{"ست": 6, "سبعه": 7, "سبع": 7, "ثمانیه": 8, "ثمانی": 8, "تسعه": 9, "تسع": 9},
        **{"عشره": 10, "عشر": 10, "عشرون": 20, "عشرین": 20, "ثلاثین": 30},
    },
    "ru": {
        **{"один": 1, "одна": 1, "одного": 1, "одному": 1, "два": 2, "две": 2, "двух": 2},
        **{"двое": 2, "двоих": 2, "три": 3, "трое": 3, "трех": 3, "трёх": 3, "троих": 3},
        **{
            "четыре": 4,
            "четверо": 4,
            "четырех": 4,
            "четырёх": 4,
            "четверых": 4,
            "пять": 5,
            "пятеро": 5,
        },
        **{"пяти": 5, "пятерых": 5, "шесть": 6, "шестеро": 6, "шести": 6, "шестерых": 6},
        **{"семь": 7, "семеро": 7, "семи": 7, "семерых": 7, "восемь": 8, "восьми": 8},
        **{"восьмерых": 8, "девять": 9, "девяти": 9, "десять": 10, "десяти": 10},
        **{"десятерых": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13},
        **{"четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17},
        **{"восемнадцать": 18, "девятнадцать": 19, "двадцать": 20, "тридцать": 30},
        **{"сорок": 40, "пятьдесят": 50, "оба": 2, "обоих": 2},
    },
    "tg": {
        **{"як": 1, "яке": 1, "ду": 2, "се": 3, "чор": 4, "чаҳор": 4},
        **{"панҷ": 5, "панч": 5, "шаш": 6, "ҳафт": 7, "хафт": 7, "ҳашт": 8, "хашт": 8},
        **{"нӯҳ": 9, "нух": 9, "даҳ": 10, "дах": 10, "дувоздаҳ": 12, "бист": 20, "сӣ": 30},
    },
}


def words_for(n: int) -> tuple[str, ...]:
    """Every language's words for n (the evidence checker accepts any of them)."""
    return tuple(word for table in NUMBERS.values() for word, v in table.items() if v == n)
