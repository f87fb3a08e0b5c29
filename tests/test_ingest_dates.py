"""Date phrases per language and calendar, resolved against a publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.ingest import calendars
from geo.ingest.dates import find_dates

PUB = dt.date(2025, 12, 3)  # a Wednesday
D = dt.date

CASES = [
    # (lang, text, phrase, start, end, precision)
    ("fa", "پس از حمله ۲۷ نوامبر که", "۲۷ نوامبر", D(2025, 11, 27), D(2025, 11, 27), "day"),
    (
        "fa",
        "رویترز، چهارشنبه ۳ دسمبر ، پس",
        "چهارشنبه ۳ دسمبر",
        D(2025, 12, 3),
        D(2025, 12, 3),
        "day",
    ),
    ("fa", "در اول دسمبر نشست", "اول دسمبر", D(2025, 12, 1), D(2025, 12, 1), "day"),
    ("fa", "در اواخر ماه اکتبر، وفا", "اواخر ماه اکتبر", D(2025, 10, 20), D(2025, 10, 31), "month"),
    ("fa", "در ماه اگست کشته", "ماه اگست", D(2025, 8, 1), D(2025, 8, 31), "month"),
    ("fa", "در اواخر سال ۲۰۲۳، یک", "اواخر سال ۲۰۲۳", D(2023, 9, 1), D(2023, 12, 31), "year"),
    ("fa", "روز دوشنبه در دیدار", "روز دوشنبه", D(2025, 12, 1), D(2025, 12, 1), "day"),
    ("fa", "شب جمعه حمله شد", "شب جمعه", D(2025, 11, 27), D(2025, 11, 28), "week"),
    ("fa", "هفته گذشته بدون", "هفته گذشته", D(2025, 11, 26), D(2025, 12, 2), "week"),
    ("fa", "دیروز در شهر", "دیروز", D(2025, 12, 2), D(2025, 12, 2), "day"),
    ("fa", "دیشب در شهر", "دیشب", D(2025, 12, 2), D(2025, 12, 3), "week"),
    ("ar", "وقع مساء الأربعاء قرب", "مساء الأربعاء", D(2025, 12, 3), D(2025, 12, 3), "day"),
    (
        "ar",
        "نُشِر في 22 يوليو/تموز 2021.",
        "22 يوليو/تموز 2021",
        D(2021, 7, 22),
        D(2021, 7, 22),
        "day",
    ),
    (
        "ar",
        "المؤرخ في 23 سبتمبر/ أيلول 2013 بشأن",
        "23 سبتمبر/ أيلول 2013",
        D(2013, 9, 23),
        D(2013, 9, 23),
        "day",
    ),
    ("ar", "خلال الأسبوع الماضي، مما", "الأسبوع الماضي", D(2025, 11, 26), D(2025, 12, 2), "week"),
    (
        "ar",
        "في أوائل يوليو/ تموز الجاري",
        "أوائل يوليو/ تموز الجاري",  # "of the current year" is part of the phrase
        D(2025, 7, 1),
        D(2025, 7, 10),
        "month",
    ),
    ("ar", "وقع أمس هجوم", "أمس", D(2025, 12, 2), D(2025, 12, 2), "day"),
    ("ru", "30 ноября примерно в 18:45 на", "30 ноября", D(2025, 11, 30), D(2025, 11, 30), "day"),
    (
        "ru",
        "в ночь на 26 ноября в",
        "в ночь на 26 ноября",
        D(2025, 11, 25),
        D(2025, 11, 26),
        "week",
    ),
    ("ru", "вчера вечером", "вчера", D(2025, 12, 2), D(2025, 12, 2), "day"),
    (
        "ru",
        "в конце октября произошла",
        "в конце октября",
        D(2025, 10, 20),
        D(2025, 10, 31),
        "month",
    ),
    ("ru", "в августе погиб", "в августе", D(2025, 8, 1), D(2025, 8, 31), "month"),
    ("ru", "на прошлой неделе", "на прошлой неделе", D(2025, 11, 26), D(2025, 12, 2), "week"),
    ("tg", "шаби 26 ноябри дар", "шаби 26 ноябри", D(2025, 11, 26), D(2025, 11, 27), "week"),
    ("tg", "18 январи соли 2025", "18 январи соли 2025", D(2025, 1, 18), D(2025, 1, 18), "day"),
    ("tg", "рӯзи душанбе дар", "рӯзи душанбе", D(2025, 12, 1), D(2025, 12, 1), "day"),
    ("tg", "дирӯз дар Панҷ", "дирӯз", D(2025, 12, 2), D(2025, 12, 2), "day"),
    ("en", "in late October smugglers", "late October", D(2025, 10, 20), D(2025, 10, 31), "month"),
    (
        "en",
        "on the night of the 26th guards",
        "the night of the 26th",
        D(2025, 11, 26),
        D(2025, 11, 27),
        "week",
    ),
    ("en", "clashed on Wednesday near", "on Wednesday", D(2025, 12, 3), D(2025, 12, 3), "day"),
    ("en", "fired last night at", "last night", D(2025, 12, 2), D(2025, 12, 3), "week"),
    ("en", "last week, officials", "last week", D(2025, 11, 26), D(2025, 12, 2), "week"),
    ("en", "On November 27, 2025 an", "November 27, 2025", D(2025, 11, 27), D(2025, 11, 27), "day"),
]


@pytest.mark.parametrize(("lang", "text", "phrase", "start", "end", "precision"), CASES)
def test_phrase_resolves_to_interval(lang, text, phrase, start, end, precision):
    (found,) = find_dates(text, lang, PUB)
    assert found.text == phrase == text[found.start : found.end]
    assert (found.date_start, found.date_end, found.precision) == (start, end, precision)


CALENDARS = [
    # Afghan solar months (Dari), Iranian solar months, hijri months; Persian digits.
    ("fa", "شام پنجشنبه ۹ دلو ۱۴۰۳", D(2025, 1, 28)),
    ("fa", "۲۸ جدی ۱۴۰۳", D(2025, 1, 17)),
    ("fa", "۱ حمل ۱۴۰۴", D(2025, 3, 21)),
    ("fa", "۲۹ حوت ۱۴۰۳", D(2025, 3, 19)),
    ("fa", "یکشنبه دوم شهریور ۱۴۰۴", D(2025, 8, 24)),
    ("fa", "۱ فروردین ۱۴۰۴", D(2025, 3, 21)),
    ("fa", "۱۰ اسفند ۱۴۰۳", D(2025, 2, 28)),
    ("ar", "15 رمضان 1446", D(2025, 3, 15)),
    ("ar", "١ محرم ١٤٤٧", D(2025, 6, 26)),
    ("fa", "۱۰ ذو الحجة ۱۴۴۶", D(2025, 6, 6)),
]


@pytest.mark.parametrize(("lang", "text", "day"), CALENDARS)
def test_other_calendars_convert(lang, text, day):
    (found,) = find_dates(text, lang, None)
    assert found.text == text
    assert (found.date_start, found.date_end, found.precision) == (day, day, "day")
    assert "calendar" in found.note


def test_yearless_solar_date_takes_the_last_before_publication():
    (found,) = find_dates("۲۸ جدی", "fa", PUB)
    assert found.date_start == D(2025, 1, 17)
    assert "last such date" in found.note


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fa", "۲۷ نوامبر"),
        ("fa", "روز دوشنبه"),
        ("ar", "مساء الأربعاء"),
        ("ru", "вчера"),
        ("tg", "шаби 26 ноябри"),
        ("en", "last week"),
        ("en", "late October"),
    ],
)
def test_without_publication_date_nothing_is_guessed(lang, text):
    (found,) = find_dates(text, lang, None)
    assert found.text == text
    assert (found.date_start, found.date_end, found.precision) == (None, None, "unknown")
    assert "no publication date" in found.note


@pytest.mark.parametrize(
    ("lang", "phrase", "expected"),
    [
        # dateparser reads none of these; the project's month tables do.
        ("fa", "۲۷ نوامبر", D(2025, 11, 27)),  # Iranian month name with Persian digits
        ("fa", "۲۵ اکتوبر", D(2025, 10, 25)),  # Dari month name
        ("ar", "27 تشرين الثاني", D(2025, 11, 27)),  # Levantine month name
        ("tg", "26 ноябри", D(2025, 11, 26)),  # Tajik: no Tajik in dateparser
    ],
)
def test_project_rule_where_dateparser_fails(lang, phrase, expected):
    assert calendars.dateparser_date(phrase, lang, PUB) is None
    (found,) = find_dates(phrase, lang, PUB)
    assert found.date_start == expected


def test_dateparser_is_used_where_it_reads_the_phrase():
    assert calendars.dateparser_date("30 ноября", "ru", PUB) == D(2025, 11, 30)


def test_weekday_before_a_date_that_does_not_match_is_said():
    (found,) = find_dates("دوشنبه ۳ دسمبر ۲۰۲۵", "fa", PUB)  # 3 Dec 2025 is a Wednesday
    assert found.date_start == D(2025, 12, 3)
    assert "does not match" in found.note


def test_dushanbe_the_city_is_not_a_monday():
    assert find_dates("در شهر دوشنبه نشست", "fa", PUB) == []
    assert find_dates("Дар Душанбе вохӯрӣ шуд", "tg", PUB) == []


@pytest.mark.parametrize(
    ("lang", "text", "phrase", "start", "end", "precision"),
    [
        ("fa", "در می ۲۰۲۴ رخ داد", "می ۲۰۲۴", D(2024, 5, 1), D(2024, 5, 31), "month"),
        ("ar", "في مايو 2024 وقع", "في مايو 2024", D(2024, 5, 1), D(2024, 5, 31), "month"),
        (
            "ar",
            "وفي سبتمبر/ أيلول من العام الماضي",
            "وفي سبتمبر/ أيلول من العام الماضي",
            D(2024, 9, 1),
            D(2024, 9, 30),
            "month",
        ),
        (
            "ru",
            "в сентябре прошлого года",
            "в сентябре прошлого года",
            D(2024, 9, 1),
            D(2024, 9, 30),
            "month",
        ),
        ("ar", "ليلة 26 نوفمبر", "ليلة 26 نوفمبر", D(2025, 11, 26), D(2025, 11, 27), "week"),
        ("ar", "في عام 2020 وقع", "عام 2020", D(2020, 1, 1), D(2020, 12, 31), "year"),
    ],
)
def test_month_and_year_phrases(lang, text, phrase, start, end, precision):
    (found,) = find_dates(text, lang, PUB)
    assert found.text == phrase
    assert (found.date_start, found.date_end, found.precision) == (start, end, precision)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fa", "مقامها می گویند که آرام است"),  # "می" is a verb prefix here, not May
        ("en", "they may attack again"),
        ("fa", "این تیر به هدف خورد"),  # "تیر" (bullet) without a day is not the month
        ("ru", "в Душанбе прошла встреча"),
    ],
)
def test_words_that_only_look_like_dates(lang, text):
    assert find_dates(text, lang, PUB) == []


# "This week", "this year", "last year": alone, or after a day or a month (written for
# these tests).
@pytest.mark.parametrize(
    ("lang", "text", "phrase", "start", "end", "precision"),
    [
        ("fa", "گشت‌ها این هفته بیشتر شد", "این هفته", D(2025, 11, 27), D(2025, 12, 3), "week"),
        ("ar", "زار الوفد هذا الأسبوع", "هذا الأسبوع", D(2025, 11, 27), D(2025, 12, 3), "week"),
        ("en", "talks this week in", "this week", D(2025, 11, 27), D(2025, 12, 3), "week"),
        ("fa", "امسال دو پل ساخته شد", "امسال", D(2025, 1, 1), D(2025, 12, 31), "year"),
        ("ru", "в прошлом году открыли", "в прошлом году", D(2024, 1, 1), D(2024, 12, 31), "year"),
        ("tg", "порсол пул сохтанд", "порсол", D(2024, 1, 1), D(2024, 12, 31), "year"),
        ("ar", "منذ العام الماضي", "العام الماضي", D(2024, 1, 1), D(2024, 12, 31), "year"),
        ("fa", "در ۹ مارچ امسال پل", "۹ مارچ امسال", D(2025, 3, 9), D(2025, 3, 9), "day"),
        ("en", "on 9 March last year", "9 March last year", D(2024, 3, 9), D(2024, 3, 9), "day"),
        ("ru", "9 марта этого года", "9 марта этого года", D(2025, 3, 9), D(2025, 3, 9), "day"),
        ("fa", "در اپریل پارسال", "اپریل پارسال", D(2024, 4, 1), D(2024, 4, 30), "month"),
        (
            "ar",
            "في أبريل من العام الجاري",
            "في أبريل من العام الجاري",
            D(2025, 4, 1),
            D(2025, 4, 30),
            "month",
        ),
    ],
)
def test_this_week_this_year_and_last_year(lang, text, phrase, start, end, precision):
    (found,) = find_dates(text, lang, PUB)
    assert found.text == phrase == text[found.start : found.end]
    assert (found.date_start, found.date_end, found.precision) == (start, end, precision)
    if precision in ("day", "month"):
        assert "publication" in found.note  # the year is stated relative to publication


def test_a_relative_year_without_publication_date_is_not_guessed():
    (found,) = find_dates("9 марта этого года", "ru", None)
    assert (found.text, found.date_start, found.precision) == (
        "9 марта этого года",
        None,
        "unknown",
    )


def test_english_may_this_year_is_not_a_month():
    assert [f.text for f in find_dates("they may this year hold talks", "en", PUB)] == ["this year"]


@pytest.mark.parametrize(
    ("lang", "text", "phrase", "start", "end", "precision"),
    [
        # A solar month after "ماه" or a part word, or before a year; the year relative to
        # publication is a solar year (1404 runs from March 2025).
        (
            "fa",
            "در ماه حوت سال گذشته نیز",
            "ماه حوت سال گذشته",
            D(2025, 2, 19),
            D(2025, 3, 20),
            "month",
        ),
        (
            "fa",
            "در ماه سنبله سال روان",
            "ماه سنبله سال روان",
            D(2025, 8, 23),
            D(2025, 9, 22),
            "month",
        ),
        ("fa", "در ماه عقرب درگیری", "ماه عقرب", D(2025, 10, 23), D(2025, 11, 21), "month"),
        (
            "fa",
            "اواخر ماه حوت ۱۴۰۳ بود",
            "اواخر ماه حوت ۱۴۰۳",
            D(2025, 3, 10),
            D(2025, 3, 20),
            "month",
        ),
        ("fa", "در حوت ۱۴۰۳ کشته شد", "حوت ۱۴۰۳", D(2025, 2, 19), D(2025, 3, 20), "month"),
        # Digits, day first.
        ("ru", "Душанбе, 15.01.2026 /АМИТ", "15.01.2026", D(2026, 1, 15), D(2026, 1, 15), "day"),
        ("tg", "санаи 03/12/2025 дар", "03/12/2025", D(2025, 12, 3), D(2025, 12, 3), "day"),
        # Tajik "last year" alone; a Tajik cue capitalised at the start of a sentence.
        ("tg", "Соли гузашта дар", "Соли гузашта", D(2024, 1, 1), D(2024, 12, 31), "year"),
        ("tg", "Рӯзи чоршанбе дар", "Рӯзи чоршанбе", D(2025, 12, 3), D(2025, 12, 3), "day"),
        # Arabic "ليل/ليلة" before a weekday: writers mean either night, so both days.
        ("ar", "اندلعت ليل السبت بين", "ليل السبت", D(2025, 11, 28), D(2025, 11, 29), "week"),
    ],
)
def test_solar_months_digits_and_more_relative_phrases(lang, text, phrase, start, end, precision):
    (found,) = find_dates(text, lang, PUB)
    assert found.text == phrase == text[found.start : found.end]
    assert (found.date_start, found.date_end, found.precision) == (start, end, precision)


@pytest.mark.parametrize("text", ["تیر اندازی شد", "این کار جدی است", "میزان خسارت"])
def test_a_solar_month_name_alone_is_a_word(text):
    assert find_dates(text, "fa", PUB) == []
