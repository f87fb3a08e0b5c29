"""The feed beside the map: the shown events newest first, a page at a time (built by
geo/view/feed.py). Choosing one selects it through the one selection path."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.dataset import Dataset
from geo.view import feed as fd
from geo.view.html import escape_markdown
from ui.state import select

FEED_KEY = "feed"
PAGE_KEY = "feed_page"


def _on_pick() -> None:
    event_id = st.session_state.get(FEED_KEY)
    if event_id:
        select(event_id)


def _turn(step: int, last: int) -> None:
    page = st.session_state.get(PAGE_KEY, 0) + step
    st.session_state[PAGE_KEY] = min(max(page, 0), last)


def _pager(page: int, last: int, count: int) -> None:
    row = st.container(horizontal=True, vertical_alignment="center", gap="small", key="feed-pager")
    row.button("‹ Newer", key="feed-newer", on_click=_turn, args=(-1, last), disabled=page == 0)
    row.caption(f"Page {page + 1:,} of {last + 1:,} · {count:,} events, newest first")
    row.button("Older ›", key="feed-older", on_click=_turn, args=(1, last), disabled=page == last)


def event_feed(data: Dataset, shown: pd.DataFrame, selected: str | None) -> None:
    """The newest shown events with date, place, toll, status and source language."""
    last = fd.pages(len(shown)) - 1
    page = min(max(int(st.session_state.get(PAGE_KEY, 0)), 0), last)
    st.session_state[PAGE_KEY] = page
    st.markdown("**Feed** — newest first; choose one to read its sources")
    if shown.empty:
        st.caption("No events match the filters.")
        return
    items = fd.feed_items(fd.feed_page(data.frame, shown, page))
    ids = [item.id for item in items]
    # The list marks the selected event when it is on this page (set before the widget).
    st.session_state[FEED_KEY] = selected if selected in ids else None
    titles = {item.id: escape_markdown(item.title) for item in items}
    st.radio(
        "Feed",
        ids,
        index=None,
        key=FEED_KEY,
        format_func=titles.__getitem__,
        captions=[escape_markdown(item.caption()) for item in items],
        label_visibility="collapsed",
        on_change=_on_pick,
    )
    if last > 0:
        _pager(page, last, len(shown))
