"""Acts a reader maps and trends a reader does not (articles written for these tests, never
an outlet's words): a decision dated in an interview is an event of its own day, not the
interview's; a sentence telling a trend, with no date and no place below a country, is no
candidate."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers.ingest import props_on

_props = props_on(None)


def test_a_decision_dated_inside_an_interview_is_its_own_event():
    # The interview's day is said in one sentence; the next, still of the talk, dates a
    # decision years before: two events, not one interview dated by the decision.
    text = (
        "The Russian Foreign Ministry announced that Russia will help Tajikistan build posts "
        "on the Tajik-Afghan border. The deputy minister made the statement in an interview "
        "published on 22 July 2021.\n"
        "In the talks he added that Moscow acts under the decision of the collective "
        "security council of 14 October 2014 on strengthening the Tajik-Afghan border.\n"
    )
    props = _props(text, "en", None)
    assert {p["date_start"] for p in props} == {"2021-07-22", "2014-10-14"}, props
    (decision,) = [p for p in props if p["date_start"] == "2014-10-14"]
    assert decision["place_id"] == "tjk-afg-border"


def test_a_trend_with_no_date_and_only_a_country_is_no_candidate():
    text = (
        "The Russian president met the Tajik president in Moscow on Monday.\n\n"
        "Besides, drug smuggling from Afghanistan to Central Asia has become a serious "
        "challenge."
    )
    props = _props(text, "en", dt.date(2025, 10, 8))
    assert [p["event_type"] for p in props] == ["Meeting"]


def test_facing_challenges_is_no_clash_and_a_handover_is_an_act():
    # "Confront the growing security challenges" is figurative; "took over guarding the
    # border on its own since 2005" is a handover, dated by its year, on the border.
    text = (
        "Two foreign workers were killed in an attack near the border last week.\n\n"
        "Tajikistan took over responsibility for guarding the border on its own in 2005, but "
        "it may now need help to confront the growing security challenges."
    )
    props = _props(text, "en", dt.date(2025, 12, 4))
    handover = [p for p in props if p["date_start"] == "2005-01-01"]
    assert [p["event_type"] for p in handover] == ["Strategic developments"], props
    assert handover[0]["place_id"] == "tjk-afg-border"


def test_facing_challenges_is_no_clash_in_arabic_either():
    text = (
        "قتل عاملان أجنبيان في هجوم قرب الحدود الأسبوع الماضي.\n\n"
        "تولت طاجيكستان حراسة الحدود بنفسها منذ عام 2005، لكنها قد تحتاج إلى مساعدة "
        "لمواجهة التحديات الأمنية المتزايدة."
    )
    props = _props(text, "ar", dt.date(2025, 12, 4))
    handover = [p for p in props if p["date_start"] == "2005-01-01"]
    assert [p["event_type"] for p in handover] == ["Strategic developments"], props


def test_concern_voiced_about_a_country_is_no_meeting():
    # "الاجتماعية" (social) begins like "اجتماع" (a meeting): no meeting is told here.
    text = (
        "أعرب وزير الخارجية الطاجيكي عن قلقه من الأوضاع في أفغانستان، ودعا العالم إلى "
        "مساعدة شعبها على تجاوز الأزمة الاقتصادية والاجتماعية."
    )
    assert _props(text, "ar", None) == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "Russian troops were long stationed outside Dushanbe, and Russia was responsible "
            "for guarding the Tajik-Afghan border until 2005.",
        ),
        (
            "fa",
            "نیروهای روسیه سال‌ها بیرون از دوشنبه مستقر بودند و روسیه تا سال ۲۰۰۵ مسئول حفاظت "
            "از مرز تاجیکستان و افغانستان بود.",
        ),
        (
            "ru",
            "Российские войска долго стояли под Душанбе, а до 2005 года Россия отвечала за "
            "охрану таджикско-афганской границы.",
        ),
    ],
)
def test_who_guarded_until_a_year_is_a_handover_that_year_on_the_border(lang, text):
    # "Until 2005" is no deadline here: a state told as over ended that year, so guarding
    # changed hands then; its place is the border handed over, not the capital named before.
    (handover,) = _props(text, lang, dt.date(2025, 12, 3))
    assert handover["event_type"] == "Strategic developments", handover
    assert (handover["date_start"], handover["date_end"]) == ("2005-01-01", "2005-12-31")
    assert handover["place_id"] == "tjk-afg-border"


def test_guarding_until_a_year_to_come_is_a_plan_not_a_handover():
    # A year after publication is when a plan runs out: still a deadline, and said so.
    text = "Russia will be responsible for guarding the Tajik-Afghan border until 2030."
    (plan,) = _props(text, "en", dt.date(2025, 12, 3))
    assert plan["date_start"] == "2030-01-01" and "due by" in plan["date_note"], plan
