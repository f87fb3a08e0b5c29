"""Tolls told with an active verb of killing ("…, killing two officers", "убив двух
полицейских") and an attack told as "напали": each in a short article written for this
test (never an outlet's words)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers.ingest import props_on, violent

_dated = props_on(dt.date(2024, 5, 4))


@pytest.mark.parametrize(
    ("lang", "text", "kind"),
    [
        ("en", "On 3 May 2024 gunmen attacked a post in Kunduz, killing two officers.", "Battles"),
        ("en", "On 3 May 2024 gunmen raided a post in Kunduz, killing two policemen.", None),
        (
            "ru",
            "3 мая 2024 года боевики напали на пост в Кундузе, убив двух полицейских.",
            "Battles",
        ),
        ("ru", "3 мая 2024 года боевики убили двух полицейских в Кундузе.", None),
    ],
)
def test_an_active_verb_of_killing_counts_its_object(lang, text, kind):
    """(With no word saying what kind of violence, the type is left to the reviewer.)"""
    (props,) = violent(_dated(text, lang))
    assert props["fatalities"] == 2
    assert props["event_type"] == kind
    assert props["place_id"] == "kunduz"
    assert props["date_start"] == "2024-05-03"
