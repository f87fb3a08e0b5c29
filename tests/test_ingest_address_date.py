"""The publication day an article's address holds (`geo.ingest.dateline.date_in_url`): what a
reviewer reads off "/2025/12/25/" or "20251225" when the page itself gives no date."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.ingest.dateline import date_in_url

LATEST = dt.date(2026, 12, 31)


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://outlet.example/news/2025/12/25/22852461/", dt.date(2025, 12, 25)),
        ("https://outlet.example/ru/2019-01-07/story", dt.date(2019, 1, 7)),
        ("https://outlet.example/amp/20190107/story-1027900603.html", dt.date(2019, 1, 7)),
        ("https://outlet.example/en/202512250137", dt.date(2025, 12, 25)),  # day and time
        ("https://outlet.example/news/20251225101220469-Title", dt.date(2025, 12, 25)),
        ("https://outlet.example/a/2025/1/5/x", dt.date(2025, 1, 5)),
    ],
)
def test_a_day_in_the_address_is_read(url, day):
    assert date_in_url(url, LATEST) == day


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "https://outlet.example/ara/2021/06/36420",  # a year and month: no day
        "https://outlet.example/a/story/33632479.html",  # an id, not a date
        "https://outlet.example/2025-13-01/story",  # no 13th month
        "https://outlet.example/20190107/20190108/",  # two days: which one?
        "https://outlet.example/story?from=20250101",  # a query is not the address's path
        "https://outlet.example/news/20990101/story",  # after the latest day
        "https://outlet.example/1026007338.html",  # a long id opening with no year
    ],
)
def test_no_day_or_no_sure_day_gives_none(url):
    assert date_in_url(url, LATEST) is None
