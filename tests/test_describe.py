"""Dates, numbers and precision in words."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.view.words import count_in_words, date_in_words

D = dt.date


@pytest.mark.parametrize(
    ("start", "end", "precision", "words"),
    [
        (D(2025, 10, 25), D(2025, 10, 25), "day", "25 October 2025, day known"),
        (D(2025, 10, 20), D(2025, 10, 31), "month", "late October 2025, month known"),
        (D(2021, 7, 1), D(2021, 7, 10), "month", "early July 2021, month known"),
        (D(2025, 8, 1), D(2025, 8, 31), "month", "August 2025, month known"),
        (D(2021, 1, 1), D(2021, 12, 31), "year", "2021, year known"),
        (
            D(2025, 11, 27),
            D(2025, 12, 3),
            "week",
            "27 November – 3 December 2025, known to within a week",
        ),
        (D(2023, 9, 1), D(2023, 12, 31), "year", "late 2023, year known"),
        (None, None, "unknown", "Date not stated in the sources"),
    ],
)
def test_date_in_words(start, end, precision, words):
    assert date_in_words(start, end, precision) == words


@pytest.mark.parametrize(("value", "words"), [(None, "not reported"), (0, "0"), (5, "5")])
def test_count_in_words(value, words):
    assert count_in_words(value) == words
