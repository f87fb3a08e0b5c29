"""Border Atlas dashboard: a thin Streamlit view over `geo/`."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import folium
import pandas as pd
import streamlit as st
import streamlit_folium

from geo import about, charts, export, mapview, panel
from geo.dataset import (
    Dataset,
    fingerprint,
    layers_dir_from_env,
    load_dataset,
    seeds_dir_from_env,
    table_frame,
)
from geo.describe import STATUS_WORDS
from geo.filters import Filters, all_actors, apply_filters, date_extent
from geo.html import escape_markdown, tag

ROOT = Path(__file__).resolve().parent
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


@st.cache_data(show_spinner="Loading layers …")
def _load(layers_dir: str, seeds_dir: str, files_fingerprint: tuple) -> Dataset:
    # files_fingerprint (names, sizes, mtimes) is part of the cache key, so editing a
    # layer or seed gives a fresh load. No leading underscore: Streamlit would skip
    # hashing it.
    return load_dataset(Path(layers_dir), Path(seeds_dir))


def _select(event_id: str) -> None:
    st.session_state["event"] = event_id


def _clicked(out: dict | None) -> tuple[object, str | None]:
    """Return (click count, clicked event id) from the map component's value."""
    out = out or {}
    drawing = out.get("last_active_drawing") or {}
    return out.get("last_object_clicked_count"), (drawing.get("properties") or {}).get("id")


def _on_map_change() -> None:
    # Runs before the rerun a click causes, so the picker (and the URL) update at once.
    count, event_id = _clicked(st.session_state.get("map"))
    if count is not None and event_id:
        st.session_state["_handled_click"] = count
        _select(event_id)


def _take_map_click(out: dict | None) -> None:
    """Select the event of a new map click; rerun so every widget shows it."""
    count, event_id = _clicked(out)
    if count is None or count == st.session_state.get("_handled_click"):
        return  # the component repeats its last value on every rerun: act once per click
    st.session_state["_handled_click"] = count
    if event_id and event_id != st.session_state.get("event"):
        # The picker widget already ran this time: hand the id to the next run.
        st.session_state["pending_event"] = event_id
        st.rerun()


def _on_table_select(ids: list[str]) -> None:
    rows = st.session_state["table"].selection.rows
    if rows:
        _select(ids[rows[0]])


def show_problems(data: Dataset) -> None:
    """One warning per broken layer file, naming the file and each problem."""
    by_file: dict[str, list] = {}
    for problem in data.problems:
        by_file.setdefault(problem.file, []).append(problem)
    for file, problems in by_file.items():
        st.warning(
            f"Layer file {escape_markdown(file)} has {len(problems)} problem(s); "
            "the affected features are left out, everything else is shown."
        )
        with st.expander(f"Problems in {escape_markdown(file)}"):
            st.text("\n".join(str(p) for p in problems))


def sidebar_filters(data: Dataset) -> Filters:
    """The filter widgets; every one is mirrored in the URL."""
    frame = data.frame
    sb = st.sidebar
    sb.header("Filters")
    text = sb.text_input(
        "Search",
        key="q",
        bind="query-params",
        placeholder="e.g. Khorog, خروغ, Хорог, gold mine",
        help="Titles, places, actors and the sources' own words, in any "
        "language; Arabic/Persian letter forms and digits are folded.",
    )
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
        help="Layer files: " + "; ".join(f"{n} = {t}" for n, t in titles.items()),
    )
    near = sb.number_input(
        "Within … km of the border",
        min_value=0,
        value=None,
        step=5,
        key="near_km",
        bind="query-params",
        placeholder="any distance",
        help="Geodesic distance to the Tajikistan–Afghanistan border line (1:10m).",
    )
    return Filters(
        date_from,
        date_to,
        undated,
        frozenset(actors),
        frozenset(types),
        frozenset(statuses),
        frozenset(layers),
        None if near is None else float(near),
        text or "",
    )


def event_picker(data: Dataset) -> str | None:
    """The selected event: set by map clicks, table rows, related links or this box."""
    if "pending_event" in st.session_state:
        st.session_state["event"] = st.session_state.pop("pending_event")
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


def draw_map(data: Dataset, shown: pd.DataFrame, selected: str | None) -> None:
    canvas = len(data.frame) > CANVAS_ABOVE
    m = mapview.base_map(mapview.tiles_setting(), data.references, canvas=canvas)
    layer_order = [(layer.name, layer.title) for layer in data.layers]
    groups = mapview.event_groups(shown, layer_order)
    row = shown.loc[shown["id"] == selected].iloc[0] if selected in set(shown["id"]) else None
    area_key = row["area_key"] if row is not None else None
    groups.append(mapview.selection_group(row, data.areas.get(area_key)))
    out = streamlit_folium.st_folium(
        m,
        key="map",
        height=600,
        use_container_width=True,
        feature_group_to_add=groups,
        layer_control=folium.LayerControl(collapsed=True),
        returned_objects=["last_active_drawing", "last_object_clicked_count"],
        on_change=_on_map_change,
    )
    _take_map_click(out)
    st.html(mapview.legend_html())


def source_panel(data: Dataset, event_id: str | None) -> None:
    if event_id is None:
        st.info("Click a marker on the map, or a row in the table, to read its sources.")
        return
    feat = data.features[event_id]
    p = feat.properties
    st.html(tag("h3", p.title, dir="auto"))
    if p.status in ("retracted", "denied", "disputed"):
        st.error(escape_markdown(STATUS_WORDS[str(p.status)]), icon="⚠️")
    st.html(panel.PANEL_CSS + panel.facts_table(feat, data.layer_title(event_id)))
    st.html(tag("p", p.summary, dir="auto"))
    for note in p.disagreements:
        st.html(panel.disagreement(note))
    related_links(data, feat)
    for index, src in enumerate(p.sources):
        source_block(data, index, src)


def related_links(data: Dataset, feat) -> None:
    for i, rel in enumerate(feat.properties.related):
        target = data.features.get(rel.id)
        title = target.properties.title if target else f"{rel.id} (not loaded)"
        st.button(
            escape_markdown(panel.relation_label(str(rel.relation), title)),
            key=f"rel-{i}-{rel.id}",
            on_click=_select,
            args=(rel.id,),
            disabled=target is None,
        )


def source_block(data: Dataset, index: int, src) -> None:
    info = data.manifest.get(src.doc)
    st.html(tag("h5", panel.source_heading(index, src, info)))
    original, translation = panel.excerpt_pair(src)
    left, right = st.columns(2)
    left.html(panel.PANEL_CSS + original)
    right.html(translation)
    with st.expander("Read the whole article, excerpt highlighted"):
        st.html(panel.whole_document(data.seeds[src.doc], src))


def table_and_exports(data: Dataset, shown: pd.DataFrame) -> None:
    st.subheader("Events")
    ids = list(shown["id"])
    st.dataframe(
        table_frame(shown, TABLE_COLUMNS),
        key="table",
        on_select=partial(_on_table_select, ids),
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
        "Events are curated by hand from five news articles (Dari and Arabic) in `seeds/`; "
        "every marker quotes its source at exact character offsets. Dates and places carry "
        "their precision: nothing is dated or placed more exactly than a source states."
    )
    stated = about.stated_border_lengths(data.features)
    border = data.references.get("border")
    rows = [
        {
            "length": s.as_written,
            "according to": f"{s.doc} (feature {s.feature_id})",
            "source words": s.excerpt,
        }
        for s in stated
    ]
    if border:
        measured = about.measured_length_km(border)
        rows.append(
            {
                "length": f"{measured:,.0f} km",
                "according to": "measured on the shipped Natural Earth 1:10m line "
                "(geodesic, WGS84)",
                "source words": "",
            }
        )
    st.markdown(
        "**How long is the Tajikistan–Afghanistan border?** The sources disagree, "
        "and the map's line is shorter still:"
    )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.caption(
        "Why they differ: published figures (1,344–1,357 km) follow the Panj river's every "
        "bend; a 1:10m map line is generalised and cuts those bends, so it measures less. "
        "Boundaries: Natural Earth 1:10m (public domain)."
    )


def main() -> None:
    st.set_page_config(page_title="Border Atlas — Tajikistan–Afghanistan border", layout="wide")
    st.title("Border Atlas: security events on the Tajikistan–Afghanistan border")
    st.caption(
        "Every marker quotes the article that reports it. Hollow, dashed markers are "
        "denied or retracted reports; shaded circles show how vague a place is."
    )
    layers_dir = layers_dir_from_env(ROOT / "layers")
    seeds_dir = seeds_dir_from_env()
    data = _load(str(layers_dir), str(seeds_dir), fingerprint(layers_dir, seeds_dir))
    show_problems(data)
    filters = sidebar_filters(data)
    shown = apply_filters(data.frame, filters)
    map_col, panel_col = st.columns([3, 2])
    with panel_col:
        selected = event_picker(data)
        source_panel(data, selected)
    with map_col:
        st.markdown(f"**{len(shown)} of {len(data.frame)} events shown**")
        draw_map(data, shown, selected)
    st.subheader("Timeline")
    if shown["undated"].all():
        st.info("No dated events match the filters.")
    else:
        st.altair_chart(charts.timeline_chart(shown), width="stretch")
    table_and_exports(data, shown)
    about_the_data(data)


main()
