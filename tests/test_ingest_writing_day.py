"""The day of writing (articles written for these tests, never an outlet's words):
violence told as going on, with no date of its own, is dated by the publication day, or
with none by the latest day the article states (never a deadline), and stays in the
country its sentence names."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.ingest.dates import find_dates
from geo.ingest.matching import cue_before
from geo.ingest.writing_day import anchored
from tests.helpers.ingest import props_on

_props = props_on(None)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "The minister spoke to the press in Dushanbe. The capital also hosts a large "
            "garrison in Bokhtar.\nIn Afghanistan, fighting between government troops and "
            "the Taliban is under way in many rural districts.",
        ),
        (  # "In" opening the sentence is "in": the town's old name is read exactly
            "en",
            "The envoy met reporters in Dushanbe. Troops are also stationed in Kurgan-Tyube."
            "\nIn Afghanistan, fighting between the army and the Taliban is under way.",
        ),
        (
            "ar",
            "تحدث الوزير إلى الصحفيين في دوشنبه. وتوجد قاعدة كبيرة في مدينة بختار.\n"
            "وتجري في أفغانستان، مواجهة بين القوات الحكومية ومسلحي طالبان في مناطق ريفية كثيرة.",
        ),
    ],
)
def test_violence_going_on_is_dated_by_the_day_of_writing_in_its_country(lang, text):
    (fight,) = [p for p in _props(text, lang, dt.date(2021, 7, 20)) if p["date_start"]]
    assert (fight["date_start"], fight["date_end"]) == ("2021-07-20", "2021-07-20")
    assert "writ" in fight["date_note"]
    assert fight["place_id"] == "afghanistan", fight  # not the garrison's town beside it


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Troops left.\nIn Afghanistan", "in"),
        ("Войска ушли.\nВ Афганистане", "в"),
        ("Войска ушли. В Афганистане", "в"),
    ],
)
def test_a_cue_opening_a_sentence_is_the_cue_in_capitals(text, word):
    assert cue_before(text, text.index("Af" if "Af" in text else "Аф"), [word])


def test_without_a_publication_date_the_latest_day_stated_is_the_day_of_writing():
    # "By 11 September" is a deadline, after the writing: the interview's day is the anchor.
    text = (
        "The deputy minister spoke in an interview published on 22 July 2021.\n"
        "Washington promised to complete its withdrawal by 11 September 2021.\n"
        "In Afghanistan, fighting between government troops and the Taliban is under way."
    )
    (fight,) = [
        p for p in _props(text, "en", None) if p["event_type"] != "Statement" and p["date_start"]
    ]
    assert fight["date_start"] == "2021-07-22", fight


@pytest.mark.parametrize(
    "text",
    [
        "The investigation into the attack near Panj on 2 May is under way.",
        "Guards clashed with smugglers near ongoing gold mining projects in Darqad district.",
    ],
)
def test_an_inquiry_under_way_or_an_ongoing_project_dates_no_fighting(text):
    for p in _props(text, "en", dt.date(2025, 5, 14)):
        assert p["date_text"] != "under way" and p["date_start"] != "2025-05-14", p


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The day after a full date is in that date's year, not the year before.
        (
            "Fighters took the crossing on 9 August 2022; on 10 August guards returned fire.",
            dt.date(2022, 8, 10),
        ),
        # Across a new year the nearest such day wins: early January follows late December.
        (
            "The post was shelled on 29 December 2023 and again on 3 January.",
            dt.date(2024, 1, 3),
        ),
        # And a day a little before the full date stays in its year.
        (
            "A patrol was attacked on 14 May 2019, after a first raid on 2 May.",
            dt.date(2019, 5, 2),
        ),
    ],
)
def test_without_a_publication_date_a_day_and_month_take_the_year_of_the_date_before(
    text, expected
):
    finds = anchored(text, "en", find_dates(text, "en", None))
    assert [f.date_start for f in finds][-1] == expected, finds
    assert finds[0].text in finds[-1].note  # the note names the words the year came from
