"""The walk's frictions of #25 item 7 that live in the page's builders: the table sorted
over every row, the denying party named, downloads named by their filter, calendar
periods anywhere in the data, years on the timeline's month ticks."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from streamlit.elements.widgets.button import ButtonMixin

from geo.choices import date_extent
from geo.dataset import load_dataset
from geo.filters import Filters
from geo.view import timeline
from geo.view.downloads import MAX_STEM, file_stem, slug
from geo.view.panel import build_panel, status_words
from geo.view.periods import periods
from geo.view.table import SORTS, sorted_positions
from tests.helpers.apptest import run_app
from tests.helpers.browser import EVENTS
from tests.helpers.data import LAYERS, SEEDS, copy_layers


def test_table_sorts_every_row_not_one_page(data):
    big = pd.concat([data.frame] * 300, ignore_index=True)  # 11,700 rows: 24 pages
    big["id"] = big["id"] + "-" + (big.index // len(data.frame)).astype(str)
    shown = big[big["layer"] != "diplomacy"]
    newest = big.iloc[sorted_positions(big, shown, "Newest first")]
    assert len(newest) == len(shown) and set(newest.index) == set(shown.index)
    starts = newest["date_start"].dropna()
    assert starts.is_monotonic_decreasing
    assert newest["date_start"].iloc[-1:].isna().all()  # undated last
    oldest = big.iloc[sorted_positions(big, shown, "Oldest first")]
    assert oldest["date_start"].dropna().is_monotonic_increasing
    killed = big.iloc[sorted_positions(big, shown, "Most killed")]["fatalities"]
    assert killed.iloc[0] == shown["fatalities"].max() and killed.iloc[-1:].isna().all()
    for sort in SORTS:
        assert len(sorted_positions(big, shown, sort)) == len(shown)


def test_the_table_has_actors_and_opens_newest_first():
    at = run_app()
    table = at.dataframe[0].value
    assert "actors" in table.columns
    assert any("Taliban" in cell for cell in table["actors"])
    dated = [d for d in table["date_start"] if d]
    assert dated == sorted(dated, reverse=True)
    at.selectbox(key="table_sort").set_value("Most killed").run()
    killed = at.dataframe[0].value["fatalities"].dropna().tolist()
    assert killed == sorted(killed, reverse=True) and killed[0] == max(
        e.get("fatalities") or 0 for e in EVENTS
    )


def test_the_denying_and_retracting_parties_are_named(data):
    reuters = data.features["report-reuters-russian-joint-patrols-2025-12-02"].properties
    words = status_words(reuters, data.features)
    assert words.startswith("Retracted by Reuters, in “Reuters withdraws")
    assert "denied by Ministry of Foreign Affairs of Tajikistan" in words
    panel = build_panel("report-reuters-russian-joint-patrols-2025-12-02", data)
    assert "Ministry of Foreign Affairs of Tajikistan" in panel.facts
    assert "Ministry of Foreign Affairs of Tajikistan" in (panel.warning or "")
    nrf = data.features["report-dushanbe-hosts-nrf-leaders"].properties
    assert "no report of the denial is linked" in status_words(nrf, data.features)


def test_downloads_are_named_by_their_filter(data):
    extent = date_extent(data.frame)
    assert file_stem(Filters(), "", extent) == "border-atlas_all"
    everything = Filters(date_from=extent[0], date_to=extent[1])
    assert file_stem(everything, "", extent) == "border-atlas_all"
    chosen = Filters(
        date_from=dt.date(2025, 10, 1),
        date_to=dt.date(2025, 12, 31),
        actors=frozenset({"Taliban"}),
        text="gold mine",
    )
    assert (
        file_stem(chosen, "Khatlon / Farkhor", extent)
        == "border-atlas_2025-10-01_2025-12-31_taliban_khatlon-farkhor_search-gold-mine"
    )
    hostile = Filters(text="../../etc/passwd <b>خروغ", actors=frozenset({"x" * 300}))
    stem = file_stem(hostile, "", extent)
    assert len(stem) <= MAX_STEM and set(stem) <= set("abcdefghijklmnopqrstuvwxyz0123456789-_")
    assert slug("Qal‘ah-ye Zāl") == "qalah-ye-zal" and slug("خروغ") == ""


def test_download_buttons_carry_the_filter_in_their_names(monkeypatch):
    names: list[str] = []
    original = ButtonMixin.download_button

    def record(self, label, data, *args, **kwargs):
        names.append(kwargs["file_name"])
        return original(self, label, data, *args, **kwargs)

    monkeypatch.setattr(ButtonMixin, "download_button", record)
    run_app(actors="Taliban")
    assert names[:3] == [f"border-atlas_taliban.{ext}" for ext in ("geojson", "csv", "html")]
    assert all(name.startswith("border-atlas_taliban.") for name in names)  # any format
    names.clear()  # a place's radius names the files too (they were 'border-atlas_all')
    run_app(place="farkhor", place_km="30")
    assert names and all(n.startswith("border-atlas_within-30km-of-farkhor.") for n in names)


def test_periods_reach_every_year_quarter_and_month_of_the_data():
    spans = periods((dt.date(2005, 1, 1), dt.date(2025, 12, 3)))
    assert list(spans)[:5] == ["2025", "Q4 2025", "Dec 2025", "Nov 2025", "Oct 2025"]
    assert spans["Q4 2025"] == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    assert spans["Feb 2008"] == (dt.date(2008, 2, 1), dt.date(2008, 2, 29))
    assert "2005" in spans and "2004" not in spans and len(spans) == 21 * (1 + 4 + 12)
    assert periods(None) == {}


def test_a_period_sets_the_dates():
    at = run_app()
    at.selectbox(key="period").set_value("Q4 2025").run()
    assert not at.exception
    assert at.date_input(key="dates").value == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    assert at.selectbox(key="period").value is None  # a menu: the dates keep the choice


def test_month_ticks_on_the_timeline_carry_their_year():
    assert "'%b %Y'" in timeline._DATE_LABEL and "'%b')" not in timeline._DATE_LABEL


def test_many_uncertainty_circles_are_outlines_only(data):
    from geo.view.circles import FILL_MAX, uncertainty_circles

    few = uncertainty_circles(data.frame)
    assert few is not None and few.fill and few.data()["fill"] is True
    many = pd.concat([data.frame] * 30, ignore_index=True)
    many["lon"] = many["lon"] + np.repeat(np.arange(30) * 0.01, len(data.frame))
    circles = uncertainty_circles(many)
    assert circles is not None and len(circles.rows) > FILL_MAX
    assert not circles.fill and circles.data()["fill"] is False


@pytest.fixture(scope="module")
def with_ucdp(tmp_path_factory):
    """The shipped layers plus the UCDP sample (2005–2021, mostly 2014–2021) imported."""

    from geo.importers.__main__ import main as import_main

    root = tmp_path_factory.mktemp("ucdp")
    layers, store = root / "layers", root / "data"
    copy_layers(layers)
    sample = LAYERS.parent / "data" / "ucdp_ged231_sample_afg_tjk.csv"
    args = ["ucdp", str(sample), "--out", str(layers / "ucdp.geojson"), "--layers", str(layers)]
    assert import_main([*args, "--data", str(store), "--seeds", str(SEEDS)]) == 0
    return layers, store


def test_the_dense_window_covers_every_sources_dense_part(with_ucdp):
    from geo.view.charts import dense_parts, dense_span, timeline_domain

    layers, store = with_ucdp
    frame = load_dataset(layers, SEEDS, store).frame
    curated = dense_span(frame[frame["release"] == ""])
    imported = dense_span(frame[frame["release"] != ""])
    assert curated and imported and imported[1] < curated[0]  # 2014–2021, then late 2025
    assert dense_span(frame)[1] < curated[0]  # all together: the curated months fell out
    window = dense_parts(frame)
    assert window == (min(imported[0], curated[0]), max(imported[1], curated[1]))
    axis = timeline_domain(frame)  # the timeline opens on the same window, padded
    assert axis is not None and axis[0] <= window[0] and axis[1] >= window[1]


def test_after_an_import_the_slider_reaches_the_curated_months(with_ucdp, monkeypatch):
    layers, store = with_ucdp
    monkeypatch.setenv("ATLAS_LAYERS_DIR", str(layers))
    monkeypatch.setenv("ATLAS_DATA_DIR", str(store))
    at = run_app()
    assert not at.exception
    slider = at.slider(key="date_slider")
    assert slider.proto.max >= slider.proto.min  # a real span
    low, high = slider.value
    assert high >= dt.date(2025, 12, 1) and low <= dt.date(2015, 1, 1)


def test_the_offline_copy_carries_town_names_and_an_escaped_event_list(data, tmp_path):
    from geo.view.offline import event_list, offline_html, town_rows

    towns = {row[2] for row in town_rows(data)}
    assert {"Dushanbe", "Khorugh"} <= towns
    listed = event_list(data, data.frame)
    assert listed.count("<li>") == len(data.frame)
    from types import SimpleNamespace

    hostile = data.frame.assign(title='<img src=x onerror=alert(1)>"')
    html = event_list(SimpleNamespace(frame=hostile), hostile)
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;&quot;" in html
    page = offline_html(data, data.frame, "none")
    assert 'id="atlas-list"' in page and '"towns":' in page
