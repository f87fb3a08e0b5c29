"""#25: 'From' and 'To' boxes that take typed dates (with a clear error on a bad one), and
the play state in the shareable link (?play=true plays on when the link is opened)."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.view.periods import BadDate, range_problem, typed_date
from tests.helpers.apptest import run_app

D = dt.date


@pytest.mark.parametrize(
    ("text", "last", "day"),
    [
        ("2025-10-01", False, D(2025, 10, 1)),
        ("  1 Oct 2025 ", False, D(2025, 10, 1)),
        ("October 1, 2025", True, D(2025, 10, 1)),  # a day is a day at either end
        ("01.10.2025", False, D(2025, 10, 1)),  # day first, as the region writes it
        ("Oct 2025", False, D(2025, 10, 1)),
        ("Oct 2025", True, D(2025, 10, 31)),
        ("2024-02", True, D(2024, 2, 29)),
        ("q4 2025", True, D(2025, 12, 31)),
        ("2021", False, D(2021, 1, 1)),
        ("Sept 2024", False, D(2024, 9, 1)),
    ],
)
def test_typed_dates(text, last, day):
    assert typed_date(text, last=last) == day


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "Type a date"),
        ("2025-13-01", "not a day of the calendar"),
        ("30 Feb 2025", "not a day of the calendar"),
        ("next tuesday", "is not a date: type it as 2025-10-01"),
        ("2025-10-01; DROP", "is not a date"),
        ("1 2 2025", "is not a date"),
    ],
)
def test_a_bad_typed_date_says_what_is_wrong(text, words):
    with pytest.raises(BadDate, match=words):
        typed_date(text)


def test_range_problems_in_words():
    bounds = (D(2005, 1, 1), D(2025, 12, 31))
    assert "swap them" in range_problem(D(2025, 12, 1), D(2025, 10, 1), bounds)
    assert "holds no date of the data" in range_problem(D(2030, 1, 1), D(2030, 2, 1), bounds)
    assert range_problem(D(2025, 10, 1), D(2026, 3, 1), bounds) is None  # clipped, not refused


def _type(at, key: str, text: str):
    at.text_input(key=key).input(text)
    return at.run()


def test_typing_dates_sets_the_range_and_the_link():
    at = run_app()
    _type(at, "date_from_text", "1 Oct 2025")
    at = _type(at, "date_to_text", "Nov 2025")
    assert not at.exception
    assert tuple(at.session_state["dates"]) == (D(2025, 10, 1), D(2025, 11, 30))
    assert at.query_params["dates"] == ["2025-10-01", "2025-11-30"]
    assert at.session_state["undated"] is False  # a range asked for: undated leave
    # The boxes show the range as it is now.
    assert at.text_input(key="date_to_text").value == "2025-11-30"
    assert not at.error


def test_a_bad_typed_date_is_named_and_changes_nothing():
    at = run_app(dates=["2025-10-01", "2025-12-03"])
    at = _type(at, "date_from_text", "31 Foo 2025")
    assert tuple(at.session_state["dates"]) == (D(2025, 10, 1), D(2025, 12, 3))
    errors = " ".join(e.value for e in at.error)
    assert "'31 Foo 2025' is not a date" in errors
    assert at.text_input(key="date_from_text").value == "31 Foo 2025"  # kept to correct
    at = _type(at, "date_from_text", "2025-12-20")
    assert "swap them" in " ".join(e.value for e in at.error)
    at = _type(at, "date_from_text", "2025-11-01")
    assert not at.error and tuple(at.session_state["dates"]) == (D(2025, 11, 1), D(2025, 12, 3))


def test_the_link_keeps_playing_and_a_pause_leaves_it():
    at = run_app(dates=["2025-10-20", "2025-10-26"], play="true", play_unit="week")
    assert not at.exception
    assert at.session_state["_playing"] is True
    assert at.query_params["play"] == "true"
    pause = next(b for b in at.button if b.label == "Pause")
    at = pause.click().run()
    assert at.session_state["_playing"] is False
    assert "play" not in at.query_params
    play = next(b for b in at.button if b.label == "Play")
    at = play.click().run()
    assert at.query_params["play"] == "true"


def test_a_paused_link_does_not_play():
    at = run_app(dates=["2025-10-20", "2025-10-26"], play="nonsense")
    assert not at.exception
    assert "_playing" not in at.session_state or at.session_state["_playing"] is False
    assert "play" not in at.query_params
    assert "play=" in " ".join(str(i.value) for i in at.info).replace("\\", "")
