"""Border Atlas dashboard: a thin Streamlit view over `geo/` (widgets and layout only)."""

from __future__ import annotations

from pathlib import Path

import folium
import pandas as pd
import streamlit as st
import streamlit_folium
from streamlit.runtime.state.session_state_proxy import get_session_state

from geo import export, settings, urlstate
from geo.dataset import Dataset, fingerprint, load_dataset, table_frame
from geo.filters import (
    Filters,
    all_actors,
    apply_filters,
    date_extent,
    date_presets,
    without_dates,
)
from geo.model import ReferenceKind
from geo.view import about, charts, density
from geo.view import map as mapview
from geo.view import problems as problems_view
from geo.view.html import escape_markdown
from geo.view.panel import Panel, build_panel
from geo.view.words import STATUS_WORDS

# Above this many events markers go on one canvas (SVG would cost a DOM node each).
CANVAS_ABOVE = 2000
# Above this many events the server counts them per cell and draws single markers only
# for views that hold few enough (geo/view/density.py); the map then reports its view.
BIG_DATA = 3000
MAP_HEIGHT = 540
SELECTED_ZOOM = 8
# Compact page: the map and the panel fill the first screen at 1280x720.
PAGE_CSS = """<style>
.block-container{padding:2.6rem 1.2rem 1rem 1.2rem}
h1{font-size:1.35rem !important;padding:0 0 .2rem 0 !important}
.atlas-count{margin:.1rem 0 .3rem 0}
@media (max-width: 640px){
  /* Phones: the map comes first; a tapped event's panel opens over it as a sheet. */
  [class*="st-key-panel-"]:not(.st-key-panel-none){position:fixed;left:0;right:0;bottom:0;
    height:58vh !important;z-index:1000;background:#fff;border-radius:12px 12px 0 0;
    box-shadow:0 -4px 16px rgba(0,0,0,.25);padding:0 .6rem}
}
</style>"""
TABLE_PAGE = 500
PICKER_MAX = 500
TABLE_COLUMNS = [
    "title",
    "date_start",
    "date_end",
    "date_precision",
    "event_type",
    "place",
    "geo_precision",
    "border_km",
    "border_side",
    "status",
    "fatalities",
    "layer",
]


# cache_resource hands every session the same Dataset (cache_data would unpickle a copy
# on every rerun); the Dataset is never mutated. max_entries=1: an edit of a file keeps
# only the new copy alive.
@st.cache_resource(show_spinner="Loading layers …", max_entries=1)
def _load(layers_dir: str, seeds_dir: str, files_fingerprint: tuple) -> Dataset:
    # files_fingerprint (names and content hashes) is part of the cache key, so editing
    # a layer or seed gives a fresh load, even one that keeps the size and mtime. No
    # leading underscore: Streamlit would skip hashing it.
    return load_dataset(Path(layers_dir), Path(seeds_dir))


# --- selection: one path. Map clicks, table rows and related links all call _select,
# in a callback, so the picker and the URL show the new event in the same rerun.


def _select(event_id: str | None) -> None:
    st.session_state["event"] = event_id


def _on_map_change() -> None:
    out = st.session_state.get("map") or {}
    count = out.get("last_object_clicked_count")
    if count == st.session_state.get("_click_count"):
        return  # a pan or zoom (big layers return the view too), not a new click
    st.session_state["_click_count"] = count
    drawing = out.get("last_active_drawing") or {}
    event_id = (drawing.get("properties") or {}).get("id")
    if event_id:
        _select(event_id)


def _on_table_select(ids: list[str]) -> None:
    rows = st.session_state["table"].selection.rows
    if rows:
        _select(ids[rows[0]])


def show_problems(data: Dataset) -> None:
    """One warning per file with problems (a few files at most), then one line for the rest."""
    groups, rest = problems_view.group_problems(data.problems)
    for group in groups:
        st.warning(
            f"File {escape_markdown(group.file)} has {group.summary}; "
            "the affected features are left out, everything else is shown."
        )
        with st.expander(f"Problems in {escape_markdown(group.file)}"):
            st.text("\n".join(group.lines))
    if rest:
        st.warning(escape_markdown(rest))


def clean_url(data: Dataset) -> None:
    """Drop every query parameter its widget could not take, before any widget reads it.

    A crafted link (`?near_km=inf`) would otherwise crash Streamlit's own URL binding;
    each ignored part is named in one short note and its filter shows its default.
    """
    raw = {key: st.query_params.get_all(key) for key in st.query_params}
    clean, notes = urlstate.sanitise(raw, urlstate.atlas_spec(data))
    if clean != raw:
        for key in raw:
            if key not in clean:
                del st.query_params[key]
            elif clean[key] != raw[key]:
                st.query_params[key] = clean[key]
        # Bound widgets seed from the URL as first received, not from st.query_params:
        # hand them the cleaned one (Streamlit's call after a page change; no public API).
        with get_session_state().query_params() as params:
            params.set_initial_query_params_from_current()
    if notes:
        # Kept for the session: the map's first report reruns the page with the clean URL.
        st.session_state["url_notes"] = urlstate.summary(notes)
    if st.session_state.get("url_notes"):
        st.info(escape_markdown(st.session_state["url_notes"]), icon="🔗")


def _set_dates(value: tuple) -> None:
    st.session_state["dates"] = value
    st.session_state["undated"] = False  # a date range asked for: undated events leave


def _on_timeline_select() -> None:
    brush = (st.session_state["timeline"].selection or {}).get("brush") or {}
    span = brush.get("start") or next(iter(brush.values()), None)
    if span and len(span) == 2:
        days = [pd.to_datetime(v, unit="ms").date() for v in span]
        _set_dates((min(days), max(days)))


def _date_filters(frame: pd.DataFrame) -> dict:
    sb = st.sidebar
    extent = date_extent(frame)
    date_from = date_to = None
    if extent:
        sb.caption("Quick ranges (back from the newest event):")
        row = sb.container(horizontal=True, gap="small")
        for label, span in date_presets(extent).items():
            row.button(label, key=f"preset-{label}", on_click=_set_dates, args=(span,))
        chosen = sb.date_input(
            "Date range",
            value=extent,
            min_value=extent[0],
            max_value=extent[1],
            format="YYYY-MM-DD",
            key="dates",
            bind="query-params",
            help="Type dates, pick them, use a quick range, or drag across the timeline.",
        )
        picked = tuple(chosen) if isinstance(chosen, tuple | list) else (chosen,)
        date_from, date_to = (*picked, None, None)[:2]  # a half-picked range: open end
    undated = sb.checkbox(
        "Also show undated events",
        value=True,
        key="undated",
        bind="query-params",
        help="Sites and reports the sources give no date for; counted apart above the map.",
    )
    return {"date_from": date_from, "date_to": date_to, "include_undated": undated}


def _choice_filters(data: Dataset) -> dict:
    sb, frame = st.sidebar, data.frame
    actors = sb.multiselect(
        "Actors", all_actors(frame), key="actors", bind="query-params", placeholder="All actors"
    )
    types = sb.multiselect(
        "Event types",
        sorted(frame["event_type"].unique()),
        key="types",
        bind="query-params",
        placeholder="All event types",
    )
    statuses = sb.multiselect(
        "Status", list(STATUS_WORDS), key="status", bind="query-params", placeholder="Any status"
    )
    titles = {layer.name: layer.title for layer in data.layers}
    layers = sb.multiselect(
        "Layers",
        list(titles),
        key="layers",
        bind="query-params",
        placeholder="All layers",
        help=escape_markdown("Layer files: " + "; ".join(f"{n} = {t}" for n, t in titles.items())),
    )
    return {
        "actors": frozenset(actors),
        "event_types": frozenset(types),
        "statuses": frozenset(statuses),
        "layers": frozenset(layers),
    }


def sidebar_filters(data: Dataset) -> Filters:
    """The filter widgets; every one is mirrored in the URL."""
    sb = st.sidebar
    sb.header("Filters")
    text = sb.text_input(
        "Search",
        key="q",
        bind="query-params",
        live=True,  # filter as you type (after a short pause)
        max_chars=urlstate.MAX_TEXT,
        placeholder="e.g. Khorog, خروغ, Хорог, gold mine",
        help="Titles, places, actors and the sources' own words, in any "
        "language; Arabic/Persian letter forms and digits are folded.",
    )
    dates = _date_filters(data.frame)
    choices = _choice_filters(data)
    near = sb.number_input(
        "Within … km of the border",
        min_value=0,
        max_value=urlstate.MAX_KM,
        value=None,
        step=5,
        key="near_km",
        bind="query-params",
        placeholder="any distance",
        help="Geodesic distance to the Tajikistan–Afghanistan border line (1:10m).",
    )
    return Filters(
        **dates,
        **choices,
        max_border_km=None if near is None else float(near),
        text=text or "",
    )


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


def event_picker(data: Dataset, shown: pd.DataFrame) -> str | None:
    """The selected event: set by map clicks, table rows, related links or this box.

    The URL keeps the id (?event=<id>) while the box shows titles. Streamlit's own URL
    binding would write the shown title into the link, so the id is synced by hand.
    """
    _event_from_link(data)
    if st.session_state.get("event") not in data.features:
        st.session_state.pop("event", None)  # e.g. an id from an old link, no longer loaded
    selected = st.selectbox(
        "Selected event",
        _picker_options(data, shown),
        index=None,
        key="event",
        # Options are the stable ids; people see titles.
        format_func=lambda event_id: data.features[event_id].properties.title,
        placeholder="Click a marker, a table row, or type a title",
        help="The URL keeps the selected event, so the view can be shared.",
    )
    if selected:
        st.query_params["event"] = selected
    elif "event" in st.query_params:
        del st.query_params["event"]
    return selected


def _map_view(data: Dataset, selected: str | None) -> tuple[list[float], int]:
    """Where the map looks: the selected event when it changes, else the last view."""
    view = st.session_state.get("_view") or (list(mapview.CENTER_LAT_LON), mapview.DEFAULT_ZOOM)
    if selected and selected != st.session_state.get("_view_of") and selected in data.features:
        lon, lat = data.features[selected].geometry.coordinates[:2]
        view = (mapview.to_folium(lon, lat), SELECTED_ZOOM)
    st.session_state["_view_of"] = selected
    st.session_state["_view"] = view
    return view


def _fit(shown: pd.DataFrame) -> None:
    st.session_state["_view"] = mapview.fit_view(shown)


def _events_layer(data: Dataset, shown: pd.DataFrame, big: bool) -> folium.FeatureGroup:
    """Markers for the shown events; for big layers only what the view needs."""
    names = [layer.name for layer in data.layers]
    if not big:
        return mapview.events_group(shown, names)
    view = st.session_state.get("map") or {}
    zoom = view.get("zoom") or st.session_state.get("_view", (None, mapview.DEFAULT_ZOOM))[1]
    visible = shown[density.in_view(shown, density.bounds_of(view.get("bounds")))]
    if len(visible) <= density.MARKERS_MAX:
        return mapview.events_group(visible, names)
    return mapview.grid_group(visible, int(zoom))


def draw_map(data: Dataset, shown: pd.DataFrame, selected: str | None, tiles: str | None) -> None:
    canvas = len(data.frame) > CANVAS_ABOVE
    towns = [p for p in data.places.values() if p.kind == "city"]
    m = mapview.base_map(
        tiles,
        data.references,
        canvas=canvas,
        towns=towns,
        layer_titles=[layer.title for layer in data.layers],
    )
    big = len(data.frame) > BIG_DATA
    groups = [_events_layer(data, shown, big)]
    row = shown.loc[shown["id"] == selected].iloc[0] if selected in set(shown["id"]) else None
    area_key = row["area_key"] if row is not None else None
    groups.append(mapview.selection_group(row, data.areas.get(area_key)))
    centre, zoom = _map_view(data, selected)
    streamlit_folium.st_folium(
        m,
        key="map",
        height=MAP_HEIGHT,
        use_container_width=True,
        center=tuple(centre),
        zoom=zoom,
        feature_group_to_add=groups,
        layer_control=folium.LayerControl(collapsed=True) if tiles else None,
        returned_objects=["last_active_drawing", "last_object_clicked_count"]
        + (["zoom", "bounds"] if big else []),
        on_change=_on_map_change,
    )


def source_panel(panel: Panel | None) -> None:
    """Place the parts of the source panel that geo.view.panel built."""
    if panel is None:
        st.info("Click a marker on the map, or a row in the table, to read its sources.")
        return
    st.button("✕ Close", key="close-panel", on_click=_select, args=(None,), type="tertiary")
    st.html(panel.heading)
    if panel.warning:
        st.error(escape_markdown(panel.warning), icon="⚠️")
    st.html(panel.facts)
    st.html(panel.summary)
    for note in panel.disagreements:
        st.html(note)
    for i, link in enumerate(panel.related):
        st.button(
            escape_markdown(link.label),
            key=f"rel-{i}-{link.target_id}",
            on_click=_select,
            args=(link.target_id,),
            disabled=not link.loaded,
        )
    for part in panel.sources:
        st.html(part.heading)
        st.html(part.original)  # stacked: a full-width line holds 8–12 words
        st.html(part.translation)
        with st.expander("Read the whole article, excerpt highlighted"):
            # An iframe of its own, so a script can scroll it to the highlighted excerpt.
            st.iframe(part.document_page, height=360)


def _table_page(shown: pd.DataFrame) -> pd.DataFrame:
    """The rows of the table's current page (big layers are never sent whole)."""
    pages = max(1, -(-len(shown) // TABLE_PAGE))
    if pages == 1:
        return shown
    page = st.number_input(
        f"Page (of {pages:,}, {TABLE_PAGE} events each)",
        min_value=1,
        max_value=pages,
        value=1,
        step=1,
        key="table_page",
    )
    start = (int(page) - 1) * TABLE_PAGE
    return shown.iloc[start : start + TABLE_PAGE]


def table_and_exports(data: Dataset, shown: pd.DataFrame) -> None:
    st.subheader("Events")
    rows = _table_page(shown)
    ids = list(rows["id"])
    st.dataframe(
        table_frame(rows, TABLE_COLUMNS),
        key="table",
        on_select=lambda: _on_table_select(ids),
        selection_mode="single-row",
        hide_index=True,
        width="stretch",
    )
    every_id = list(shown["id"])  # exports hold every shown event, not just this page
    features = [data.features[i] for i in every_id]
    left, right = st.columns(2)
    # Callables: the files are built when asked for, not on every rerun.
    left.download_button(
        "Download GeoJSON",
        lambda: export.to_geojson(features),
        file_name="border-atlas-events.geojson",
        mime="application/geo+json",
    )
    right.download_button(
        "Download CSV (ACLED columns)",
        lambda: export.to_acled_csv(features),
        file_name="border-atlas-events.csv",
        mime="text/csv",
    )


def about_the_data(data: Dataset) -> None:
    st.subheader("About the data")
    st.markdown(
        f"Events are curated by hand from {escape_markdown(about.sources_in_words(data.manifest))} "
        "in `seeds/`; every marker quotes its source at exact character offsets. Dates and "
        "places carry their precision: nothing is dated or placed more exactly than a source "
        "states."
    )
    rows = about.length_rows(data.features, data.references.get(ReferenceKind.BORDER))
    st.markdown(
        "**How long is the Tajikistan–Afghanistan border?** The sources disagree, "
        "and the map's line is shorter still:"
    )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    stated = about.stated_range_words(data.features)
    st.caption(
        f"Why they differ: published figures ({escape_markdown(stated or 'none loaded')}) "
        "follow the Panj river's every bend; a 1:10m map line is generalised and cuts those "
        "bends, so it measures less. Boundaries: Natural Earth 1:10m (public domain)."
    )


def _hidden_selection(selected: str | None, shown: pd.DataFrame, data: Dataset) -> None:
    """Name a selected event that the filters hide, with a way to show it."""
    if selected is None or selected in set(shown["id"]):
        return
    title = data.features[selected].properties.title
    st.warning(f"The selected event is hidden by the filters: {escape_markdown(title)}")
    st.button("Show all events", key="unhide", on_click=_clear_filters)


# Every filter widget's key and its "show everything" value.
FILTER_DEFAULTS = {"q": "", "actors": [], "types": [], "status": [], "layers": [], "near_km": None}


def _clear_filters() -> None:
    # Set, not pop: a widget bound to the URL would take its value back from the link.
    for key, value in FILTER_DEFAULTS.items():
        st.session_state[key] = value
    if st.session_state.get("_extent"):
        st.session_state["dates"] = st.session_state["_extent"]
    st.session_state["undated"] = True


def _counts(shown: pd.DataFrame, total: int) -> str:
    undated = int(shown["undated"].sum())
    return f"**{len(shown) - undated} dated** and **{undated} undated** events shown of {total}"


def timeline(data: Dataset, filters: Filters) -> None:
    """Every event the other filters keep, over all dates; drag across it to set the range."""
    st.subheader("Timeline")
    span = apply_filters(data.frame, without_dates(filters))
    if span.empty:
        st.info("No dated events match the filters.")
        return
    st.caption("Drag across the timeline to show only that period.")
    st.altair_chart(
        charts.timeline_chart(span, (filters.date_from, filters.date_to)),
        width="stretch",
        key="timeline",
        on_select=_on_timeline_select,
        selection_mode="brush",
    )


def main() -> None:
    st.set_page_config(page_title="Border Atlas — Tajikistan–Afghanistan border", layout="wide")
    st.html(PAGE_CSS)
    st.title("Border Atlas: security events on the Tajikistan–Afghanistan border")
    env = settings.from_env()
    files = fingerprint(env.layers_dir, env.seeds_dir)
    data = _load(str(env.layers_dir), str(env.seeds_dir), files)
    st.session_state["_extent"] = date_extent(data.frame)
    clean_url(data)
    show_problems(data)
    filters = sidebar_filters(data)
    shown = apply_filters(data.frame, filters)
    map_col, panel_col = st.columns([3, 2], gap="small")
    with panel_col:
        selected = event_picker(data, shown)
        _hidden_selection(selected, shown, data)
        # A new key per event: the panel opens scrolled to its top.
        with st.container(height=MAP_HEIGHT - 60, key=f"panel-{selected or 'none'}"):
            source_panel(build_panel(selected, data) if selected else None)
    with map_col:
        head = st.container(horizontal=True, vertical_alignment="center")
        head.markdown(_counts(shown, len(data.frame)))
        head.button("Fit map to shown events", key="fit", on_click=_fit, args=(shown,))
        draw_map(data, shown, selected, env.tiles)
    timeline(data, filters)
    table_and_exports(data, shown)
    about_the_data(data)


main()
