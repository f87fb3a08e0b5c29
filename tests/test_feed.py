"""The feed (geo/view/feed.py, ui/feed.py): newest first, paged, worded, and linked with
the one selection path."""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.view import feed as fd
from tests.helpers.apptest import run_app
from tests.helpers.browser import EVENTS


def _start(e: dict) -> str:
    return e.get("date_start") or (e.get("valid_from") or {}).get("start") or ""


def test_newest_first_then_undated(data):
    frame = data.frame
    rows = fd.feed_page(frame, frame, 0, size=len(frame))
    starts = [_start(e) for e in sorted(EVENTS, key=lambda e: list(rows["id"]).index(e["id"]))]
    dated = [s for s in starts if s]
    assert dated == sorted(dated, reverse=True)
    assert starts[len(dated) :] == [""] * (len(starts) - len(dated))  # undated last


def test_pages_cover_every_shown_event_once(data):
    frame = data.frame
    shown = frame[frame["layer"] != "background"]
    seen = []
    for page in range(fd.pages(len(shown), 7)):
        seen += list(fd.feed_page(frame, shown, page, size=7)["id"])
    assert sorted(seen) == sorted(shown["id"]) and len(seen) == len(set(seen))
    last = fd.feed_page(frame, shown, 999, size=7)  # past the end: the last page
    assert list(last["id"]) == seen[-len(last) :]
    assert fd.page_of(frame, shown, seen[8], size=7) == 1
    assert fd.page_of(frame, shown, "no-such-event") == -1


def test_items_say_date_place_toll_status_language(data):
    frame = data.frame
    row = frame[frame["fatalities"].fillna(0) > 0].head(1)
    item = fd.feed_items(row)[0]
    assert f"{int(row['fatalities'].iloc[0])} killed" in item.toll
    assert item.place == row["place"].iloc[0] and item.status == row["status"].iloc[0]
    assert item.languages and item.when
    assert item.caption().count(" · ") >= 3
    assert fd.toll_words(pd.NA, None) == ""
    assert fd.toll_words(2, 3) == "2 killed, 3 injured"


def test_a_page_at_100000_events_is_one_page(data):
    """Its speed is measured by bench/hot_paths.py, not asserted here."""
    big = pd.concat([data.frame] * 2600, ignore_index=True)
    big["id"] = big["id"] + "-" + (big.index // len(data.frame)).astype(str)
    fd.newest_first(big)  # once per load
    shown = big[np.arange(len(big)) % 2 == 0]
    items = fd.feed_items(fd.feed_page(big, shown, 3))
    assert len(items) == fd.PAGE_SIZE


def test_choosing_a_feed_item_selects_the_event():
    at = run_app()
    feed = at.radio(key="feed")
    assert len(feed.options) == fd.PAGE_SIZE
    first = next(e for e in EVENTS if e["title"] == feed.options[0].replace("\\", ""))
    feed.set_value(first["id"]).run()
    assert not at.exception
    assert _picker(at).value == first["id"]
    assert at.query_params["event"] == first["id"]
    # The panel opens in the feed's place; closing it brings the feed back.
    at.button(key="close-panel").click().run()
    assert at.radio(key="feed").value is None and _picker(at).value is None
    assert "event" not in at.query_params


def _picker(at):
    return next(box for box in at.selectbox if box.label == "Selected event")


def test_the_feed_pages_on(data):
    at = run_app()
    first_page = list(at.radio(key="feed").options)
    at.button(key="feed-older").click().run()
    second = list(at.radio(key="feed").options)
    assert second and not set(second) & set(first_page)
    assert at.button(key="feed-newer").disabled is False


def test_feed_titles_are_escaped_markdown(mutate, layers_copy, monkeypatch):
    def hostile(feature: dict) -> None:
        feature["properties"]["title"] = "**bold** [x](http://evil.example) <b>"

    mutate("incidents", 0, hostile)
    monkeypatch.setenv("ATLAS_LAYERS_DIR", str(layers_copy))
    at = run_app(q="evil")
    assert not at.exception
    (shown,) = at.radio(key="feed").options
    assert shown.startswith("\\*\\*bold\\*\\* \\[x\\]\\(http\\:")


def test_events_of_the_same_days_are_ordered_by_id(data):
    """Ties (same start and end) are ordered by id, as Python orders the strings, so a
    page never reshuffles between loads; ids in any script compared by code point."""
    frame = data.frame
    same = frame.iloc[[0] * 5].copy()
    same["id"] = ["b-2", "a-10", "ب-1", "a-9", "Б-3"]
    same.index = range(len(same))
    order = fd.newest_first.__wrapped__(same)
    assert list(same["id"].iloc[order]) == sorted(same["id"])
