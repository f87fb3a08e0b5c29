"""The selected event: the picker (titles shown, ids in the URL) and the source panel."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import streamlit as st

from geo.areas import SEP
from geo.dataset import Dataset, event_title
from geo.filters import FILTER_PARTS, Filters, hiding_filters
from geo.view.html import escape_markdown
from geo.view.overview import district_label, in_area
from geo.view.panel import Panel, SourcePart
from geo.view.places import Near, near_mask
from ui.state import clear_filters, picker_key, select

PICKER_MAX = 500


def _event_from_link(data: Dataset) -> None:
    """On a page's first run, take the selected event from the link (?event=<id>)."""
    if "_link_read" in st.session_state:
        return
    st.session_state["_link_read"] = True
    event_id = st.query_params.get("event")
    if event_id in data.features:
        st.session_state["event"] = event_id


def _picker_options(data: Dataset, shown: pd.DataFrame) -> list[str]:
    """Shown events (the first PICKER_MAX), plus the selected one even when hidden."""
    options = list(shown["id"].iloc[:PICKER_MAX])
    current = st.session_state.get("event")
    if current in data.features and current not in options:
        options.insert(0, current)
    return options


def picker_labels(
    data: Dataset, options: list[str], known: dict[str, str] | None = None
) -> dict[str, str]:
    """Each option's title; titles that repeat among the options carry the id too.

    The browser sends the picker's value back as its label, which Streamlit maps to the
    first option with that label: two events titled alike (an imported dataset's
    'State-based conflict in Rushon district, 7 killed') would turn a selection of the
    second into the first on the next rerun."""
    known = known or {}
    titles = {k: known.get(k) or event_title(data, k) for k in options}
    seen = Counter(titles.values())
    return {k: f"{t} · {k}" if seen[t] > 1 else t for k, t in titles.items()}


def event_picker(data: Dataset, shown: pd.DataFrame) -> str | None:
    """The selected event: set by map clicks, table rows, related links or this box.

    The URL keeps the id (?event=<id>) while the box shows titles. Streamlit's own URL
    binding would write the shown title into the link, so the id is synced by hand. The
    selection lives in session state as "event"; the box is drawn from it under a key
    made anew each time the selection is cleared (ui/state.py `select`).
    """
    _event_from_link(data)
    if st.session_state.get("event") not in data.features:
        st.session_state["event"] = None  # e.g. an id from an old link, no longer loaded
    key = picker_key()
    st.session_state[key] = st.session_state.get("event")
    options = _picker_options(data, shown)
    # The shown rows' own titles, read at once (a lookup by id in a million ids, for each
    # of 500 options, cost 30-40 ms a rerun); the selected event's, hidden, by its id.
    head = shown.iloc[:PICKER_MAX]
    known = dict(zip(head["id"].tolist(), head["title"].tolist(), strict=True))
    labels = picker_labels(data, options, known)
    st.selectbox(
        "Selected event",
        options,
        index=None,
        key=key,
        on_change=lambda: select(st.session_state.get(key)),
        # Options are the stable ids; people see titles.
        format_func=labels.__getitem__,
        placeholder="Click a marker, a table row, or type a title",
        help="The URL keeps the selected event, so the view can be shared.",
    )
    selected: str | None = st.session_state.get("event")
    if selected:
        st.query_params["event"] = selected
    elif "event" in st.query_params:
        del st.query_params["event"]
    return selected


def source_panel(panel: Panel | None) -> None:
    """Place the parts of the source panel that geo.view.panel built."""
    if panel is None:
        st.info("Click a marker on the map, or a row in the table, to read its sources.")
        return
    st.button("✕ Close", key="close-panel", on_click=select, args=(None,), type="tertiary")
    st.html(panel.heading)
    if panel.warning:
        st.error(escape_markdown(panel.warning), icon="⚠️")
    if panel.dataset:  # an imported event's source: what its row cites, first in view
        st.html(panel.dataset)
    # The first source's words and their translation come first: what the reader came
    # for, not four scrolls down the panel (the facts link to it); the others follow.
    first, *others = panel.sources or [None]
    if first is not None:
        _source(first)
    st.html(panel.facts)
    st.html(panel.summary)
    for note in panel.disagreements:
        st.html(note)
    for i, link in enumerate(panel.related):
        st.button(
            escape_markdown(link.label),
            key=f"rel-{i}-{link.target_id}",
            on_click=select,
            args=(link.target_id,),
            disabled=not link.loaded,
        )
    for part in others:
        _source(part)


def _source(part: SourcePart) -> None:
    st.html(part.heading)
    st.html(part.original)  # stacked: a full-width line holds 8–12 words
    st.html(part.translation)
    with st.expander("Read the whole article, excerpt highlighted"):
        # An iframe of its own, so a script can scroll it to the highlighted excerpt.
        st.iframe(part.document_page, height=360)


def hidden_selection(
    selected: str | None,
    shown: pd.DataFrame,
    data: Dataset,
    filters: Filters,
    area: str = "",
    near: Near | None = None,
) -> None:
    """Name a selected event that the filters hide, which filters, and a way to show it
    that relaxes only those."""
    if selected is None or (shown["id"] == selected).any():
        return
    title = data.features[selected].properties.title
    row = data.frame[data.frame["id"] == selected]
    keys = hiding_filters(row, filters)
    names = [FILTER_PARTS[key][0] for key in keys]
    if area and in_area(data.frame, row, area).empty:
        keys.append("area")
        names.append(_area_words(area))
    keep = near_mask(row, near, data.areas)
    if keep is not None and not keep.all():
        keys.append("place")
        names.append("the place")
    words = ", ".join(names) or "the filters"
    st.warning(f"The selected event is hidden by {words}: {escape_markdown(title)}")
    st.button(f"Show it (clear {words})", key="unhide", on_click=clear_filters, args=(keys,))


def _area_words(area: str) -> str:
    """'the province Khatlon', 'the district Farkhor (Khatlon)' (from the link: escaped)."""
    kind = "district" if SEP in area else "province"
    return f"the {kind} {escape_markdown(district_label(area))}"
