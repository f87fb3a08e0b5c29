"""Tolls a reader cannot add up: some of the dead or wounded counted with no number
("several smugglers and two soldiers were killed"). Every sentence here was written for
these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.ingest import propose
from geo.ingest.counts import casualties

DAY = dt.date(2025, 5, 6)
UNSTATED = "the number killed (some are counted with no number, such as 'several')"


def _props(text: str, lang: str = "en") -> list[dict]:
    return [f["properties"] for f in propose(text, "x.txt", lang, DAY)["features"]]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "Officials said several smugglers and two Tajik soldiers were killed in the clash "
            "in Shamsiddin Shohin district on 2 May.",
        ),
        (
            "ru",
            "2 мая в Шамсиддин-Шохинском районе в перестрелке убиты несколько контрабандистов "
            "и двое пограничников.",
        ),
        (
            "fa",
            "روز ۲ مه در درگیری در ولسوالی شمس‌الدین شاهین چند قاچاقبر و دو مرزبان تاجیک کشته شدند.",
        ),
    ],
)
def test_a_group_counted_with_no_number_leaves_the_toll_to_the_reviewer(lang, text):
    (props,) = _props(text, lang)
    assert props["date_start"] == "2025-05-02" and props["place_id"] == "shamsiddin-shohin-district"
    assert props["fatalities"] is None
    assert UNSTATED in props["ingest"]["needs"]


def test_a_later_sentence_counting_only_the_soldiers_does_not_give_the_total():
    text = (
        "Several smugglers and two soldiers were killed in a clash in Shamsiddin Shohin "
        "district on 2 May. Local residents say three soldiers died."
    )
    (props,) = _props(text)
    assert props["fatalities"] is None


def test_a_number_for_the_vague_group_later_gives_the_toll():
    # "Several dead" in the lead, then every class counted: the total is stated.
    text = (
        "A clash left several dead in Shamsiddin Shohin district on 2 May. "
        "Three militants and two guards were killed, officials said."
    )
    (props,) = _props(text)
    assert props["fatalities"] == 5 and UNSTATED not in props["ingest"]["needs"]


@pytest.mark.parametrize(
    ("sentence", "killed", "vague"),
    [
        # "several" belongs to the wounding, not to the killing.
        ("Two soldiers were killed and several others wounded.", 2, ()),
        # "some 30" is an approximate number of smugglers, and none of them is said killed.
        ("At least two guards were killed in a gun battle with some 30 smugglers.", 2, ()),
        ("Several smugglers and two soldiers were killed.", 2, ("militant",)),
    ],
)
def test_which_verb_a_vague_quantity_belongs_to(sentence, killed, vague):
    counts = casualties(sentence, "en")
    assert counts.killed == killed and counts.vague_killed == vague
