"""Sites over time: a period (valid_from/valid_to) that filters, draws and reads in words."""

from __future__ import annotations

import copy
import datetime as dt

import pydantic
import pytest

from geo.dataset import period_words, table_frame
from geo.filters import Filters, apply_filters
from geo.model import EventProperties
from geo.view.charts import timeline_frame
from geo.view.words import period_in_words
from tests.helpers.data import LAYERS, read_layer

D = dt.date
POST = "site-russian-funded-border-post-2023"
LATE_2023 = {"start": "2023-09-01", "end": "2023-12-31", "precision": "year", "text": "اواخر ۲۰۲۳"}


def _post_props() -> dict:
    for feat in read_layer(LAYERS / "sites.geojson")["features"]:
        if feat["properties"]["id"] == POST:
            return copy.deepcopy(feat["properties"])
    raise AssertionError(POST)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"valid_from": {**LATE_2023, "end": "2023-08-01"}}, "before start"),
        ({"valid_from": {**LATE_2023, "precision": "month"}}, "too wide"),
        ({"valid_from": {**LATE_2023, "text": ""}}, "at least 1 character"),
        ({"valid_to": {**LATE_2023, "start": "2022-01-01", "end": "2022-12-31"}}, "ends before"),
        ({"event_type": "Meeting"}, "belong to sites"),
    ],
)
def test_bad_periods_are_refused(change, message):
    with pytest.raises(pydantic.ValidationError, match=message):
        EventProperties.model_validate({**_post_props(), **change})


def test_open_end_is_valid():
    props = EventProperties.model_validate(_post_props())
    assert props.valid_from is not None and props.valid_to is None


@pytest.mark.parametrize(
    ("date_from", "date_to", "shown"),
    [
        (D(2025, 10, 1), D(2025, 12, 31), True),  # open end: still there
        (D(2023, 12, 1), D(2023, 12, 31), True),  # the opening months
        (D(2021, 1, 1), D(2023, 8, 31), False),  # before it opened
        (D(2023, 1, 1), D(2023, 8, 31), False),
    ],
)
def test_a_site_shows_when_its_period_overlaps(data, date_from, date_to, shown):
    f = Filters(date_from=date_from, date_to=date_to, include_undated=False)
    assert (POST in set(apply_filters(data.frame, f)["id"])) is shown


def test_an_undated_site_stays_with_the_undated(data):
    f = Filters(date_from=D(2025, 1, 1), date_to=D(2025, 12, 31), include_undated=False)
    assert "site-afghan-consulate-khorugh" not in set(apply_filters(data.frame, f)["id"])


def test_timeline_bar_runs_from_its_start_to_the_latest_date(data):
    rows = timeline_frame(data.frame).set_index("id")
    post = rows.loc[POST]
    assert post["start"] == "2023-09-01"
    assert post["end_day"] == max(rows["end_day"])
    assert post["to_words"] == "open (no end stated)"


@pytest.mark.parametrize(
    ("valid_from", "valid_to", "words"),
    [
        ((D(2023, 9, 1), D(2023, 12, 31)), None, "since late 2023 (no end stated)"),
        (None, (D(2021, 7, 1), D(2021, 7, 31)), "until July 2021 (start not stated)"),
        ((D(2005, 1, 1), D(2005, 12, 31)), (D(2021, 1, 1), D(2021, 12, 31)), "from 2005 to 2021"),
        (None, None, "period not stated in the sources"),
    ],
)
def test_period_in_words(valid_from, valid_to, words):
    assert period_in_words(valid_from, valid_to) == words


def test_the_table_says_a_site_period_is_open(data):
    words = period_words(data.frame).set_axis(data.frame["id"])
    assert words[POST] == "2023-09-01 – open"  # no source says the post closed
    plain = data.frame.loc[~(data.frame["open_start"] | data.frame["open_end"]), "id"]
    assert (words[list(plain)] == "").all()  # here every other period is its dates: blank
    shown = table_frame(data.frame, ["title", "date_end", "period", "status"])
    assert list(shown.columns) == ["title", "date_end", "period", "status"]
