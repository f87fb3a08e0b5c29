"""A link with a date range and no word on undated events (made by hand, as in the
README's own example, or before the link kept it) follows the rule of every date control
(#25 walk): undated events leave unless the range is every date there is."""

from __future__ import annotations

import pytest

from tests.helpers.apptest import map_event_ids, run_app
from tests.helpers.browser import EVENTS
from tests.helpers.data import overlaps

Q4 = ["2025-10-01", "2025-12-31"]


def _dated_in_q4() -> set[str]:
    return {e["id"] for e in EVENTS if overlaps(e, *Q4)}  # a site by its period


def _undated() -> set[str]:
    timed = ("date_start", "valid_from", "valid_to")
    return {e["id"] for e in EVENTS if not any(e.get(k) for k in timed)}


def test_a_range_in_the_link_leaves_undated_events_out():
    at = run_app(dates=Q4)
    assert not at.exception and at.checkbox(key="undated").value is False
    assert set(map_event_ids(at)) == _dated_in_q4()
    assert "**0 undated**" in at.markdown[0].value


@pytest.mark.parametrize("undated", ["true", "false"])
def test_the_link_s_own_word_on_undated_events_is_kept(undated):
    at = run_app(dates=Q4, undated=undated)
    assert at.checkbox(key="undated").value is (undated == "true")
    expected = _dated_in_q4() | (_undated() if undated == "true" else set())
    assert set(map_event_ids(at)) == expected and _undated()


def test_a_link_without_dates_shows_undated_events():
    at = run_app(types="Site")
    assert at.checkbox(key="undated").value is True
    assert _undated() & set(map_event_ids(at))
