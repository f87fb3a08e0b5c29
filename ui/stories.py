"""The Stories control: step through a curated sequence; the map and panel follow each step.

The URL keeps the story and the 1-based step (?story=reuters-patrol-report&step=2), so a
link opens the same step.
"""

from __future__ import annotations

import streamlit as st

from geo.dataset import Dataset
from geo.stories import Story, step_index
from geo.view.stories import step_block
from ui.live import with_current
from ui.state import go_to_asked, move_to, select


def _go(data: Dataset, name: str | None, index: int) -> None:
    """Show step `index` of story `name`: select its event and move the map to its view."""
    if name is None or name not in data.stories:
        st.session_state["story_step"] = 0
        return
    step = data.stories[name].steps[index]
    st.session_state["story_step"] = index
    select(step.events[0])
    if step.view is not None:  # the step's view, not the event's, even if it is the last
        go_to_asked()
        move_to(([step.view.lat, step.view.lon], step.view.zoom))
        st.session_state["_view_of"] = step.events[0]


def _on_story_change(data: Dataset) -> None:
    _go(data, st.session_state.get("story"), 0)


def _story_from_link(data: Dataset) -> None:
    """On a page's first run, take the story and step from the link."""
    if "_story_link_read" in st.session_state:
        return
    st.session_state["_story_link_read"] = True
    name = st.query_params.get("story")
    if name in data.stories:
        st.session_state["story"] = name
        _go(data, name, step_index(data.stories[name], st.query_params.get("step", "1")))


def _sync_link(name: str | None, index: int) -> None:
    if name:
        st.query_params["story"], st.query_params["step"] = name, str(index + 1)
        return
    for key in ("story", "step"):
        if key in st.query_params:
            del st.query_params[key]


def story_control(data: Dataset) -> tuple[Story, int] | None:
    """The story picker and its step buttons; returns the story and step shown, if any."""
    if not data.stories:
        return None
    _story_from_link(data)
    name = st.selectbox(
        "Story",
        list(data.stories),
        index=None,
        key="story",
        format_func={n: story.title for n, story in data.stories.items()}.__getitem__,
        placeholder="Step through a story …",
        on_change=with_current(_on_story_change),
    )
    story = data.stories.get(name) if name else None
    index = min(int(st.session_state.get("story_step", 0)), len(story.steps) - 1) if story else 0
    _sync_link(name, index)
    if story is None:
        return None
    back, ahead = st.columns(2)
    back.button(
        "◀ Previous step",
        key="story-prev",
        on_click=with_current(_go),
        args=(name, index - 1),
        disabled=index == 0,
        width="stretch",
    )
    ahead.button(
        "Next step ▶",
        key="story-next",
        on_click=with_current(_go),
        args=(name, index + 1),
        disabled=index >= len(story.steps) - 1,
        width="stretch",
    )
    return story, index


def story_step(current: tuple[Story, int] | None) -> None:
    """The step's heading and text, above the event's sources."""
    if current is not None:
        st.html(step_block(*current))
