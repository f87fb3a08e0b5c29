"""The province or district filter in two steps (sidebar): a province, grouped by country
(Tajikistan's first), then, if one likes, one of its districts. The link keeps one value,
as before: `?area=Khatlon` or `?area=Khatlon / Farkhor` (the session's `area`, also set
by a click on an overview bar or a province of the map's modes).

One list of every province of both countries in alphabetical order, then the districts,
showed about seven of its 41 (with UCDP's, 120) entries at a time, the Tajik provinces
scattered among the Afghan ones (Khatlon 20th); a list is drawn a screenful at a time
and only scrolling it showed the rest (the #25 walk: "only 11 provinces before
typing"). Each list is now short enough to read: the five Tajik provinces open it."""

from __future__ import annotations

import streamlit as st

from geo.areas import SEP, area_options
from geo.dataset import Dataset
from geo.view.html import escape_markdown
from geo.view.modes import provinces
from geo.vocab import FOCUS_COUNTRIES
from ui.overview import AREA_KEY

PROVINCE_KEY, DISTRICT_KEY = "area_province", "area_district"
HELP = (
    "Where the event's place says, or, for an imported event whose point cannot tell, "
    "where its dataset codes it (see the overview's note); events placed only in a band, "
    "a side or a country are in no province."
)


def province_countries(options: list[str]) -> dict[str, str]:
    """Every province of the two countries (one with no event placed in it may still
    overlap events placed only in a band or a side) and any other the data names, each
    with its country's name ('' when not known): Tajikistan's first, then Afghanistan's,
    each alphabetical; those of no known country last."""
    shipped = (f["properties"] for f in provinces()["features"])
    named: dict[str, str | None] = {p["name"]: p.get("country") for p in shipped}
    for option in options:
        if SEP not in option:
            named.setdefault(option, None)
    order = list(FOCUS_COUNTRIES)
    rank = {name: order.index(c) if c in order else len(order) for name, c in named.items()}
    return {
        name: FOCUS_COUNTRIES.get(named[name] or "", "")
        for name in sorted(named, key=lambda n: (rank[n], n))
    }


def _chose_province() -> None:
    st.session_state[AREA_KEY] = st.session_state.get(PROVINCE_KEY)


def _chose_district() -> None:
    st.session_state[AREA_KEY] = st.session_state.get(DISTRICT_KEY) or st.session_state.get(
        PROVINCE_KEY
    )


def area_filter(data: Dataset) -> str:
    """The province (then district) filter; the link keeps the choice (?area=Khatlon)."""
    options = area_options(data.frame)
    countries = province_countries(options)
    every = [*countries, *(o for o in options if SEP in o)]
    _read_link(every)
    area = st.session_state.get(AREA_KEY) or ""
    province = area.split(SEP, 1)[0] if area else None
    # The widgets follow the one value (a chart or map click may have set it).
    st.session_state[PROVINCE_KEY] = province
    st.session_state[DISTRICT_KEY] = area if SEP in area else None
    _missing_area_note()
    st.sidebar.selectbox(
        "Province", list(countries), index=None, key=PROVINCE_KEY, on_change=_chose_province,
        format_func=lambda name: f"{name} · {countries[name]}" if countries[name] else name,
        placeholder="Anywhere", help=HELP,
    )  # fmt: skip
    districts = [o for o in options if province and o.startswith(province + SEP)]
    st.sidebar.selectbox(
        "District", districts, index=None, key=DISTRICT_KEY, on_change=_chose_district,
        format_func=lambda area: area.split(SEP, 1)[1], disabled=not districts,
        placeholder=_district_placeholder(province, districts),
    )  # fmt: skip
    if area:
        st.query_params[AREA_KEY] = area
    elif AREA_KEY in st.query_params:
        del st.query_params[AREA_KEY]
    return area


def _district_placeholder(province: str | None, districts: list[str]) -> str:
    if province is None:
        return "Choose a province first"
    if not districts:
        return "No district of it holds an event"
    return f"All of {province} ({len(districts)} districts with events)"


def _read_link(every: list[str]) -> None:
    """The link's area, once a session; one this data does not hold is said (until
    another is chosen) and dropped."""
    if "_area_read" not in st.session_state:
        st.session_state["_area_read"] = True
        st.session_state[AREA_KEY] = st.query_params.get(AREA_KEY)
        if st.session_state[AREA_KEY] not in (None, *every):  # said until one is chosen
            st.session_state["_area_missing"] = st.session_state[AREA_KEY]
    if st.session_state.get(AREA_KEY) not in every:
        st.session_state[AREA_KEY] = None


def _missing_area_note() -> None:
    """The link named a province or district no event of this data is in (an old link, or
    another dataset's): said, while no other is chosen, instead of a silent 'Anywhere'."""
    missing = st.session_state.get("_area_missing")
    if missing and st.session_state.get(AREA_KEY) is None:  # above the map, where one looks
        st.warning(
            f"The link's province or district, “{escape_markdown(str(missing))}”, holds no "
            "event of this atlas: every area is shown."
        )
    elif missing:
        del st.session_state["_area_missing"]
