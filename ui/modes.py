"""The map modes in the map's head (markers, areas, density, provinces, districts),
what each counts, its legend, and the events it does not place (geo/view/modes.py)."""

from __future__ import annotations

import dataclasses
from collections.abc import Container
from pathlib import Path
from typing import Any

import folium
import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from geo import settings
from geo.choices import date_extent
from geo.dataset import Dataset, distinct_text
from geo.filters import Filters, describe_filters
from geo.published.folder import read_manifest
from geo.view import density, map_png, picture, report
from geo.view import modes as md
from geo.view import overview as ov
from geo.view.choropleth import DensityCells, DistrictCircles, ProvinceFills, WideAreaShapes
from geo.view.downloads import file_stem, near_words
from geo.view.fit import fitted_view
from geo.view.html import Html, join, tag
from geo.view.map import CENTER_LAT_LON, DEFAULT_ZOOM
from geo.view.overview import district_label
from geo.view.places import Near
from geo.view.style import NO_POINT_COLOUR
from geo.view.words import date_range_words
from ui.overview import WIDE_KEY
from ui.state import fit_request

MODE_KEY, MEASURE_KEY = "map_mode", "map_measure"


def mode_choice(container: DeltaGenerator) -> md.MapMode:
    """The map modes, in `container` (the map's head, before "Fit map to shown events":
    on the first screen of a laptop and a phone, and the last stops before the map stay
    Fit map, then the map); in the link."""
    mode = container.segmented_control(
        "Map shows",
        list(md.MapMode),
        default=md.MapMode.MARKERS,
        required=True,
        key=MODE_KEY,
        bind="query-params",
        label_visibility="collapsed",
        wrap=True,
        help="Markers: every event with a point at it; one placed only in a border band, a "
        "side or a country as that area's dashed outline. Areas: those areas shaded by how "
        "many events each holds. Density: events per square cell. "
        "Provinces, Districts: events per area (a click filters by it).",
    )
    return md.MapMode(mode or md.MapMode.MARKERS)


def measure_row(mode: md.MapMode) -> tuple[md.Measure, DeltaGenerator]:
    """Under the map and playback, a row of its own holding what a counting mode counts
    (in the link) and the mode's key; returns the measure and that row."""
    measure = md.Measure.EVENTS
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    if mode not in (md.MapMode.MARKERS, md.MapMode.AREAS):
        chosen = row.segmented_control(
            "Count",
            list(md.Measure),
            default=md.Measure.EVENTS,
            required=True,
            key=MEASURE_KEY,
            bind="query-params",
            label_visibility="collapsed",
            help="Colour by the number of events, or by the killed the sources state "
            "(denied and retracted reports left out, as in the totals).",
        )
        measure = md.Measure(chosen or md.Measure.EVENTS)
    return measure, row


def _swatches(rows: list[tuple[str, str]], noun: str) -> Html:
    boxes = [
        tag(
            "span",
            tag("span", "", class_="atlas-swatch", style=f"background:{colour}"),
            label,
            class_="atlas-key",
        )
        for colour, label in rows
    ]
    return join([tag("b", noun + ": "), *boxes])


_KEY_CSS = (
    "<style>.atlas-mode-key{font-size:.85rem;line-height:1.45;display:flex;flex-wrap:wrap;"
    "column-gap:.6rem;align-items:baseline}"
    ".atlas-mode-key summary{cursor:pointer;color:#555}"
    ".atlas-mode-key details[open]{flex-basis:100%}"
    ".atlas-key{margin-right:.7rem;white-space:nowrap}"
    ".atlas-swatch{display:inline-block;width:12px;height:12px;margin-right:4px;"
    "vertical-align:-1px;border:1px solid #888}"
    f".atlas-no-point{{border:2px dashed {NO_POINT_COLOUR};background:#fbf8f2;flex:none}}</style>"
)


def mode_key(
    row: DeltaGenerator, breaks: list[float], measure: md.Measure, lead: str, more: list[str]
) -> None:
    """The mode's legend on one line (colours and their ranges, what it counts), and its
    notes folded under "How this is counted"."""
    parts: list[Html] = []
    if breaks:
        parts.append(_swatches(md.legend_rows(breaks), measure.value))
    else:  # nothing to colour by: say so rather than show an empty key
        parts.append(tag("b", f"{measure.value}: none shown"))
    parts.append(tag("span", lead))
    if more:
        parts.append(
            tag(
                "details",
                tag("summary", "How this is counted"),
                *[tag("div", note) for note in more],
            )
        )
    row.html(_KEY_CSS + str(tag("div", *parts, class_="atlas-mode-key")), width="stretch")


def no_point_key(row: DeltaGenerator, areas: list[md.WideArea], shown: int) -> None:
    """Markers mode's key: how many shown events have no point, and where they are."""
    words = md.no_point_words(areas, shown)
    if words:
        swatch = tag("span", "", class_="atlas-swatch atlas-no-point")
        row.html(
            # The swatch inside the words' own line: beside a long text as a flex item of its
            # own it sat alone on a line above it, like an empty checkbox (the #25 walk).
            _KEY_CSS + str(tag("div", tag("span", swatch, words + "."), class_="atlas-mode-key")),
            width="stretch",
        )


def _unplaced(shown: pd.DataFrame, where: str) -> tuple[str, list[str]]:
    """(' · 16 events only in a wide area: in no province', the areas with their counts)."""
    areas = md.wide_areas(shown)
    if not areas:
        return "", []
    n = sum(a.events for a in areas)
    listed = "; ".join(f"{a.words}: {a.events:,}" for a in areas)
    return (
        f" · {n:,} placed only in a wide area are {where}",
        [f"Placed only in a wide area ({where}; they stay in the feed, the totals and the "
         f"table): {listed}."],
    )  # fmt: skip


def wide_group(
    data: Dataset, shown: pd.DataFrame, outline: bool = False
) -> tuple[folium.FeatureGroup, list[float]]:
    """The wide areas of the shown events, shaded by how many events each holds (with
    `outline`, their dashed outlines only)."""
    group = folium.FeatureGroup(name="Areas", show=True, control=False)
    shapes, breaks = WideAreaShapes.of(data.areas, shown, outline)
    if shapes is not None:
        shapes.add_to(group)
    return group, breaks


def counting_group(
    data: Dataset,
    shown: pd.DataFrame,
    mode: md.MapMode,
    measure: md.Measure,
    zoom: int,
    row: DeltaGenerator,
) -> tuple[folium.FeatureGroup, list[float]]:
    """Density cells, provinces or districts, with their key under the map's head; and
    the key's class breaks."""
    group = folium.FeatureGroup(name=mode.value, show=True, control=False)
    if mode == md.MapMode.DENSITY:
        view = density.bounds_of((st.session_state.get("map") or {}).get("bounds"))
        cells, breaks, km = md.density_cells(shown, zoom, measure, view)
        DensityCells(cells, len(breaks), km).add_to(group)
        lead, more = _unplaced(shown, "in no cell")
        lead = f"per cell of about {round(km)} km (zoom in for smaller cells)" + lead
    elif mode == md.MapMode.PROVINCES:
        counts = md.area_counts(data.frame, shown, "admin1", measure)
        features, breaks = md.province_features(counts, measure)
        ProvinceFills(features, len(breaks)).add_to(group)
        lead, more = _unplaced(shown, "in no province")
        lead = "per province; a click filters by it" + _most(counts, measure) + lead
        more.insert(0, PROVINCE_NOTE)
    else:
        counts = md.area_counts(data.frame, shown, "admin2", measure)
        rows, breaks, missing = md.district_rows(counts, measure)
        DistrictCircles(rows, len(breaks), measure == md.Measure.KILLED).add_to(group)
        seats = md.district_seats()
        lead = "per district, at its seat; a click filters by it" + _most(counts, measure, seats)
        more = [DISTRICT_NOTE]
        if missing:
            more.append(f"{missing:,} districts with events have no seat to draw them at.")
    mode_key(row, breaks, measure, lead, more)
    return group, breaks


def _most(
    counts: dict[str, tuple[int, int]], measure: md.Measure, seats: Container[str] | None = None
) -> str:
    """'; most: Imām Şāḩib (Kunduz), 1,836': the top class holds many areas at scale, so
    the key names the one with most (ties: every one of them, up to three). With the
    districts' `seats`, one with none is said to be drawn nowhere."""
    if not counts:
        return ""
    value = {name: c[1] if measure == md.Measure.KILLED else c[0] for name, c in counts.items()}
    top = max(value.values())
    names = sorted(n for n, v in value.items() if v == top)
    said = ", ".join(
        district_label(n) + ("" if seats is None or n in seats else ", no seat to draw it at")
        for n in names[:3]
    ) + (" …" if len(names) > 3 else "")
    return f"; most: {said} ({top:,})" if top else ""


PROVINCE_NOTE = (
    "Provinces are Natural Earth's 1:10m admin-1 areas (public domain). An event counts "
    "toward the province of its place, as in the overview's chart: an exact place or one "
    "near a town takes the nearest GeoNames town's province, a place that is a province "
    '("Khatlon province") that province.'
)
DISTRICT_NOTE = (
    "No district boundaries ship with the atlas, so a district is drawn as a circle at its "
    "seat (GeoNames; where it places none, the gazetteer's seat, as Khorugh for Shughnon), "
    "sized by its count, not as an area. An event has a district when its exact place lies "
    "within 15 km of a town, when its words name the district, or when its dataset codes it."
)


def _picture_bounds() -> picture.Bounds:
    """The map's view: as it last reported it (big layers, density), else as last set."""
    reported = density.bounds_of((st.session_state.get("map") or {}).get("bounds"))
    if reported is not None:
        return reported
    asked = fit_request()  # fitted in the browser: the view it was fitted to
    if asked:
        return picture.view_bounds(*fitted_view(tuple(asked["bounds"])))
    centre, zoom = st.session_state.get("_view") or (CENTER_LAT_LON, DEFAULT_ZOOM)
    return picture.view_bounds(centre, int(zoom))


def _picture(data: Dataset, shown: pd.DataFrame, words: str, mode: md.MapMode,
             measure: md.Measure, dates: str) -> picture.Picture:  # fmt: skip
    releases = sorted(r for r in distinct_text(shown["release"]) if r)
    credits = [
        f"Imported events: {r}, under its own licence (see About the data)" for r in releases
    ]
    return picture.Picture(
        title="Border Atlas: security events on the Tajikistan–Afghanistan border",
        dates=dates,
        filters=words,
        mode=mode,
        measure=measure,
        credits=credits,
    )


def picture_buttons(
    data: Dataset,
    shown: pd.DataFrame,
    words: str,
    dates: str,
    stem: str,
    mode: md.MapMode,
    measure: md.Measure,
) -> None:
    """The map as a PDF page to print, drawn on the server (built only when clicked);
    the PNG of the view as seen is the map's own "⤓ PNG" button (static/picture.js)."""
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    row.markdown(
        "**Picture of the map above:** *Save map as PNG* is the **⤓ PNG** button on the "
        "map (top left): the view exactly as you see it, made in your browser. To print:"
    )

    # Read now: the file is built later, outside this run, where no session state is.
    bounds = _picture_bounds()

    def page() -> bytes:
        spec = _picture(data, shown, words, mode, measure, dates)
        return picture.to_pdf(report.render(data, shown, spec, bounds))

    row.download_button(
        "PDF to print",
        page,
        file_name=f"{stem}.pdf",
        mime="application/pdf",
        on_click="ignore",
        icon=":material/print:",
        help="One landscape page drawn on the server from the map's frame and mode (no "
        "tiles, works offline and headless): title, dates, filters in words, totals, a "
        "legend, a scale, the attribution and today's date. Its markers are not "
        "clustered as on screen; for the view exactly as seen, use the map's PNG button.",
    )


def shown_words(t: ov.Totals) -> str:
    """The picture's count line in the page's words ("7 of 39 events shown · 5 killed ·
    injured not stated"): a toll no shown event states is never drawn as 0."""
    tolls, _ = ov.totals_words(t)
    return f"{t.events:,} of {t.of:,} events shown · " + tolls.replace("**", "")


def picture_words(
    shown: pd.DataFrame, total: int, words: str, dates: str, stem: str
) -> dict[str, Any]:
    """What the browser's "Save map as PNG" writes under the map (geo/view/map_png.py)."""
    said = shown_words(ov.totals(shown, total))
    releases = sorted(r for r in distinct_text(shown["release"]) if r)
    return map_png.spec(
        dates=dates, filters=words, shown=said, legend=[], legend_title="",
        file=f"{stem}.png", releases=releases, licences=_licences(settings.from_env().data_dir),
    )  # fmt: skip


@st.cache_data(ttl=60, max_entries=4, show_spinner=False)
def _licences(data_dir: Path) -> dict[str, str]:
    """'UCDP GED 23.1' -> its licence, from the data folder's datasets.json (none when it
    cannot be read: the page says why elsewhere)."""
    try:
        files = read_manifest(data_dir).values()
    except (OSError, ValueError):
        return {}
    return {f"{f.dataset} {f.version}": f.licence for f in files}


def near_stem(data: Dataset, near: Near | None) -> str:
    """'within-30km-of-farkhor' for a download's name; '' when no place is chosen."""
    if near is None:
        return ""
    place = data.places.get(near.place_id)
    return near_words(place.names.get("en", place.id) if place else near.place_id, near.km)


def view_words(
    data: Dataset, filters: Filters, area: str, near: Near | None
) -> tuple[str, str, str]:
    """(the filters in words, the dates in words, a file name stem) of the shown view."""
    extent = date_extent(data.frame)
    chosen = (filters.date_from, filters.date_to)
    ranged = bool(filters.date_from and filters.date_to and chosen != tuple(extent or ()))
    if ranged and filters.date_from and filters.date_to:
        dates = date_range_words(filters.date_from, filters.date_to)
    elif extent:
        dates = f"all dates ({date_range_words(*extent)})"
    else:
        dates = "no dated events"
    # The dates have a line of their own in the picture: the filters' line never repeats them.
    words = describe_filters(dataclasses.replace(filters, date_from=None, date_to=None))
    extra = []
    if area:
        wide = " (and events placed only in a band, a side or a country overlapping it)"
        shown_too = st.session_state.get(WIDE_KEY)
        extra.append(f"province or district: {district_label(area)}" + (wide if shown_too else ""))
    if near is not None:
        place = data.places.get(near.place_id)
        name = place.names.get("en", place.id) if place else near.place_id
        too = " (and events placed only in areas that include it)" if near.with_areas else ""
        extra.append(f"within {near.km:g} km of {name}{too}")
    if extra:
        words = "; ".join(([] if words.startswith("none") else [words]) + extra)
    return words, dates, file_stem(filters, area, extent, near_stem(data, near))
