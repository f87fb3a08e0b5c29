"""The workbench's wiring through AppTest: source filters, stories, the offline copy,
town names with tiles off, the timeline's axis."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from bs4 import BeautifulSoup
from streamlit.elements.widgets.button import ButtonMixin

from geo.filters import spellings_of
from geo.stories import load_stories, stories_dir
from geo.view.charts import MIN_SPAN_DAYS, dense_span, timeline_domain
from geo.view.labels import short_name, town_label_tiers
from geo.view.map import DEFAULT_ZOOM
from geo.view.scripts import script_data
from geo.view.timeline import BAND, WINDOW, timeline_spec, two_lines, weekly_counts
from geo.vocab import load_gazetteer
from tests.helpers.apptest import (
    feed_ids,
    html_blocks,
    map_args,
    map_event_ids,
    run_app,
    wide_area_events,
)
from tests.helpers.data import EVENT_LAYER_FILES, LAYERS, SEEDS, overlaps, read_layer, with_point

EVENTS = {
    f["properties"]["id"]: f["properties"]
    for p in EVENT_LAYER_FILES
    for f in read_layer(p)["features"]
}
MANIFEST = {s["file"]: s for s in json.loads((SEEDS / "sources.json").read_text())["sources"]}
STORIES = load_stories(stories_dir(LAYERS), set(EVENTS)).stories


def _cites(props: dict, pred) -> bool:
    return any(pred(MANIFEST[s["doc"]]) for s in props["sources"])


@pytest.mark.parametrize(
    ("query", "pred"),
    [
        ({"langs": "Arabic"}, lambda m: m["lang"] == "ar"),
        (
            {"outlets": "RFE/RL, Radio Azadi (Afghan service)"},
            lambda m: m["outlet"] and m["outlet"].startswith("RFE/RL"),
        ),
    ],
    ids=["language", "outlet"],
)
def test_source_filters_keep_events_citing_them(query, pred):
    at = run_app(**query)
    assert not at.exception
    expected = {i for i, p in EVENTS.items() if _cites(p, pred)}
    assert expected and set(map_event_ids(at)) == with_point(expected)


def test_source_filters_show_counts():
    at = run_app()
    arabic = sum(1 for p in EVENTS.values() if _cites(p, lambda m: m["lang"] == "ar"))
    captions = " ".join(c.value for c in at.caption).replace("\\", "")
    assert f"Arabic {arabic}" in captions
    assert "Arabic" in at.multiselect(key="langs").options


@pytest.mark.parametrize("name", sorted(STORIES))
def test_a_story_link_opens_its_step_with_event_view_and_text(name):
    story = STORIES[name]
    at = run_app(story=name, step="2")
    assert not at.exception
    step = story.steps[1]
    assert at.session_state["event"] == step.events[0]
    text = BeautifulSoup("".join(html_blocks(at)), "html.parser").select_one(".atlas-story-step")
    assert text.get_text(strip=True) == step.text.strip()
    if step.view:
        assert map_args(at)["center"] == [step.view.lat, step.view.lon]
        assert map_args(at)["zoom"] == step.view.zoom


def test_next_step_moves_the_story_and_the_link():
    name = sorted(STORIES)[0]
    at = run_app(story=name)
    at.button(key="story-next").click().run()
    assert at.query_params["step"] == "2"
    assert at.session_state["event"] == STORIES[name].steps[1].events[0]
    assert at.button(key="story-prev").disabled is False


def test_offline_copy_holds_the_shown_events(monkeypatch):
    captured: dict[str, str] = {}
    original = ButtonMixin.download_button

    def record(self, label, data, *args, **kwargs):
        if kwargs.get("mime") == "text/html":
            captured["html"] = data()
        return original(self, label, data, *args, **kwargs)

    monkeypatch.setattr(ButtonMixin, "download_button", record)
    run_app(types="Battles")
    soup = BeautifulSoup(captured["html"], "html.parser")
    assert "http://" not in captured["html"].split("<body", 1)[1].replace("http://www.w3.org", "")
    battles = {i for i, p in EVENTS.items() if p["event_type"] == "Battles"}
    shown = {i for i in battles if i in captured["html"]}
    assert shown == battles and soup.find(string=lambda t: t and "Battles" in t)


def _review_page_title(at) -> list[str]:
    at.switch_page("screens/review.py").run()
    return [t.value for t in at.title]


def test_review_page_exists_only_when_editing_is_on(monkeypatch):
    monkeypatch.setenv("ATLAS_EDIT", "1")
    at = run_app()
    assert at.title[0].value.startswith("Border Atlas")  # the map page stays the default
    assert _review_page_title(at) == ["Review an article"]


def test_viewers_never_reach_the_review_page(monkeypatch):
    monkeypatch.delenv("ATLAS_EDIT", raising=False)
    at = run_app()
    with pytest.raises(ValueError, match="Known pages: \\['Map'\\]"):
        at.switch_page("screens/review.py")


@pytest.mark.parametrize(
    ("typed", "must_find"),
    [
        ("Taleban", "firefight-near-gold-mine-panj-2025-10-25"),
        ("Пяндж", "firefight-near-gold-mine-panj-2025-10-25"),
        ("Khorog", "site-afghan-consulate-khorugh"),
    ],
)
def test_search_knows_common_spellings(typed, must_find):
    ids = set(feed_ids(run_app(q=typed)))
    assert must_find in ids and len(ids) < len(EVENTS)


# --- town names with tiles off (geo/view/labels.py), the timeline's axis (charts.py) ----


def _label_tiers(script: str) -> list[tuple[int, set[str]]]:
    """(shown from zoom, names) for each block of labels the map's script draws."""
    return [
        (
            data["minZoom"],
            {BeautifulSoup(item[2], "html.parser").get_text() for item in data["items"]},
        )
        for kind, data in script_data(script)
        if kind == "labels"
    ]


def test_tiles_off_names_the_main_border_towns_from_the_default_zoom(monkeypatch):
    monkeypatch.setenv("ATLAS_TILES", "none")
    tiers = _label_tiers(map_args(run_app())["script"])
    shown_at_load = set().union(*(names for zoom, names in tiers if zoom <= DEFAULT_ZOOM))
    later = set().union(*(names for zoom, names in tiers if zoom > DEFAULT_ZOOM))
    assert {"Dushanbe", "Kabul", "Khorugh", "Bokhtar"} <= shown_at_load  # cities, short names
    assert {"Panj", "Kulob", "Farkhor", "Ishkoshim", "Fayzabad", "Kunduz"} <= shown_at_load
    # Every other town waits for a closer zoom, so the first view stays readable.
    assert {"Jilikul", "Dusti", "Ishkashim", "Taloqan"} <= later
    assert not shown_at_load & later
    towns = {short_name(p) for p in load_gazetteer().values() if p.kind == "town"}
    assert towns <= shown_at_load | later  # every town is named at some zoom


def test_tiles_on_draw_no_town_names(monkeypatch):
    monkeypatch.setenv("ATLAS_TILES", "https://tiles.example/{z}/{x}/{y}.png")
    labels = [d for kind, d in script_data(map_args(run_app())["script"]) if kind == "labels"]
    assert labels and all("atlas-town" not in item[2] for d in labels for item in d["items"])


def test_town_tiers_use_short_names_and_skip_districts():
    tiers = town_label_tiers(load_gazetteer().values())
    names = {
        BeautifulSoup(str(label[2]), "html.parser").get_text() for _, t in tiers for label in t
    }
    assert "Bokhtar" in names  # not 'Bokhtar (formerly Kurgan-Tyube), Khatlon'
    assert not [n for n in names if "(" in n or "," in n or "district" in n.lower()]


def _timeline_chart(at):
    """The timeline's chart (the overview's bar charts are charts too)."""
    charts = [c for c in at.get("vega_lite_chart") if "timeline_events" in c.proto.spec]
    assert len(charts) == 1, f"expected one timeline, found {len(charts)}"
    return charts[0]


def _timeline_dataset(at, name: str) -> pd.DataFrame:
    """One of the timeline chart's named datasets, as sent to the browser (Arrow IPC)."""
    for dataset in _timeline_chart(at).proto.datasets:
        if dataset.name == name:
            return pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()
    raise AssertionError(f"the timeline has no dataset {name!r}")


def _timeline_x_domain(at) -> list[dt.date]:
    """The timeline's x-axis range (its window row), as days."""
    window = _timeline_dataset(at, WINDOW).iloc[0]
    return [dt.date.fromisoformat(window["lo"]), dt.date.fromisoformat(window["hi"])]


def test_timeline_opens_on_the_dense_months_not_on_twenty_years():
    at = run_app()
    domain = _timeline_x_domain(at)
    assert domain, "the timeline opens on every year"
    start, end = domain
    last = max(dt.date.fromisoformat(p["date_end"]) for p in EVENTS.values() if p["date_end"])
    assert dt.date(2025, 10, 1) <= start <= dt.date(2025, 10, 25)  # not 2005
    assert last <= end <= last + dt.timedelta(days=7)
    caption = " ".join(c.value for c in at.caption)
    assert "Show every year" in caption and "of the 22 dated events" in caption


def test_timeline_follows_a_chosen_range_and_can_show_every_year():
    at = run_app(dates=["2025-11-01", "2025-11-30"])
    domain = _timeline_x_domain(at)
    assert domain, "the timeline ignores the chosen range"
    start, end = domain
    assert start < dt.date(2025, 11, 1) and end > dt.date(2025, 11, 30)
    assert (end - start).days < 40
    at.toggle(key="timeline_all").set_value(True).run()
    first = min(dt.date.fromisoformat(p["date_start"]) for p in EVENTS.values() if p["date_start"])
    assert _timeline_x_domain(at)[0] <= first < _timeline_x_domain(at)[0] + dt.timedelta(days=400)


def test_a_date_change_leaves_the_timeline_spec_alone():
    """Only the window and band rows change: the browser keeps its chart (no re-embed)."""
    at = run_app()
    spec = _timeline_chart(at).proto.spec
    at.button(key="preset-Last 30 days").click().run()
    assert _timeline_chart(at).proto.spec == spec
    band = _timeline_dataset(at, BAND).iloc[0]
    assert (band["start"], band["end"]) == tuple(
        d.isoformat() for d in at.date_input(key="dates").value
    )
    low, high = _timeline_x_domain(at)
    assert low < dt.date.fromisoformat(band["start"]) and high > dt.date.fromisoformat(band["end"])
    assert (high - low).days < 40  # zoomed to the 30 days


def test_dense_span_is_the_shortest_stretch_holding_half_the_events(data):
    assert dense_span(data.frame) == (dt.date(2025, 10, 20), dt.date(2025, 12, 3))
    dated = data.frame[~data.frame["undated"]]
    # No zoom into a span that reads well whole (the last months alone), nor into one
    # of a few scattered events (two, years apart).
    assert dense_span(dated[dated["date_start"] >= "2025-08-01"]) is None
    assert dense_span(dated.sort_values("date_start").iloc[:2]) is None
    extent = (dt.date(2005, 1, 1), dt.date(2025, 12, 3))
    chosen = timeline_domain(data.frame, (dt.date(2025, 11, 27), dt.date(2025, 11, 27)), extent)
    assert chosen is not None
    assert (chosen[1] - chosen[0]).days >= MIN_SPAN_DAYS  # a single day still gets an axis
    assert chosen[0] <= dt.date(2025, 11, 27) <= chosen[1]


def _slider_bounds(at) -> list[dt.date]:
    slider = at.slider(key="date_slider")
    # The proto holds the bounds as microseconds since 1970.
    return [dt.datetime.fromtimestamp(v / 1e6, dt.UTC).date() for v in (slider.min, slider.max)]


def test_date_slider_spans_the_dense_part_and_sets_the_range():
    # Every date (the default, or the "Everything" quick range): the slider reads every
    # date too, its handles where the boxes say (the #25 walk: it read the dense part with
    # both handles at its ends while the boxes said otherwise).
    at = run_app()
    every = tuple(at.date_input(key="dates").value)
    assert at.slider(key="date_slider").value == every == tuple(_slider_bounds(at))
    at.button(key="preset-Everything").click().run()
    assert at.slider(key="date_slider").value == tuple(at.date_input(key="dates").value) == every
    # A range inside the dense part: the slider spans the dense part, a day a step.
    at = run_app(dates=["2025-11-05", "2025-11-20"])
    assert _slider_bounds(at) == [dt.date(2025, 10, 1), dt.date(2025, 12, 3)]  # a month's 1st
    at.slider(key="date_slider").set_value((dt.date(2025, 11, 1), dt.date(2025, 11, 30))).run()
    assert at.date_input(key="dates").value == (dt.date(2025, 11, 1), dt.date(2025, 11, 30))
    expected = sum(overlaps(p, "2025-11-01", "2025-11-30") for p in EVENTS.values())
    assert 0 < expected < 22
    assert at.markdown[0].value.startswith(f"**{expected} dated** and **0 undated**")


def test_date_slider_follows_the_date_inputs():
    at = run_app(dates=["2025-11-05", "2025-11-20"])
    assert at.slider(key="date_slider").value == (dt.date(2025, 11, 5), dt.date(2025, 11, 20))
    at = run_app(dates=["2025-06-01", "2025-12-31"])  # the end of the year is accepted
    assert at.date_input(key="dates").value == (dt.date(2025, 6, 1), dt.date(2025, 12, 31))
    # Past the dense part: the slider widens to the range, its handles on the range's ends.
    assert at.slider(key="date_slider").value == (dt.date(2025, 6, 1), dt.date(2025, 12, 31))
    assert _slider_bounds(at) == [dt.date(2025, 6, 1), dt.date(2025, 12, 31)]
    assert not any("runs past the slider" in c.value for c in at.sidebar.caption)
    at.button(key="preset-Last 30 days").click().run()
    value = at.slider(key="date_slider").value
    assert value == tuple(at.date_input(key="dates").value)
    assert (value[1] - value[0]).days == 29


def test_a_range_wholly_outside_the_dense_part_widens_the_slider_to_reach_it():
    at = run_app(dates=["2024-01-01", "2024-03-31"])
    slider = at.slider(key="date_slider")
    low = dt.datetime.fromtimestamp(slider.min / 1e6, dt.UTC).date()
    assert low <= dt.date(2024, 1, 1)  # not both handles stuck on the dense part's start
    assert slider.value == (dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    assert not any("runs past the slider" in c.value for c in at.sidebar.caption)


def test_typed_dates_drop_undated_events_like_every_other_date_control():
    at = run_app()
    every = tuple(at.date_input(key="dates").value)
    assert at.checkbox(key="undated").value
    at.date_input(key="dates").set_value((dt.date(2025, 11, 1), dt.date(2025, 11, 30))).run()
    assert not at.checkbox(key="undated").value
    assert "**0 undated**" in at.markdown[0].value
    at.date_input(key="dates").set_value(every).run()  # every date again: all back
    assert at.checkbox(key="undated").value


@pytest.mark.parametrize(
    ("label", "lines"),
    [
        ("Battles", ["Battles"]),
        ("Explosions/Remote violence", ["Explosions/", "Remote violence"]),
        ("Strategic developments", ["Strategic", "developments"]),
        ("Violence against civilians", ["Violence", "against civilians"]),
        ("Averyveryverylongword", ["Averyveryverylongword"]),  # no place to break
    ],
)
def test_long_event_types_go_on_two_lines(label, lines):
    assert two_lines(label) == lines


def test_timeline_axis_names_every_type_whole():
    at = run_app()
    spec = json.loads(_timeline_chart(at).proto.spec)
    axes = [
        layer["encoding"]["y"].get("axis", {})
        for layer in spec.get("layer", [spec])
        if "y" in layer.get("encoding", {})
    ]
    expr = axes[0]["labelExpr"]
    assert '["Explosions/", "Remote violence"]' in expr
    assert axes[0]["labelLimit"] >= 120


def test_weekly_timeline_keeps_room_for_its_chart_and_counts_in_whole_numbers():
    days = pd.date_range("2020-01-01", periods=3000, freq="D").astype("datetime64[s]")
    frame = pd.DataFrame(
        {"date_start": days, "undated": False, "event_type": "Violence against civilians"}
    )
    # Over a window with no events the axis reads "0", not "0.000000"; the legend's
    # names are cut short enough to leave a phone's chart its width.
    spec = timeline_spec(frame, (dt.date(2030, 1, 1), dt.date(2030, 3, 1)))
    bars = next(layer for layer in spec["layer"] if layer.get("name") == "timeline_events")
    assert bars["encoding"]["y"]["axis"]["format"] == "d"
    assert bars["encoding"]["color"]["legend"]["labelLimit"] <= 100


def test_weekly_counts_agree_with_pandas_weekly_periods():
    rng = np.random.default_rng(7)
    days = pd.Timestamp("2019-12-28") + pd.to_timedelta(rng.integers(0, 900, 3000), unit="D")
    frame = pd.DataFrame(
        {
            "date_start": days.astype("datetime64[s]"),
            "undated": rng.random(3000) < 0.1,
            "event_type": rng.choice(["Battles", "Meeting", "Site"], 3000),
        }
    )
    dated = frame[~frame["undated"]]
    weeks = dated["date_start"].dt.to_period("W").dt.start_time.dt.strftime("%Y-%m-%d")
    expected = dated.groupby([weeks.rename("start"), "event_type"]).size()
    got = {(r["start"], r["event_type"]): r["n"] for r in weekly_counts(frame)}
    assert got == {key: int(n) for key, n in expected.items()}
    # The loaded frame holds types as a categorical (its codes counted): the same counts.
    typed = frame.assign(event_type=frame["event_type"].astype("category"))
    assert weekly_counts(typed) == weekly_counts(frame)


def test_an_actor_spelling_finds_what_any_spelling_finds():
    # An event that names the Taliban only in its own words (not among its actors) is
    # found by "Taleban" as by "Taliban".
    runs = [run_app(q=q) for q in ("Taliban", "Taleban", "طالبان")]
    spellings = [(set(map_event_ids(at)), wide_area_events(at)) for at in runs]
    assert spellings[0] == spellings[1] == spellings[2]
    assert len(spellings[0][0]) + spellings[0][1] > 15


@pytest.mark.parametrize(("word", "also"), [("taleban", "طالبان"), ("nrf", "nrf")])
def test_spellings_of_an_actor_name(word, also):
    assert also in spellings_of(word) and spellings_of(word)[0] == word


def test_place_names_and_parts_of_words_are_not_expanded():
    assert spellings_of("dushanbe") == ("dushanbe",)  # دوشنبه is also Monday
    assert spellings_of("tal") == ("tal",)


def test_the_table_headers_are_words_not_column_names():
    at = run_app()
    table = next(d for d in at.dataframe if d.proto.id and "table" in d.proto.id)
    config = json.loads(table.proto.columns)
    labels = {name: col.get("label") for name, col in config.items() if name != "_index"}
    assert labels["date_start"] == "From" and labels["event_type"] == "Type"
    assert all(labels.get(name) for name in labels), labels


def test_the_legend_names_each_layer_as_the_layers_filter_does():
    at = run_app()
    [legend] = [d["html"] for kind, d in script_data(map_args(at)["script"]) if kind == "legend"]
    options = at.multiselect(key="layers").options
    assert options and all(f"({name})" in legend for name in options)
