"""The workbench's wiring through AppTest: source filters, stories, the offline copy,
town names with tiles off, spellings of actors, the legend."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from streamlit.elements.widgets.button import ButtonMixin

from geo.filters import spellings_of
from geo.stories import load_stories, stories_dir
from geo.view.labels import short_name, town_label_tiers
from geo.view.map import DEFAULT_ZOOM
from geo.view.scripts import script_data
from geo.vocab import load_gazetteer
from tests.helpers.apptest import (
    feed_ids,
    html_blocks,
    map_args,
    map_event_ids,
    run_app,
    wide_area_events,
)
from tests.helpers.data import EVENT_LAYER_FILES, LAYERS, SEEDS, read_layer, with_point

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
    assert f"Arabic: {arabic}" in captions
    assert "Arabic" in at.multiselect(key="langs").options


def test_a_count_stands_apart_from_a_name_ending_in_a_word_or_a_number():
    """The walk read 'UCDP GED bench 100000': the count joined to the dataset's name."""
    from ui.sidebar import _counted

    assert _counted({"UCDP GED bench": 100_000, "Ru 24": 3}) == "UCDP GED bench: 100,000 · Ru 24: 3"


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
