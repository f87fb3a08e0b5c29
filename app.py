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
from geo.filters import Filters, all_actors, apply_filters, date_extent
from geo.model import ReferenceKind
from geo.view import about, charts
from geo.view import map as mapview
from geo.view import problems as problems_view
from geo.view.html import escape_markdown
from geo.view.panel import Panel, build_panel
from geo.view.words import STATUS_WORDS

# Above this many events markers go on one canvas (SVG would cost a DOM node each).
CANVAS_ABOVE = 2000
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


def _select(event_id: str) -> None:
    st.session_state["event"] = event_id


def _on_map_change() -> None:
    out = st.session_state.get("map") or {}
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


def _date_filters(frame: pd.DataFrame) -> dict:
    sb = st.sidebar
    extent = date_extent(frame)
    date_from = date_to = None
    if extent:
        date_from, date_to = sb.slider(
            "Date range",
            min_value=extent[0],
            max_value=extent[1],
            value=extent,
            format="YYYY-MM-DD",
            key="dates",
            bind="query-params",
        )
    undated = sb.checkbox(
        "Include undated events",
        value=True,
        key="undated",
        bind="query-params",
        help="Sites and reports the sources give no date for.",
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


def event_picker(data: Dataset) -> str | None:
    """The selected event: set by map clicks, table rows, related links or this box."""
    if st.session_state.get("event") not in data.features:
        st.session_state.pop("event", None)  # e.g. an id from an old link, no longer loaded
    return st.selectbox(
        "Selected event",
        list(data.features),
        index=None,
        key="event",
        bind="query-params",
        # Options are the stable ids (no format_func): the URL then reads ?event=<id>.
        placeholder="Click a marker or a table row",
        help="Event id; the URL keeps it, so the view can be shared.",
    )


def draw_map(data: Dataset, shown: pd.DataFrame, selected: str | None, tiles: str | None) -> None:
    canvas = len(data.frame) > CANVAS_ABOVE
    m = mapview.base_map(tiles, data.references, canvas=canvas)
    layer_order = [(layer.name, layer.title) for layer in data.layers]
    groups = mapview.event_groups(shown, layer_order)
    row = shown.loc[shown["id"] == selected].iloc[0] if selected in set(shown["id"]) else None
    area_key = row["area_key"] if row is not None else None
    groups.append(mapview.selection_group(row, data.areas.get(area_key)))
    streamlit_folium.st_folium(
        m,
        key="map",
        height=600,
        use_container_width=True,
        feature_group_to_add=groups,
        layer_control=folium.LayerControl(collapsed=True),
        returned_objects=["last_active_drawing", "last_object_clicked_count"],
        on_change=_on_map_change,
    )
    st.html(mapview.legend_html())


def source_panel(panel: Panel | None) -> None:
    """Place the parts of the source panel that geo.view.panel built."""
    if panel is None:
        st.info("Click a marker on the map, or a row in the table, to read its sources.")
        return
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
        left, right = st.columns(2)
        left.html(part.original)
        right.html(part.translation)
        with st.expander("Read the whole article, excerpt highlighted"):
            st.html(part.document)


def table_and_exports(data: Dataset, shown: pd.DataFrame) -> None:
    st.subheader("Events")
    ids = list(shown["id"])
    st.dataframe(
        table_frame(shown, TABLE_COLUMNS),
        key="table",
        on_select=lambda: _on_table_select(ids),
        selection_mode="single-row",
        hide_index=True,
        width="stretch",
    )
    features = [data.features[i] for i in ids]
    left, right = st.columns(2)
    left.download_button(
        "Download GeoJSON",
        export.to_geojson(features),
        file_name="border-atlas-events.geojson",
        mime="application/geo+json",
    )
    right.download_button(
        "Download CSV (ACLED-like)",
        export.to_acled_csv(features),
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


def main() -> None:
    st.set_page_config(page_title="Border Atlas — Tajikistan–Afghanistan border", layout="wide")
    st.title("Border Atlas: security events on the Tajikistan–Afghanistan border")
    st.caption(
        "Every marker quotes the article that reports it. Hollow, dashed markers are "
        "denied or retracted reports; shaded circles show how vague a place is."
    )
    env = settings.from_env()
    files = fingerprint(env.layers_dir, env.seeds_dir)
    data = _load(str(env.layers_dir), str(env.seeds_dir), files)
    clean_url(data)
    show_problems(data)
    filters = sidebar_filters(data)
    shown = apply_filters(data.frame, filters)
    map_col, panel_col = st.columns([3, 2])
    with panel_col:
        selected = event_picker(data)
        source_panel(build_panel(selected, data) if selected else None)
    with map_col:
        st.markdown(f"**{len(shown)} of {len(data.frame)} events shown**")
        draw_map(data, shown, selected, env.tiles)
    st.subheader("Timeline")
    if shown["undated"].all():
        st.info("No dated events match the filters.")
    else:
        st.altair_chart(charts.timeline_chart(shown), width="stretch")
    table_and_exports(data, shown)
    about_the_data(data)


main()
