"""Where talk is held, as a reader places it (articles written for these tests, never an
outlet's words): a telephone call at its end in Tajikistan, never at the border it is
about; a meeting not placed by the next sentence about something else, nor by a sentence
telling of another time ("until 2005", "since 2010")."""

from __future__ import annotations

import datetime as dt

from tests.helpers.ingest import props_on

PUBLISHED = dt.date(2025, 12, 3)


_props = props_on(PUBLISHED)


def _of_type(props: list[dict], etype: str) -> dict:
    (one,) = [p for p in props if p["event_type"] == etype]
    return one


def test_a_phone_call_about_the_border_is_drawn_at_its_tajik_end():
    text = (
        "Russian President Vladimir Putin promised in a phone call with Tajik President "
        "Emomali Rahmon in early July 2021 to help build a post on the Tajik-Afghan border."
    )
    call = _of_type(_props(text, "en", dt.date(2021, 7, 22)), "Meeting")
    assert call["place_id"] == "dushanbe"
    assert "telephone call" in call["location_note"]


def test_a_phone_call_in_arabic_is_drawn_at_its_tajik_end_too():
    text = (
        "وأكد الرئيس الروسي فلاديمير بوتين خلال محادثته الهاتفية مع الرئيس الطاجيكي إمام علي "
        "رحمن في أوائل يوليو 2021 دعم بناء موقع على الحدود الطاجيكية الأفغانية."
    )
    call = _of_type(_props(text, "ar", dt.date(2021, 7, 22)), "Meeting")
    assert call["place_id"] == "dushanbe"


def test_a_meeting_is_not_placed_by_the_next_sentence_about_something_else():
    # The sentence after the meeting tells where a military base lies: not the meeting's
    # town, nor its province.
    text = (
        "The Tajik president met the Russian defence minister in early July 2021 to discuss "
        "building a post on the Tajik-Afghan border. The Russian base is stationed in "
        "Dushanbe and Bokhtar, the centre of Khatlon province."
    )
    meeting = _of_type(_props(text, "en", dt.date(2021, 7, 22)), "Meeting")
    assert meeting["place_id"] not in ("bokhtar", "khatlon")


def test_a_sentence_of_another_time_does_not_place_a_meeting():
    # "Until 2005" tells of another year: the places of its sentence are not the meeting's.
    text = (
        "President Emomali Rahmon held an emergency security meeting on 1 December.\n\n"
        "Reuters said the same meeting discussed Russian patrols. Russia had troops outside "
        "Dushanbe and guarded the Tajik-Afghan border until 2005."
    )
    meeting = _of_type(_props(text, "en"), "Meeting")
    assert meeting["date_start"] == "2025-12-01"
    assert meeting["place_id"] == "dushanbe"
    assert "seat" in meeting["location_note"]


def test_a_month_beside_a_day_is_a_date_not_the_town_of_the_same_name():
    # "March" is also a village in Badakhshan (GeoNames): beside a day number it is the month.
    text = (
        "Tajik border guards exchanged fire with armed smugglers near Panj on 1 March. "
        "Two of the smugglers were killed in the clash."
    )
    (clash,) = _props(text, "en", dt.date(2016, 3, 3))
    assert clash["place_id"] == "panj", clash["place_id"]
    assert clash["date_start"] == "2016-03-01"
