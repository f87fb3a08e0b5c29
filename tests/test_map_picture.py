"""The map as a picture for a report (#25 item 6): the PDF page drawn on the server, with no
tile and no network, of the map's view in its mode, with title, dates, filters, legend,
scale and attribution."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from geo.view import modes as md
from geo.view import picture as pc
from geo.view import report
from geo.view.map import CENTER_LAT_LON, DEFAULT_ZOOM
from tests.helpers.apptest import run_app

REGION = pc.view_bounds(CENTER_LAT_LON, DEFAULT_ZOOM)


def _spec(mode=md.MapMode.MARKERS, measure=md.Measure.EVENTS, filters="none (every event)"):
    return pc.Picture("Test title", "all dates", filters, mode, measure, made=dt.date(2026, 1, 2))


def _pixel(image: Image.Image, lon: float, lat: float) -> tuple[int, int, int]:
    """The colour the picture has where (lon, lat) is drawn."""
    box = (pc.PAD * pc.SS, pc.HEADER * pc.SS, (pc.WIDTH - pc.LEGEND_W - pc.PAD) * pc.SS,
           (pc.HEIGHT - pc.FOOTER) * pc.SS)  # fmt: skip
    x, y = pc.Frame.fit(REGION, box).xy(lon, lat)
    return image.getpixel((int(x / pc.SS), int(y / pc.SS)))[:3]


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def test_view_bounds_are_the_map_s_view():
    south, west, north, east = REGION
    lat, lon = CENTER_LAT_LON
    assert west < lon < east and south < lat < north
    # One zoom level in halves the width.
    _s2, w2, _n2, e2 = pc.view_bounds(CENTER_LAT_LON, DEFAULT_ZOOM + 1)
    assert (e2 - w2) == pytest.approx((east - west) / 2)
    # 760 px at zoom 6: 760 / 256 / 64 of 360 degrees.
    assert east - west == pytest.approx(760 / (256 * 64) * 360)


def test_the_png_is_the_page_size_and_draws_the_border_and_events(data):
    image = report.render(data, data.frame, _spec(), REGION)
    assert image.size == (pc.WIDTH, pc.HEIGHT)
    assert pc.to_pdf(image).startswith(b"%PDF")
    pixels = np.asarray(image)
    border = np.all(np.abs(pixels.astype(int) - _rgb("#b30000")) < 40, axis=2)
    assert border.sum() > 1000  # the border line, 3 px wide, about 900 px long
    site = np.all(np.abs(pixels.astype(int) - _rgb("#2ca02c")) < 30, axis=2)
    assert site.sum() > 50  # the sites' green dots


def test_the_picture_follows_the_filters(data):
    everything = np.asarray(report.render(data, data.frame, _spec(), REGION))
    nothing = np.asarray(report.render(data, data.frame.iloc[:0], _spec(filters="x"), REGION))
    green = np.array(_rgb("#2ca02c"))
    assert (np.abs(everything.astype(int) - green).max(axis=2) < 30).sum() > 50
    # Only the legend's swatches could be green now, and with no events there are none.
    assert (np.abs(nothing.astype(int) - green).max(axis=2) < 30).sum() == 0


def test_the_provinces_picture_fills_provinces_by_their_counts(data):
    image = report.render(data, data.frame, _spec(md.MapMode.PROVINCES), REGION)
    counts = md.area_counts(data.frame, data.frame, "admin1", md.Measure.EVENTS)
    features, breaks = md.province_features(counts, md.Measure.EVENTS)
    gbao = next(f for f in features if f["properties"]["atlas_area"] == "Gorno-Badakhshan")
    expected = md.ramp_for(len(breaks))[gbao["properties"]["cls"]]
    assert _pixel(image, 73.5, 38.6) == _rgb(expected)  # inside Gorno-Badakhshan
    assert _pixel(image, 66.0, 34.5) == _rgb(md.EMPTY_FILL)  # central Afghanistan: none


def test_the_areas_picture_shades_the_tajik_band_not_a_point(data):
    image = report.render(data, data.frame, _spec(md.MapMode.AREAS), REGION)
    # 15 km north of the border near Khorugh's latitude, east of the Panj: the Tajik band.
    colour = _pixel(image, 71.75, 37.0)
    assert colour not in (_rgb("#f3efe4"), (255, 255, 255))


def test_the_pdf_is_one_printable_page(data):
    pdf = pc.to_pdf(report.render(data, data.frame, _spec(), REGION))
    assert (
        pdf.startswith(b"%PDF")
        and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page>>") + pdf.count(b"/Type /Page ")
        >= 1
    )


def test_a_picture_at_100000_events_is_drawn(data):
    big = pd.concat([data.frame] * 2600, ignore_index=True)
    image = report.render(data, big, _spec(md.MapMode.DENSITY), REGION)
    assert image.size == (pc.WIDTH, pc.HEIGHT)


def test_the_page_offers_the_pdf_and_points_at_the_map_s_png_button():
    at = run_app(types="Battles", map_mode="Provinces")
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    # One "Save map as PNG" only: the map's own button, made in the browser.
    assert "PDF to print" in labels and "Save map as PNG" not in labels, labels
    assert any("⤓ PNG" in m.value for m in at.markdown)
    # Every download asks for no run (Streamlit sends the run first, and a run that reaches
    # the button before the file is asked for revokes it: the download fails).
    eager = [b.proto.label for b in at.get("download_button") if not b.proto.ignore_rerun]
    assert len(labels) == 5 and not eager, eager


def test_the_picture_states_the_view_in_words(data):
    import datetime as dt_

    from geo.choices import date_extent
    from geo.filters import Filters
    from geo.view.places import Near
    from ui.modes import view_words

    extent = date_extent(data.frame)
    every = Filters(date_from=extent[0], date_to=extent[1])
    words, dates, stem = view_words(data, every, "", None)
    assert words == "none (every event)" and dates.startswith("all dates (")
    assert stem == "border-atlas_all"
    chosen = Filters(
        date_from=dt_.date(2025, 10, 1),
        date_to=dt_.date(2025, 12, 31),
        actors=frozenset({"Taliban"}),
    )
    words, dates, stem = view_words(data, chosen, "Khatlon / Farkhor", Near("farkhor", 30.0))
    assert dates == "1 October – 31 December 2025"
    assert "actors: Taliban" in words and "province or district: Farkhor (Khatlon)" in words
    assert "within 30 km of Farkhor" in words and "areas that include it" not in words
    # Events only in areas including the place shown too: the picture says so.
    wide = view_words(data, chosen, "", Near("farkhor", 30.0, with_areas=True))[0]
    assert "within 30 km of Farkhor (and events placed only in areas that include it)" in wide
    # The dates have their own line: the filters' line does not repeat them.
    assert "2025" not in words and "dates" not in words
    assert stem.startswith("border-atlas_2025-10-01_2025-12-31_taliban")
    # The place's radius names the file too (a picture near Farkhor was 'border-atlas_all').
    assert "within-30km-of-farkhor" in stem
    assert view_words(data, every, "", Near("farkhor", 30.0))[2] == (
        "border-atlas_within-30km-of-farkhor"
    )


def test_the_picture_says_a_toll_no_shown_event_states_is_not_stated():
    """The PNG's count line in the page's words: UCDP codes no injured, so 'injured not
    stated', never '0 injured'; killed summed, with how many state none."""
    from geo.view.overview import Totals
    from ui.modes import shown_words

    none_injured = Totals(
        events=3, of=39, killed=5, injured=0, killed_unknown=1, injured_unknown=3, withdrawn=0
    )
    assert shown_words(none_injured) == (
        "3 of 39 events shown · 5 killed · injured not stated · 1 not stated"
    )
    stated = Totals(
        events=2, of=39, killed=4, injured=1, killed_unknown=0, injured_unknown=1, withdrawn=0
    )
    assert shown_words(stated) == "2 of 39 events shown · 4 killed · 1 injured"
