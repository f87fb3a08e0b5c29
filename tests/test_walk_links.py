"""A link with a date range and no word on undated events (made by hand, as in the
README's own example, or before the link kept it) follows the rule of every date control
(#25 walk): undated events leave unless the range is every date there is."""

from __future__ import annotations

import pyarrow as pa
import pytest

from tests.helpers.apptest import map_args, map_event_ids, run_app, wide_area_events
from tests.helpers.browser import EVENTS
from tests.helpers.data import overlaps, with_point

Q4 = ["2025-10-01", "2025-12-31"]


def _dated_in_q4() -> set[str]:
    return {e["id"] for e in EVENTS if overlaps(e, *Q4)}  # a site by its period


def _undated() -> set[str]:
    timed = ("date_start", "valid_from", "valid_to")
    return {e["id"] for e in EVENTS if not any(e.get(k) for k in timed)}


def test_a_range_in_the_link_leaves_undated_events_out():
    at = run_app(dates=Q4)
    assert not at.exception and at.checkbox(key="undated").value is False
    assert set(map_event_ids(at)) == with_point(_dated_in_q4())
    assert "**0 undated**" in at.markdown[0].value


@pytest.mark.parametrize("undated", ["true", "false"])
def test_the_link_s_own_word_on_undated_events_is_kept(undated):
    at = run_app(dates=Q4, undated=undated)
    assert at.checkbox(key="undated").value is (undated == "true")
    expected = _dated_in_q4() | (_undated() if undated == "true" else set())
    assert set(map_event_ids(at)) == with_point(expected) and _undated()


def test_a_link_without_dates_shows_undated_events():
    at = run_app(types="Site")
    assert at.checkbox(key="undated").value is True
    assert _undated() & set(map_event_ids(at))


def _timeline_ids(at) -> set[str]:
    charts = [c for c in at.get("vega_lite_chart") if "timeline_events" in c.proto.spec]
    if not charts:  # nothing dated to draw: no timeline
        return set()
    for dataset in charts[0].proto.datasets:
        if dataset.name == "events":
            rows = pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()
            return set(rows["id"])
    raise AssertionError("the timeline has no events dataset")


def test_khatlon_with_its_band_events_in_the_map_the_timeline_and_the_words():
    """The events placed only in a band over Khatlon, once shown, are in the map, the
    timeline and the view's words (the picture's caption), not on the map alone."""
    base = {"dates": Q4, "undated": "false", "area": "Khatlon"}
    alone, both = run_app(**base), run_app(**base, area_wide="true")
    assert not set(map_event_ids(alone)) and not wide_area_events(alone)
    assert wide_area_events(both) > 0  # the band's events: drawn as their areas
    assert _timeline_ids(both) >= set(map_event_ids(both))
    assert _timeline_ids(alone) < _timeline_ids(both)
    # The picture's words (handed to the map's script) say what the view holds.
    assert "overlapping it" in map_args(both)["feature_group"]
    assert "overlapping it" not in map_args(alone)["feature_group"]
