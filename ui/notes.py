"""The notes above the map (an area's, a place's): one short line with its button beside
it, the whole explanation in the line's help. As a box of three or four lines with its
button under it, a note pushed a phone's map about 220 px down."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator


def note_row(words: str, detail: str, icon: str, key: str) -> DeltaGenerator:
    """The note's short `words` (with `icon`), `detail` (if any) in its help (hover, focus
    or tap the "?"); the row returned, for the note's button to sit beside the words. The
    row's key (`st-key-<key>`) is what app.PAGE_CSS tints as a note."""
    row = st.container(horizontal=True, vertical_alignment="center", gap="small", key=key)
    row.markdown(f"{icon} {words}", help=detail or None, width="content")
    return row
