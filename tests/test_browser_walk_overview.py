"""#25's last walk of the overview, in Chromium at 1280x720 and 390x844: "by whom" counts
the sides that acted (the civilians acted upon have their own small chart) and long
names are read whole; every chart's names sit on their bars; the playback controls keep
their places. Every wait is on a condition; each test leaves a screenshot to look at."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from playwright.sync_api import expect

from geo.view import modes as md
from geo.view import overview as ov
from tests.helpers.browser import (
    EVENTS,
    SIZES,
    VIEWPORTS,
    open_app,
    screenshot,
    sidebar_open,
    wait_for_markers,
    wait_for_quiet,
)
from ui.area_picker import province_countries

pytestmark = pytest.mark.browser

# A chart's names (an axis label's lines joined) with their boxes, and its bars' rows.
_NAMES_JS = """(chart) => {
    const words = t => t.querySelectorAll('tspan').length
        ? [...t.querySelectorAll('tspan')].map(s => s.textContent).join(' ') : t.textContent;
    const box = r => ({top: r.top, bottom: r.bottom, left: r.left, right: r.right});
    const labels = [...chart.querySelectorAll('.role-axis-label text')].map(t => ({
        words: words(t), box: box(t.getBoundingClientRect()),
    }));
    const bars = [...chart.querySelectorAll('path[aria-label*="label: "]')].map(b => ({
        name: b.getAttribute('aria-label').match(/label: ([^;]*);/)[1],
        box: box(b.getBoundingClientRect()),
    }));
    const ends = [...chart.querySelectorAll('text[aria-label*="label: "]')].map(t => ({
        box: box(t.getBoundingClientRect()),
    }));
    return {chart: box(chart.getBoundingClientRect()), labels, bars, ends};
}"""


def _chart(page, key: str):
    return page.locator(f"[class*='st-key-ov-{key}-'] [data-testid='stVegaLiteChart']")


def _drawn(page, key: str) -> dict:
    chart = _chart(page, key)
    chart.scroll_into_view_if_needed()
    expect(chart.locator("path[aria-label*='label: ']").first).to_be_attached(timeout=30_000)
    return chart.evaluate(_NAMES_JS)


def _middle(box: dict) -> float:
    return (box["top"] + box["bottom"]) / 2


@SIZES
def test_by_whom_counts_the_sides_that_acted_and_its_names_are_whole(page, app_url, size):
    page.set_viewport_size(VIEWPORTS[size])
    open_app(page, app_url)
    by = _drawn(page, "actor")
    names = {bar["name"] for bar in by["bars"]}
    assert "Taliban" in names
    assert not [n for n in names if ov.acted_upon(n)], names  # no victim ranks as an actor
    against = _drawn(page, "against")
    victims = Counter(a for e in EVENTS for a in e["actors"] if ov.acted_upon(a))
    assert {bar["name"] for bar in against["bars"]} == set(victims) == {"Civilians (China)"}
    # Long names are written whole, on two lines where needed, inside the chart and left
    # of the bars ("Collective Security Treaty Organization" was cut to "Collective Se…").
    said = {label["words"] for label in by["labels"]}
    assert said == names, said ^ names
    assert "Collective Security Treaty Organization" in said
    bars_start = min(bar["box"]["left"] for bar in by["bars"])
    for label in by["labels"]:
        assert by["chart"]["left"] - 1 <= label["box"]["left"], label
        assert label["box"]["right"] <= bars_start, label
    _chart(page, "actor").scroll_into_view_if_needed()
    screenshot(page, f"overview-by-whom-{size}")


@SIZES
@pytest.mark.parametrize("key", ["type", "actor", "province", "district"])
def test_every_name_and_bar_end_sits_on_its_bar(page, app_url, size, key):
    """The walk: names sat about 4 px below their bars (Streamlit's theme's labelFlush put
    the first name's baseline at its top). Each name and each bar's end text is centred
    on the nearest bar within a pixel."""
    page.set_viewport_size(VIEWPORTS[size])
    open_app(page, app_url)
    drawn = _drawn(page, key)
    middles = [_middle(bar["box"]) for bar in drawn["bars"]]
    assert drawn["labels"] and drawn["ends"]
    for mark in [*drawn["labels"], *drawn["ends"]]:
        off = min((_middle(mark["box"]) - m for m in middles), key=abs)
        assert abs(off) <= 1, (key, mark, off)
    if key == "type":
        screenshot(page, f"overview-aligned-{size}")


# Each playback control's box relative to the map's (the click scrolls the page): the
# drawn copy of each (Streamlit may keep a 0x0 copy a moment after a rerun).
_CONTROLS_JS = """() => {
    const map = document.querySelector('iframe[title="streamlit_folium.st_folium"]')
        .getBoundingClientRect();
    const out = {};
    for (const key of ['play-back', 'play-toggle', 'play-next', 'play-stop', 'play_unit',
                       'play_width']) {
        const el = [...document.querySelectorAll(`.st-key-${key}`)]
            .find(e => e.getBoundingClientRect().width > 0);
        if (el) {
            const r = el.getBoundingClientRect();
            out[key] = {x: Math.round(r.left - map.left), y: Math.round(r.top - map.bottom)};
        }
    }
    return out;
}"""


@SIZES
def test_playback_controls_keep_their_places_when_stepping_and_playing(page, app_url, size):
    """The walk: Stop appeared once stepping began and pushed the step and width boxes
    along (on a phone, onto another row), and the controls sat under the modes' key,
    whose length follows the dates. Now Stop has its place from the start (greyed out
    until there is something to bring back), Play and Pause take the same room, and the
    controls sit right under the map: a step moves none of them."""
    page.set_viewport_size(VIEWPORTS[size])
    open_app(page, app_url)
    wait_for_markers(page, len(EVENTS))
    stop = page.get_by_role("button", name=re.compile("Stop$"))
    expect(stop).to_be_disabled()
    nxt = page.get_by_role("button", name=re.compile("Next$"))
    nxt.scroll_into_view_if_needed()
    wait_for_quiet(page)
    before = page.evaluate(_CONTROLS_JS)
    assert len(before) == 6, before
    assert before["play-stop"]["y"] == before["play-back"]["y"]  # one row of buttons
    nxt.click()
    page.wait_for_function("location.search.includes('dates=')", timeout=30_000)
    expect(stop).to_be_enabled()
    wait_for_quiet(page)
    assert page.evaluate(_CONTROLS_JS) == before
    screenshot(page, f"playback-stepped-{size}")
    page.get_by_role("button", name=re.compile("Play$")).click()
    pause = page.get_by_role("button", name=re.compile("Pause$"))
    pause.wait_for(timeout=60_000)
    playing = page.evaluate(_CONTROLS_JS)
    # Pinned at the screen's foot (its padding moves it), the row keeps its order and
    # spacing: Pause where Play was beside Back, Stop still on Back's row.
    back = playing["play-back"]
    for key in ("play-toggle", "play-next", "play-stop"):
        assert playing[key]["y"] == back["y"], playing
        gap = before[key]["x"] - before["play-back"]["x"]
        assert abs(playing[key]["x"] - back["x"] - gap) <= 1, (key, playing, before)
    screenshot(page, f"playback-playing-{size}")
    pause.click()
    expect(page.get_by_role("button", name=re.compile("Play$"))).to_be_visible()


# The options of the open list drawn now (Streamlit draws a screenful of a long list).
_OPTIONS_JS = "() => [...document.querySelectorAll('[role=option]')].map(o => o.innerText)"


@SIZES
def test_every_province_is_reached_without_typing_then_a_district(page, app_url, size):
    """The walk: one list of 39 provinces (two countries, alphabetical) and the districts
    showed 11 entries before typing, Khatlon 20th. Now the province list opens on the
    five Tajik provinces, and scrolling it (no typing) reaches every province; a
    district is a second, short choice; the link keeps one `area`."""
    page.set_viewport_size(VIEWPORTS[size])
    open_app(page, app_url)
    wait_for_markers(page, len(EVENTS))
    sidebar_open(page, True)
    box = page.locator(".st-key-area_province input")
    box.scroll_into_view_if_needed()
    expect(page.locator(".st-key-area_district input")).to_be_disabled()
    box.click()
    listbox = page.get_by_role("listbox")
    expect(listbox.get_by_role("option").first).to_be_visible()
    first = page.evaluate(_OPTIONS_JS)
    assert [o.split(" · ")[1] for o in first[:5]] == ["Tajikistan"] * 5, first
    assert "Khatlon · Tajikistan" in first[:5]
    screenshot(page, f"province-list-{size}")
    seen = set(first)
    expected = set(province_countries([]))
    for _ in range(20):  # a screenful at a time, as a reader scrolls it
        at_end = listbox.evaluate(
            "l => { l.scrollTop += l.clientHeight;"
            " return l.scrollTop + l.clientHeight >= l.scrollHeight - 1; }"
        )
        if at_end:  # the last province drawn (a list ends with its districts, if any)
            expect(listbox.get_by_role("option", name=max(expected))).to_be_visible()
        else:  # the list draws the options scrolled to
            page.wait_for_function(
                f"seen => ({_OPTIONS_JS})().some(o => !seen.includes(o))", arg=sorted(seen)
            )
        seen |= set(page.evaluate(_OPTIONS_JS))
        if at_end:
            break
    assert {o.split(" · ")[0] for o in seen} == expected
    # Closed and opened again: the list opens at its top, the Tajik provinces (a list
    # scrolled back while it redraws its rows lost the click now and then).
    page.keyboard.press("Escape")
    expect(listbox).to_have_count(0)
    box.click()
    option = page.get_by_role("option", name="Gorno-Badakhshan · Tajikistan")
    expect(option).to_be_visible()
    option.click()
    page.wait_for_function(
        "() => new URLSearchParams(location.search).get('area') === 'Gorno-Badakhshan'"
    )
    district = page.locator(".st-key-area_district input")
    expect(district).to_be_enabled()
    district.click()
    page.get_by_role("option", name="Nohiyai Shughnon").click()
    page.wait_for_function(
        "() => new URLSearchParams(location.search).get('area')"
        " === 'Gorno-Badakhshan / Nohiyai Shughnon'"
    )
    wait_for_markers(page, 1)  # its one event: the consulate in Khorugh
    screenshot(page, f"district-chosen-{size}")


# The areas of the district circles drawn on the map.
_DISTRICT_CIRCLES_JS = """() => {
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const w = f && f.contentWindow, out = [];
    if (!w || !w.map) { return out; }
    w.map.eachLayer(l => {
        if (l.options && l.options.className === 'atlas-district' && l.feature) {
            out.push(l.feature.properties.atlas_area);
        }
    });
    return out.sort();
}"""


@SIZES
def test_the_districts_key_names_only_districts_the_map_draws(page, app_url, size, data):
    """The walk: with the seeds, the Districts mode's key named Shughnon, which had no
    circle: GeoNames' extract places no seat in it, while the gazetteer does (Khorugh),
    and the events "in Shughnon district" lie there. Every district counted is drawn."""
    page.set_viewport_size(VIEWPORTS[size])
    open_app(page, app_url + "/?map_mode=Districts")
    counted = sorted(md.area_counts(data.frame, data.frame, "admin2", md.Measure.EVENTS))
    assert "Gorno-Badakhshan / Nohiyai Shughnon" in counted
    page.wait_for_function(
        f"n => ({_DISTRICT_CIRCLES_JS})().length === n", arg=len(counted), timeout=30_000
    )
    assert page.evaluate(_DISTRICT_CIRCLES_JS) == counted
    key = page.locator(".atlas-mode-key").first
    expect(key).to_contain_text("most: Nohiyai Shughnon (Gorno-Badakhshan)")
    expect(key).not_to_contain_text("no seat")
    screenshot(page, f"districts-key-and-circles-{size}")
