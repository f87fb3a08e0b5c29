"""Near a place (sidebar): events within N km of a town or district, in any spelling the
gazetteer knows, and a note above the map on the events placed only in areas that include
it (built by geo/view/places.py). The link keeps it: ?place=farkhor&place_km=30."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from geo.dataset import Dataset
from geo.view import places as pl
from geo.view.fit import Circle
from geo.view.html import escape_markdown
from geo.view.overview import positions
from ui.notes import note_row
from ui.state import ask_fit

KEYS = ("place", "place_km", "place_areas")
MAX_KM = 500


@dataclass(frozen=True)
class PlaceNote:
    """What the note above the map says: the place, the radius, how many events lie
    within it and how many only in areas that include it, and whether those are shown."""

    name: str
    km: float
    inside: int
    area_only: int
    with_areas: bool


def _from_link() -> None:
    """On a page's first run, take the place, radius and toggle from the link."""
    if "_place_read" in st.session_state:
        return
    st.session_state["_place_read"] = True
    st.session_state["place"] = st.query_params.get("place")
    km = st.query_params.get("place_km")
    st.session_state["place_km"] = float(km) if km else float(pl.DEFAULT_KM)
    st.session_state["place_areas"] = st.query_params.get("place_areas") == "true"
    if st.session_state["place"]:
        ask_fit()  # a link near a place opens on the place


def _to_link(near: pl.Near | None) -> None:
    values = {}
    if near is not None:
        values = {"place": near.place_id, "place_km": f"{near.km:g}"}
        values |= {"place_areas": "true"} if near.with_areas else {}
    for key in KEYS:
        if key in values:
            st.query_params[key] = values[key]
        elif key in st.query_params:
            del st.query_params[key]


def place_filter(data: Dataset) -> pl.Near | None:
    """The place picker and its radius; None when no place is chosen."""
    _from_link()
    options = pl.place_options()
    if st.session_state.get("place") not in options:
        st.session_state["place"] = None
    sb = st.sidebar
    chosen = sb.selectbox(
        "Near a place",
        list(options),
        key="place",
        index=None,
        format_func=options.__getitem__,
        on_change=ask_fit,
        placeholder="e.g. Farkhor, فرخور, Хорог",
        help="A town or district of the gazetteer, typed in any spelling it knows.",
    )
    near = None
    if chosen:
        st.session_state.setdefault("place_km", float(pl.DEFAULT_KM))  # kept while hidden
        km = sb.number_input(
            "Within … km",
            0.0,
            float(MAX_KM),
            step=5.0,
            key="place_km",
            on_change=ask_fit,
            format="%g",  # "30", not "30.00"
        )
        areas = sb.checkbox(
            "Also events placed only in areas that include it",
            key="place_areas",
            on_change=ask_fit,
            help="Events placed only in a border band, on one side or in a country (or in "
            "a circle of uncertainty reaching the radius): they may or may not be near.",
        )
        near = pl.Near(chosen, float(km), bool(areas))
    _to_link(near)
    return near


def near_rows(
    data: Dataset, shown: pd.DataFrame, near: pl.Near | None
) -> tuple[pd.DataFrame, PlaceNote | None]:
    """The shown rows near the place, and what the note above the map says of them."""
    if near is None or near.place_id not in pl.load_places():
        return shown, None
    inside, area_only = pl.near_masks(data.frame, near, data.areas)
    at = positions(data.frame, shown)
    inside, area_only = inside[at], area_only[at]
    keep = inside | area_only if near.with_areas else inside
    note = PlaceNote(
        pl.place_name(near.place_id),
        near.km,
        int(inside.sum()),
        int(area_only.sum()),
        near.with_areas,
    )
    return shown[keep], note


def _set_areas(value: bool) -> None:
    st.session_state["place_areas"] = value
    ask_fit()


def near_circle(near: pl.Near | None) -> Circle | None:
    """The place's circle on the map: where it is, the radius asked for, its name."""
    place = pl.load_places().get(near.place_id) if near is not None else None
    if near is None or place is None:
        return None
    return Circle(place.lat, place.lon, near.km, pl.place_name(near.place_id))


def place_note(note: PlaceNote | None) -> None:
    """How many events lie within the radius, and the ones only in areas that include
    the place (the whole count in the line's help), with a button to show them or leave
    them out."""
    if note is None:
        return
    name = escape_markdown(note.name)
    text = f"{note.inside:,} events lie within {note.km:g} km of {name}"
    if not note.inside:
        text = f"No event is placed within {note.km:g} km of {name}"
    short, detail = text, ""  # the line says it all
    if note.area_only:
        also = "shown too" if note.with_areas else "not shown"
        short += f"; {note.area_only:,} more, {also}, only in wider areas"
        detail = (
            f"{text}; {note.area_only:,} more, {also}, are placed only in areas that include "
            "it (a border band, one side, a country, or a circle reaching it)."
        )
    row = note_row(short, detail, ":material/place:", "place-note")
    if note.area_only:
        label = "Leave those out" if note.with_areas else f"Show those {note.area_only:,} too"
        row.button(
            label, key="place-areas-toggle", on_click=_set_areas, args=(not note.with_areas,)
        )


def _look_near(place_id: str) -> None:
    st.session_state["place"] = place_id
    st.session_state["q"] = ""


def search_hint(text: str, shown: pd.DataFrame) -> None:
    """A search that finds nothing but names a place: offer the events near it."""
    if not text.strip() or len(shown):
        return
    for place_id in pl.places_named(text):
        name = escape_markdown(pl.place_name(place_id))
        st.info(f"No event's words name “{escape_markdown(text)}”, but {name} is a place.")
        st.button(
            f"Show events near {name}",
            key=f"look-near-{place_id}",
            on_click=_look_near,
            args=(place_id,),
        )
