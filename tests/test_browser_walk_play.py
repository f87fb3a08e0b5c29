"""#25's walk in Chromium at 1280x720 and 390x844: the date slider reads what the boxes
say (after "Everything" it showed the dense part with both handles at its ends), playback
brings back the range the reader had when it ends or is stopped, and a town's name stays
beside its own dot (a name moved past a bubble stood beside another town)."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from geo.tools.serve import streamlit_server
from geo.vocab import load_gazetteer
from tests.helpers.browser import (
    APP_IDLE,
    SIZES,
    VIEWPORTS,
    open_app,
    press_play,
    screenshot,
    sidebar_open,
    wait_for_quiet,
)
from tests.helpers.data import copy_layers
from tests.helpers.untrusted import layer_text, real_feature

pytestmark = pytest.mark.browser
TWO_WEEKS = ["2025-11-17", "2025-11-30"]  # Monday to Sunday


def _open(page, app_url: str, size: str, query: str = "") -> None:
    page.set_viewport_size(VIEWPORTS[size])
    open_app(page, app_url + ("/?" + query if query else ""))


def _dates(page) -> list[str]:
    return parse_qs(urlparse(page.url).query).get("dates", [])


def _slider_words(page) -> list[str]:
    """The slider's two handles' dates and its two ends', as it writes them."""
    slider = page.locator("[data-testid='stSidebar'] [data-testid='stSlider']")
    thumbs = slider.locator("[data-testid='stSliderThumbValue']").all_inner_texts()
    ends = slider.locator("[data-testid='stSliderTickBar'] > *").all_inner_texts()
    return thumbs + ends


@SIZES
def test_everything_puts_the_slider_s_handles_where_the_boxes_say(page, app_url, size):
    _open(page, app_url, size, "dates=2025-11-05&dates=2025-11-20")
    sidebar_open(page, True)
    # A range inside the dense part: the slider spans the dense part, the handles inside.
    thumbs = page.locator("[data-testid='stSliderThumbValue']")
    expect(thumbs.first).to_have_text("5 Nov 2025", timeout=20_000)
    page.locator("[data-testid='stSidebar']").get_by_role("button", name="Everything").click()
    expect(page.get_by_label("From", exact=True)).to_have_value("2005-01-01", timeout=20_000)
    page.wait_for_selector(APP_IDLE)
    expect(thumbs.first).to_have_text("1 Jan 2005")
    # The handles read the boxes' dates, and sit at the slider's ends: they are its ends.
    first, last, low, high = _slider_words(page)
    to = page.get_by_label("To", exact=True).input_value()
    assert (first, low) == ("1 Jan 2005", "1 Jan 2005") and last == high, _slider_words(page)
    assert to == "2025-12-03" and last == "3 Dec 2025"
    screenshot(page, f"slider-everything-{size}")


def _press(page, name: str) -> None:
    button = page.get_by_role("button", name=re.compile(f"{name}$"))
    button.scroll_into_view_if_needed()
    button.click()


def _wait_dates(page, dates: list[str]) -> None:
    try:
        page.wait_for_function(
            "d => JSON.stringify(new URLSearchParams(location.search).getAll('dates')) === d",
            arg=json.dumps(dates, separators=(",", ":")),
            timeout=30_000,
            polling=100,
        )
    except PlaywrightTimeoutError:  # say whether the press was lost or playing stalled
        raise AssertionError(
            f"the link never held the dates {dates}: {_play_state(page)}"
        ) from None


def _play_state(page) -> dict[str, object]:
    """What the page shows of playback now: the link, the toggle's label, the script."""
    return page.evaluate(
        """() => ({link: location.search,
            toggle: [...document.querySelectorAll('.st-key-play-toggle button')]
                .filter(b => b.getClientRects().length).map(b => b.innerText).join(),
            script: document.querySelector('[data-testid=stApp]').dataset.testScriptState})"""
    )


@SIZES
def test_playback_brings_back_the_range_when_it_ends_or_is_stopped(page, app_url, size):
    _open(page, app_url, size, f"dates={TWO_WEEKS[0]}&dates={TWO_WEEKS[1]}&undated=false")
    press_play(page)
    _wait_dates(page, ["2025-11-24", "2025-11-30"])  # the second week, by itself
    screenshot(page, f"playing-two-weeks-{size}")
    # Past the range's end: playing stops, and the two weeks are back, undated still out.
    _wait_dates(page, TWO_WEEKS)
    expect(page.get_by_role("button", name=re.compile("Play$"))).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Stop$"))).to_be_disabled()
    assert "undated=false" in page.url
    # Stopped midway: the same.
    press_play(page)
    _wait_dates(page, ["2025-11-17", "2025-11-23"])
    _press(page, "Stop")
    _wait_dates(page, TWO_WEEKS)
    expect(page.get_by_role("button", name=re.compile("Play$"))).to_be_visible()
    screenshot(page, f"stopped-{size}")


# Every town name shown: if moved, a bubble covers its own dot and the name sits just
# past that bubble; if not moved, no bubble meets it. The rest are hidden.
_NAMES_JS = """() => {
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const doc = f.contentDocument;
    const bubbles = [...doc.querySelectorAll('.atlas-cluster-icon')]
        .map(e => e.getBoundingClientRect());
    const meets = (r, b) => r.left < b.right && r.right > b.left && r.top < b.bottom
        && r.bottom > b.top;
    const wrong = [];
    let shown = 0;
    for (const n of doc.querySelectorAll('.atlas-town')) {
        const r = n.getBoundingClientRect();
        if (!r.width || getComputedStyle(n).visibility === 'hidden') { continue; }
        shown += 1;
        const shift = parseFloat(n.style.marginLeft) || 0;
        const dot = [r.left - shift + 3, r.top + 7];
        const own = bubbles.find(b => dot[0] >= b.left && dot[0] <= b.right
            && dot[1] >= b.top && dot[1] <= b.bottom);
        const far = shift && (!own || r.left > own.right + 4);
        if (far || (!shift && bubbles.some(b => meets(r, b)))) { wrong.push(n.textContent); }
    }
    return {wrong, shown, bubbles: bubbles.length};
}"""


_MAP_JS = """document.querySelector('iframe[title="streamlit_folium.st_folium"]')
    ?.contentWindow?.map"""


@pytest.fixture(scope="module")
def beside_farkhor(tmp_path_factory):
    """The shipped layers plus six events at Yangi Qala, 19 px east of Farkhor at zoom 7,
    38 at zoom 8: their bubble sits on Farkhor's name but not on its dot (the walk's
    'Bokhtar beside Farkhor': a name moved past a bubble stood beside another town)."""
    layers = tmp_path_factory.mktemp("beside") / "layers"
    copy_layers(layers)
    town = load_gazetteer()["yangi-qala"]
    features = []
    for i in range(6):
        feature = real_feature(f"at-yangi-qala-{i}")
        props = feature["properties"]
        props.update(place="Yangi Qala", place_id=town.id, country="AFG", border_distance_km=12.7)
        props["evidence"] = [e for e in props["evidence"] if e["field"] != "place"]
        feature["geometry"]["coordinates"] = [town.lon, town.lat]
        features.append(feature)
    (layers / "beside.geojson").write_text(layer_text(*features), encoding="utf-8")
    with streamlit_server(env={"ATLAS_TILES": "none", "ATLAS_LAYERS_DIR": str(layers)}) as url:
        yield url, load_gazetteer()["farkhor"]


@SIZES
def test_town_names_stay_beside_their_own_dot(page, beside_farkhor, size):
    url, farkhor = beside_farkhor
    _open(page, url, size)
    assert not page.get_by_text("beside.geojson has").count()  # the six events load
    page.wait_for_function(f"() => !!({_MAP_JS})", timeout=30_000)
    wait_for_quiet(page)
    view = f"([lat, lon, z]) => ({_MAP_JS}).setView([lat, lon], z, {{animate: false}})"
    for zoom in (7, 8):
        page.evaluate(view, [farkhor.lat, farkhor.lon, zoom])
        page.wait_for_function(
            f"() => {{ const s = ({_NAMES_JS})(); return s.shown > 0 && s.bubbles > 0 "
            "&& !s.wrong.length; }",
            timeout=20_000,
        )
        screenshot(page, f"town-names-z{zoom}-{size}")
