"""A period's totals, earlier incidents and conditions beside the incident told: their
numbers are no one's toll and their dates no one's date; a time counted back from
publication ("a month and a half ago") dates one. Every sentence here was written for these
tests."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.ingest.counts import casualties
from geo.ingest.dates import find_dates
from tests.helpers.ingest import props_on

DAY = dt.date(2025, 11, 3)


_props = props_on(DAY, "en")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "A Tajik border guard was killed in a skirmish with smugglers in Hamadoni district "
            "on 28 October.\n\nThis year has seen 25 skirmishes on the border.  Fourteen "
            "smugglers have been killed and seven wounded.",
        ),
        (
            "ru",
            "28 октября в Хамаданиском районе в перестрелке с контрабандистами погиб "
            "пограничник.\n\nС начала года на границе произошло 25 столкновений. Убиты "
            "четырнадцать нарушителей, семеро ранены.",
        ),
    ],
)
def test_a_total_and_the_toll_after_it_are_no_incidents(lang, text):
    (props,) = _props(text, lang)
    assert props["date_start"] == "2025-10-28" and props["place_id"] == "hamadoni-district"
    assert (props["fatalities"], props["injured"]) == (1, None)


def test_a_year_with_few_incidents_counted_is_a_total_too():
    text = (
        "Border guards killed two smugglers in Farkhor district on 1 November. "
        "Last year border guards fought three clashes with smugglers. Five were killed."
    )
    (props,) = _props(text)
    assert (props["date_start"], props["fatalities"]) == ("2025-11-01", 2)


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        (
            "en",
            "The incident comes weeks after an attack from Afghanistan that killed three workers.",
        ),
        ("fa", "این حادثه چند هفته پس از حمله‌ای که در آن سه کارگر کشته شدند رخ داد."),
    ],
)
def test_the_toll_of_an_earlier_incident_compared_with_is_not_counted(lang, sentence):
    assert casualties(sentence, lang).killed is None


def test_the_toll_of_the_attack_a_sentence_is_set_after_is_that_attacks():
    # Nothing refers back to another incident: "after the attack in which five died" tells
    # the attack's toll.
    sentence = "The situation grew tense after the attack of 27 October in which five workers died."
    assert casualties(sentence, "en").killed == 5


@pytest.mark.parametrize(
    ("lang", "text", "day"),
    [
        (
            "fa",
            "کمیته امنیت ملی تاجیکستان گفته است که چهار فرد مسلح در درگیری با مرزبانان تاجیک در "
            "نزدیکی روستایی در مجاورت ولایت بدخشان افغانستان کشته شدند.\n\n"
            "این کمیته روز دوشنبه گفت که این دومین رویداد مشابه از ماه سپتامبر تا کنون است.\n\n"
            "این حادثه چند هفته پس از حمله‌ای رخ داد که در آن سه کارگر کشته شدند.",
            "2025-11-03",
        ),
        (
            "en",
            "Four armed men were killed in a clash with Tajik border guards near a village "
            "adjacent to Afghanistan's Badakhshan province.\n\nThe committee said on Monday it "
            "was the second such incident since September.\n\nThe incident comes weeks after an "
            "attack that killed three workers.",
            "2025-11-03",
        ),
    ],
)
def test_an_undated_incident_takes_the_report_day_below_its_lead(lang, text, day):
    # The day the committee spoke (Monday, the publication day) dates it, said so; the
    # total's "since September" does not; the earlier attack's toll is not added; the
    # province across the border is only where they were near.
    (props,) = _props(text, lang)
    assert (props["date_start"], props["date_end"]) == (day, day)
    assert props["fatalities"] == 4
    assert props["place_id"] != "badakhshan"


@pytest.mark.parametrize(
    ("lang", "phrase", "start", "end"),
    [
        ("en", "three days ago", "2025-10-31", "2025-10-31"),
        ("en", "a month and a half ago", "2025-09-04", "2025-10-04"),
        ("en", "one and a half month ago", "2025-09-04", "2025-10-04"),
        ("ru", "полтора месяца назад", "2025-09-04", "2025-10-04"),
        ("ru", "две недели назад", "2025-10-17", "2025-10-23"),
        ("fa", "یک ماه و نیم پیش", "2025-09-04", "2025-10-04"),
        ("tg", "се рӯз пеш", "2025-10-31", "2025-10-31"),
        ("ar", "قبل ثلاثة أيام", "2025-10-31", "2025-10-31"),
        ("ar", "قبل شهرين", "2025-08-20", "2025-09-19"),
    ],
)
def test_a_time_counted_back_from_publication(lang, phrase, start, end):
    (found,) = [d for d in find_dates(phrase, lang, DAY) if d.kind == "ago"]
    assert (str(found.date_start), str(found.date_end)) == (start, end)
    assert "Counted back" in found.note
    assert not find_dates(phrase, lang, None)[0].resolved  # no publication date: no guess


def test_an_incident_a_month_and_a_half_ago_is_dated_around_then():
    text = (
        "Two civilians were killed by border guards in Ishkashim district, officials said on "
        "2 November.\n\nA council member said one civilian was killed in Wakhan district one "
        "and a half month ago."
    )
    ishkashim, wakhan = _props(text)
    assert (ishkashim["place_id"], ishkashim["fatalities"]) == ("ishkashim-district-afg", 2)
    assert (wakhan["place_id"], wakhan["fatalities"]) == ("wakhan-district", 1)
    assert wakhan["date_start"] <= "2025-09-19" <= wakhan["date_end"]


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "Officers are promised medals if they capture or kill a smuggler on the border."),
        ("ru", "Пограничникам обещают награды, если они убьют контрабандиста."),
        ("fa", "اگر قاچاقبری کشته شود، به مرزبانان مدال داده می‌شود."),
    ],
)
def test_a_death_in_a_condition_is_no_toll(lang, sentence):
    assert casualties(sentence, lang).killed is None


def test_that_after_a_verb_of_saying_is_no_condition_in_arabic():
    assert casualties("وقال إن ثلاثة إرهابيين قتلوا في الاشتباك.", "ar").killed == 3


@pytest.mark.parametrize(
    ("lang", "phrase"),
    [
        ("tg", "Ду рӯз пеш аз он ҳамла"),
        ("fa", "دو روز پیش از حمله"),
        ("ar", "قبل ثلاثة أيام من الهجوم"),
    ],
)
def test_before_another_event_is_not_counted_from_publication(lang, phrase):
    assert not [d for d in find_dates(phrase, lang, DAY) if d.kind == "ago"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "ar",
            "أعلنت لجنة الأمن القومي في طاجيكستان مقتل أربعة مسلحين أثناء محاولتهم عبور الحدود. "
            "وأكدت السلطات أنهم دخلوا من ولاية بدخشان وتم التعرف عليهم في منطقة شمس الدين شاهين.",
        ),
        (
            "en",
            "Tajikistan's security committee announced that four gunmen were killed trying to "
            "cross the border. They were found in Shamsiddin Shohin district.",
        ),
    ],
)
def test_the_leads_undated_news_is_of_the_publication_day_or_the_day_before(lang, text):
    (props,) = _props(text, lang)
    assert (props["date_start"], props["date_end"]) == ("2025-11-02", "2025-11-03")
    assert props["date_precision"] == "week" and "Check the date" in props["date_note"]
    assert (props["place_id"], props["fatalities"]) == ("shamsiddin-shohin-district", 4)


def test_only_the_leads_news_is_dated_by_the_publication_day():
    text = (
        "Tajikistan's security committee announced that four gunmen were killed trying to "
        "cross the border in Shamsiddin Shohin district.\n\nIn another incident, two "
        "smugglers were killed in Farkhor district."
    )
    dates = {p["place_id"]: p["date_start"] for p in _props(text)}
    assert dates == {"shamsiddin-shohin-district": "2025-11-02", "farkhor-district": None}


def test_the_lead_announcing_a_clash_on_a_day_is_an_incident_of_that_day():
    text = (
        "The security committee announced on Monday an armed clash on the Tajik-Afghan border "
        "that left dead.\n\nThe committee did not give the number of victims."
    )
    (props,) = _props(text)
    assert props["event_type"] == "Battles" and props["date_start"] == "2025-11-03"
    assert props["fatalities"] is None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "Two people were killed on 1 November when a border troops vehicle crashed into a "
            "minivan in Khorog. Two officers were charged with violating traffic rules "
            "entailing the death of two or more persons.",
        ),
        (
            "ru",
            "1 ноября в Хороге в результате ДТП с участием машины пограничников погибли два "
            "человека.",
        ),
        ("fa", "روز ۱ نوامبر در تصادف یک خودروی مرزبانی در خاروغ دو نفر کشته شدند."),
    ],
)
def test_a_road_accident_is_no_violent_incident(lang, text):
    assert [p for p in _props(text, lang) if p["fatalities"]] == []


def test_an_accident_word_does_not_hide_an_attack():
    # A violent trigger in the sentence: the word "accident" does not make it one.
    text = (
        "On 1 November gunmen attacked a border post in Khorog in what officials called no "
        "accident: two guards were killed."
    )
    (props,) = _props(text)
    assert props["fatalities"] == 2
