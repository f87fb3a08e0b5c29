"""Ordinary news the session's new rules must not misread (found by a review): the same
day's "earlier in the day", an incident told first with "this month", "за прошедшие
сутки", "the head of" a valley, and "похитили" said of a car. Each in a short article
written for this test (never an outlet's words)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers.ingest import props_on, violent

_dated = props_on(dt.date(2024, 3, 6))


@pytest.mark.parametrize(
    ("lang", "text", "place", "killed"),
    [
        (
            "en",
            "Two Tajik border guards were killed this month when gunmen attacked a post in "
            "Shamsiddin Shohin district.",
            "shamsiddin-shohin-district",
            2,
        ),
        (
            "ru",
            "За прошедшие сутки боевики напали на заставу в Пянджском районе, погибли два "
            "пограничника.",
            "panj-district",
            2,
        ),
        (
            "en",
            "A guard was wounded near Vanj on 2 March 2024. Earlier in the day, gunmen opened "
            "fire on a patrol near Panj, killing three soldiers.",
            "panj",
            3,
        ),
        (
            "en",
            "Gunmen attacked a Tajik border post at the head of Vanj district on 5 March "
            "2024, killing two guards.",
            "vanj-district",
            2,
        ),
    ],
)
def test_an_incident_in_ordinary_words_is_kept(lang, text, place, killed):
    found = {(p["place_id"], p["fatalities"]) for p in violent(_dated(text, lang))}
    assert (place, killed) in found


def test_a_stolen_car_is_no_abduction_but_a_taken_resident_is():
    stolen = "5 марта 2024 года в Хороге неизвестные похитили автомобиль у жителя района."
    taken = "5 марта 2024 года в Хороге боевики похитили двух жителей района Ишкашим."
    assert violent(_dated(stolen, "ru")) == []
    (props,) = violent(_dated(taken, "ru"))
    assert props["event_type"] == "Violence against civilians"
