"""A sentence may end on a number ("… on 3 May 2024. Last year …"), and an incident may be
announced before it is told ("The second incident took place … on 7 December. A conscript
shot …"): each in a short article written for this test (never an outlet's words)."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.ingest.sentences import split_sentences
from tests.helpers.ingest import props_on, violent

_dated = props_on(dt.date(2024, 5, 4))


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "Two died on 3 May 2024. Last year 16 died.",
            ["Two died on 3 May 2024.", "Last year 16 died."],
        ),
        ("Они погибли в 2024. Затем всё стихло.", ["Они погибли в 2024.", "Затем всё стихло."]),
        ("در سال ۱۴۰۳. در این سال", ["در سال ۱۴۰۳.", "در این سال"]),
        ("1. The first point\n2. The second", ["1. The first point", "2. The second"]),
        ("See item 1. then the rest", ["See item 1. then the rest"]),
        ("It was 18.45. Then it ended", ["It was 18.45.", "Then it ended"]),
    ],
)
def test_a_dot_after_a_number_ends_a_sentence_before_a_new_one(text, parts):
    assert [text[s.start : s.end] for s in split_sentences(text)] == parts


@pytest.mark.parametrize(
    "total",
    [
        "Last year 16 armed men were killed on the border.",
        "Last year the service counted 30 such shoot-outs, killing 16 armed men.",
    ],
)
def test_a_years_total_after_the_incident_is_not_its_toll(total):
    text = f"Two guards died in a clash with smugglers near Panj on 3 May 2024. {total}"
    (props,) = violent(_dated(text, "en"))
    assert (props["place_id"], props["fatalities"]) == ("panj", 2)


def test_an_incident_announced_before_it_is_told_gets_its_day_and_place():
    text = (
        "Three incidents have troubled the border guards this winter, the press wrote.\n\n"
        "The second such incident took place at a frontier post near Khorog on 7 December "
        "2023. A conscript shot dead a young officer with his rifle.\n\n"
        "Another incident took place in Farkhor district on 1 January 2024. Gunmen "
        "crossed the river and kidnapped a shepherd."
    )
    found = {(p["date_start"], p["place_id"], p["fatalities"]) for p in violent(_dated(text, "en"))}
    assert ("2023-12-07", "khorugh", 1) in found
    assert ("2024-01-01", "farkhor-district", None) in found
