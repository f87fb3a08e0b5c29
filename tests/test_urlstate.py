"""URL sanitising as a pure function: each bad value gives its key's default and a note."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.urlstate import (
    MAX_NOTES,
    Choice,
    DateRange,
    Flag,
    Number,
    Text,
    sanitise,
    summary,
)

SPEC = {
    "q": Text(10),
    "undated": Flag(),
    "near_km": Number(0, 100),
    "actors": Choice(frozenset({"Taliban", "Russia"}), noun="actor"),
    "event": Choice(frozenset({"a-1"}), many=False, noun="event id"),
    "dates": DateRange(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
}
GOOD = {
    "q": ["gold"],
    "undated": ["false"],
    "near_km": ["25"],
    "actors": ["Taliban", "Russia"],
    "event": ["a-1"],
    "dates": ["2025-02-01", "2025-03-01"],
    "embed": ["true"],  # Streamlit's own
}


def test_good_values_pass_unchanged():
    assert sanitise(GOOD, SPEC) == (GOOD, [])


@pytest.mark.parametrize(
    ("key", "values", "reason"),
    [
        ("near_km", ["inf"], "not a number"),
        ("near_km", ["-inf"], "not a number"),
        ("near_km", ["1e400"], "not a number"),
        ("near_km", ["NaN"], "not a number"),
        ("near_km", ["-5"], "not a number"),
        ("near_km", ["1" + "0" * 400], "not a number"),
        ("near_km", ["0x10"], "not a number"),
        ("near_km", ["1", "2"], "given more than once"),
        ("q", ["x" * 100_000], "longer than 10 characters"),
        ("undated", ["maybe"], "not true or false"),
        ("event", ["zzz"], "not a known event id"),
        ("dates", ["2025-03-01", "2025-02-01"], "not two dates"),
        ("dates", ["2024-12-31", "2025-02-01"], "not two dates"),
        ("dates", ["garbage", "2025-02-01"], "not two dates"),
        ("dates", ["2025-13-01"], "not two dates"),
        ("dates", ["2024-06-01"], "not two dates"),
        ("zzz", ["1"], "not a setting of this page"),
    ],
)
def test_a_bad_value_gives_the_default_and_one_short_note(key, values, reason):
    clean, notes = sanitise({key: values}, SPEC)
    assert clean == {}
    assert len(notes) == 1 and reason in notes[0] and len(notes[0]) < 120


def test_a_multiselect_keeps_its_known_values():
    clean, notes = sanitise({"actors": ["Taliban", "Martians", "Taliban"]}, SPEC)
    assert clean == {"actors": ["Taliban"]}
    assert notes == ["actors='Martians' (not a known actor)"]


def test_the_summary_is_short_whatever_the_link_holds():
    raw = {f"k{i}": ["v" * 1000] for i in range(10_000)}
    clean, notes = sanitise(raw, SPEC)
    assert clean == {} and len(notes) == 10_000
    line = summary(notes)
    assert line.count(";") == MAX_NOTES and "and 9,995 more" in line and len(line) < 500


def test_one_date_is_a_one_day_range():
    # Streamlit's date_input writes a one-day range into the link as a single date.
    assert sanitise({"dates": ["2025-02-01"]}, SPEC) == ({"dates": ["2025-02-01"]}, [])
