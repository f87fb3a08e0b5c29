"""#25: events placed only in a border band or a side are findable from the overview's
province and district charts: a lighter part of each bar they overlap (never counted in
the province: they stay in 'Not known'), and a click on 'Not known' explains them and
offers each province with those events (the same "show those too" as the filter note)."""

from __future__ import annotations

import datetime as dt
from html import escape

import pandas as pd
import pyarrow as pa
import pytest

from geo.filters import Filters, apply_filters
from geo.view import modes as md
from geo.view import overview as ov
from geo.view.area_only import BAND_SHAPES, wide_in_area
from tests.helpers.apptest import (
    html_blocks,
    map_event_ids,
    map_notes,
    run_app,
    wide_area_events,
)

Q4 = ["2025-10-01", "2025-12-31"]


def _chart_rows(at, title: str) -> pd.DataFrame:
    charts = [c for c in at.get("vega_lite_chart") if f'"text": "{title}"' in c.proto.spec]
    assert len(charts) == 1, f"no chart titled {title}"
    (dataset,) = charts[0].proto.datasets
    return pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()


def _q4(frame: pd.DataFrame) -> pd.DataFrame:
    days = [dt.date.fromisoformat(d) for d in Q4]
    return apply_filters(frame, Filters(date_from=days[0], date_to=days[1], include_undated=False))


def test_khatlons_bar_holds_the_band_events_that_overlap_it_apart(data):
    at = run_app(dates=Q4, undated="false")
    rows = _chart_rows(at, "By province").set_index(["name", "part"])
    shown = _q4(data.frame)
    band = wide_in_area(shown, "Khatlon", data.areas, BAND_SHAPES)
    placed = ov.in_area(data.frame, shown, "Khatlon")
    assert band.sum() > 0  # the seeds place Khatlon's autumn only in the band
    assert rows.loc[("Khatlon", ov.OVERLAP), "events"] == band.sum()
    assert ("Khatlon", ov.PLACED) in rows.index or placed.empty
    # Honest counts: the placed parts and 'Not known' add up to the shown events; the
    # band events are in 'Not known', never in a province.
    by_part = rows.groupby(level="part")["events"].sum()
    assert by_part.get(ov.PLACED, 0) + by_part[ov.UNPLACED] == len(shown)
    assert rows.loc[("Not known", ov.UNPLACED), "events"] >= band.sum()
    # Its bar's words count the band's killed as they count its events (the walk read
    # '0 + 5 · 0 killed' beside a headline of 5 killed).
    killed = int(shown.loc[band, "fatalities"].fillna(0).sum())
    placed_killed = int(placed["fatalities"].fillna(0).sum()) if not placed.empty else 0
    text = rows.loc[("Khatlon", ov.OVERLAP), "total_text"]
    assert text == f"{len(placed)} + {band.sum()} · {placed_killed} + {killed} killed", text


def test_not_known_explains_and_one_click_shows_khatlon_with_its_band_events(data):
    at = run_app(dates=Q4, undated="false")
    at.session_state["_ov_not_known"] = True  # what a click on the grey bar sets
    at.run()
    note = next(i.value for i in at.info if "in no province (" in i.value)
    assert "only in a border band or one side of it" in note
    khatlon = next(b for b in at.button if b.key == "ov-unknown-Khatlon")
    band = wide_in_area(_q4(data.frame), "Khatlon", data.areas, BAND_SHAPES)
    assert khatlon.label == f"Khatlon: {band.sum()}"
    khatlon.click().run()
    assert at.selectbox(key="area_province").value == "Khatlon"
    assert at.query_params["area_wide"] in ("true", ["true"])
    # The band's events have no point: drawn as their areas, counted there, no marker.
    ids = _q4(data.frame)["id"]
    assert wide_area_events(at) >= band.sum() > 0
    assert not set(ids[band]) & set(map_event_ids(at))
    assert not any("in no province (" in i.value for i in at.info)


@pytest.mark.parametrize(("mode", "column"), [("Districts", "admin2"), ("Provinces", "admin1")])
def test_the_area_modes_key_names_the_area_with_most(data, mode, column):
    """At 100,000 events the top class held a dozen districts: which saw most could not
    be read off the map. The key names it."""
    at = run_app(map_mode=mode)
    counts = md.area_counts(data.frame, data.frame, column, md.Measure.EVENTS)
    top = max(n for n, _ in counts.values())
    # Ties named in the order of their areas ("Province / District"), as the key lists them.
    names = [ov.district_label(a) for a in sorted(a for a, (n, _) in counts.items() if n == top)]
    keys = [b for b in html_blocks(at) if "atlas-mode-key" in b]
    assert len(keys) == 1 and f"most: {escape(names[0])}" in keys[0] and f"({top:,})" in keys[0]


def test_the_area_note_splits_band_events_from_country_ones(data):
    """The overview's lighter bar counts a band's or a side's events only; the filter's
    note counts countries' too, and says how many of each (Badakhshan: both kinds)."""
    wide = wide_in_area(data.frame, "Badakhshan", data.areas)
    shapes = data.frame["area_shape"][wide]
    country, band = int((shapes == "country").sum()), int((shapes != "country").sum())
    assert country and band  # the seeds hold both kinds over Badakhshan
    at = run_app(area="Badakhshan")
    note = next(n for n in map_notes(at, ":material/map:") if "more, not shown" in n)
    assert f"{country + band} more, not shown" in note
    assert f"Of those, {band} lie in a border band" in note
    assert f"and {country} only in a country" in note
