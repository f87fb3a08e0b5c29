"""Filtering the columnar frame: interval overlap, undated toggle, selections."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from geo.choices import all_actors, clip_range, date_extent
from geo.filters import Filters, apply_filters
from geo.text import normalize_for_match

D = dt.date


@pytest.fixture
def frame() -> pd.DataFrame:
    rows = [
        (
            "a",
            "2025-10-25",
            "2025-10-25",
            ("Taliban", "Tajik Border Forces"),
            "Battles",
            "reported",
        ),
        ("b", "2025-10-20", "2025-10-31", ("Taliban",), "Meeting", "reported"),
        ("c", "2025-12-02", "2025-12-02", ("Reuters",), "Report", "retracted"),
        ("d", None, None, ("Taliban",), "Site", "reported"),
    ]
    df = pd.DataFrame(
        rows, columns=["id", "date_start", "date_end", "actors", "event_type", "status"]
    )
    df["date_start"] = pd.to_datetime(df["date_start"])
    df["date_end"] = pd.to_datetime(df["date_end"])
    df["undated"] = df["date_start"].isna()
    df["layer"] = ["incidents", "diplomacy", "reports", "sites"]
    # No site here has a period: the filtered interval is the event's dates.
    df["period_start"], df["period_end"] = df["date_start"], df["date_end"]
    df["open_start"] = df["open_end"] = False
    df["source_langs"] = [("fa",), ("fa",), ("fa", "ar"), ("ar",)]
    df["outlets"] = [("RFE/RL",), ("RFE/RL",), ("RFE/RL", "outlet not stated"), ("SVG",)]
    return df


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), {"a", "b", "c", "d"}),
        (Filters(include_undated=False), {"a", "b", "c"}),
        (
            Filters(date_from=D(2025, 10, 26), date_to=D(2025, 10, 26)),
            {"b", "d"},
        ),  # overlap, not containment
        (Filters(date_from=D(2025, 10, 31), date_to=D(2025, 12, 1), include_undated=False), {"b"}),
        (Filters(date_from=D(2025, 11, 1), date_to=D(2025, 11, 30), include_undated=False), set()),
        (Filters(actors=frozenset({"Taliban"})), {"a", "b", "d"}),
        (Filters(actors=frozenset({"Reuters", "Tajik Border Forces"})), {"a", "c"}),
        (Filters(event_types=frozenset({"Report"})), {"c"}),
        (Filters(statuses=frozenset({"retracted"})), {"c"}),
        (Filters(layers=frozenset({"sites", "incidents"})), {"a", "d"}),
        (
            Filters(
                date_from=D(2025, 10, 1),
                date_to=D(2025, 10, 31),
                actors=frozenset({"Taliban"}),
                include_undated=False,
            ),
            {"a", "b"},
        ),
    ],
)
def test_apply_filters(frame, filters, expected):
    assert set(apply_filters(frame, filters)["id"]) == expected


def test_extent_and_actors(frame):
    assert date_extent(frame) == (D(2025, 10, 20), D(2025, 12, 2))
    assert all_actors(frame) == ["Reuters", "Tajik Border Forces", "Taliban"]
    assert date_extent(frame[frame["undated"]]) is None


def test_near_border_filter(frame):
    frame["border_km"] = [2.0, 120.0, float("nan"), 9.9]
    assert set(apply_filters(frame, Filters(max_border_km=10))["id"]) == {"a", "d"}
    assert len(apply_filters(frame, Filters(max_border_km=None))) == 4


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"a", "b", "c", "d"}),
        ("gold", {"a"}),
        ("GOLD mine", {"a"}),
        ("طلا", {"a"}),
        ("1357", {"b"}),
        ("نوفمبر", set()),
        ("retraction", {"c"}),
    ],
)
def test_text_search(frame, query, expected):
    frame["search_text"] = [
        "gold mine panj | معدن طلا",
        "border 1357 | مرز ۱۳۵۷",
        "reuters retraction",
        "khorog",
    ]
    frame["search_text"] = frame["search_text"].map(normalize_for_match)
    assert set(apply_filters(frame, Filters(text=query))["id"]) == expected


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (
            (dt.date(2025, 11, 1), dt.date(2025, 11, 9)),
            (dt.date(2025, 11, 1), dt.date(2025, 11, 9)),
        ),
        (
            (dt.date(2005, 1, 1), dt.date(2025, 12, 3)),
            (dt.date(2025, 10, 20), dt.date(2025, 12, 1)),
        ),
        ((None, None), (dt.date(2025, 10, 20), dt.date(2025, 12, 1))),
        ((dt.date(2025, 11, 5), None), (dt.date(2025, 11, 5), dt.date(2025, 12, 1))),
        (
            (dt.date(2001, 1, 1), dt.date(2002, 1, 1)),
            (dt.date(2025, 10, 20), dt.date(2025, 10, 20)),
        ),
    ],
)
def test_clip_range_keeps_a_range_inside_the_bounds(chosen, expected):
    assert clip_range(chosen, (dt.date(2025, 10, 20), dt.date(2025, 12, 1))) == expected


def test_rows_by_value_names_every_row_of_every_value_in_order() -> None:
    """The index a filter looks an actor up in: built by distinct tuple, it must list
    what a plain loop over the rows lists (rows ascending, values with no row absent)."""
    import numpy as np

    from geo.tuples import count_by_value, names_in, pairs, rows_by_value

    rng = np.random.default_rng(7)
    names = ["Taliban", "ISKP", "Tajik Border Forces", "طالبان", "Талибан", ""]
    distinct = [(), ("Taliban",), ("ISKP", "Taliban"), ("طالبان", "Талибан"), ("",)]
    distinct += [tuple(rng.choice(names, size=2, replace=False)) for _ in range(20)]
    column = pd.Series([distinct[i] for i in rng.integers(0, len(distinct), 5_000)])
    expected: dict[str, list[int]] = {}
    for row, values in enumerate(column):
        for value in values:
            expected.setdefault(value, []).append(row)
    found = rows_by_value(column)
    assert set(found) == set(expected)
    for value, rows in expected.items():
        assert found[value].dtype == np.int64
        assert found[value].tolist() == rows, value
    assert rows_by_value(pd.Series([], dtype=object)) == {}
    assert rows_by_value(pd.Series([(), ()])) == {}
    counted = {value: len(rows) for value, rows in expected.items()}
    assert count_by_value(column) == dict(sorted(counted.items(), key=lambda kv: (-kv[1], kv[0])))
    assert list(count_by_value(column).values()) == sorted(counted.values(), reverse=True)
    assert names_in(column) == set(expected)
    twice = pd.Series([("fa", "fa"), ("ru",)])  # a tuple naming a value twice, as a loop counts it
    assert rows_by_value(twice)["fa"].tolist() == [0, 0] and count_by_value(twice)["fa"] == 2
    rows, codes, sorted_names = pairs(column)  # one (row, name) per name of each row
    assert list(sorted_names) == sorted(expected)
    flat = sorted(zip(rows.tolist(), sorted_names[codes].tolist(), strict=True))
    assert flat == sorted((r, v) for v, at in expected.items() for r in at)
    twice_rows, twice_codes, _ = pairs(twice)
    assert sorted(zip(twice_rows, twice_codes, strict=True)) == [(0, 0), (0, 0), (1, 1)]
    assert [len(a) for a in pairs(pd.Series([], dtype=object))] == [0, 0, 0]
