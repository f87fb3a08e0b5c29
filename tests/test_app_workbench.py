"""The workbench's wiring through AppTest: source filters, stories, the offline copy."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from streamlit.elements.widgets.button import ButtonMixin

from geo.stories import load_stories, stories_dir
from tests.helpers.apptest import html_blocks, map_args, map_event_ids, run_app
from tests.helpers.data import EVENT_LAYER_FILES, LAYERS, SEEDS, read_layer

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
    assert expected and set(map_event_ids(at)) == expected


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
    at.switch_page("pages/review.py").run()
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
        at.switch_page("pages/review.py")


@pytest.mark.parametrize(
    ("typed", "must_find"),
    [
        ("Taleban", "firefight-near-gold-mine-panj-2025-10-25"),
        ("Пяндж", "firefight-near-gold-mine-panj-2025-10-25"),
        ("Khorog", "site-afghan-consulate-khorugh"),
    ],
)
def test_search_knows_common_spellings(typed, must_find):
    ids = set(map_event_ids(run_app(q=typed)))
    assert must_find in ids and len(ids) < len(EVENTS)
