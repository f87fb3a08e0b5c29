"""#25 in a real browser at 1280x720 and 390x844: the overview's totals and charts that
filter on a click, the feed linked with the selection, and the walk's frictions (map
width, a labelled Filters button, periods anywhere in the data, the denying party, named
downloads). Every wait is on a condition; each test leaves a screenshot to look at."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import (
    APP_IDLE,
    EVENTS,
    MAP,
    PLAY_WORDS_TOP,
    SHEET_ON_THE_BAR,
    SIZES,
    VIEWPORTS,
    SentMessages,
    download,
    marker_count,
    open_app,
    screenshot,
    sidebar_open,
    wait_for_markers,
    wait_for_selected,
)
from tests.helpers.data import copy_layers, overlaps

pytestmark = pytest.mark.browser
WITHDRAWN = {"denied", "retracted"}


def _open(page, app_url: str, size: str, query: str = "") -> None:
    page.set_viewport_size(VIEWPORTS[size])
    open_app(page, app_url + ("/?" + query if query else ""))


def _query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def _bar(page, chart: str, label: str):
    """The bar of an overview chart that names `label` (SVG marks carry their row)."""
    return page.locator(f"[class*='st-key-ov-{chart}'] path[aria-label*='label: {label};']")


@SIZES
def test_totals_line_and_a_chart_click_filters_the_map(page, app_url, size):
    _open(page, app_url, size)
    marker_count(page, len(EVENTS))
    killed = sum(e.get("fatalities") or 0 for e in EVENTS if e["status"] not in WITHDRAWN)
    expect(page.get_by_text(f"{killed} killed ·", exact=False).first).to_be_visible()
    battles = _bar(page, "type", "Battles")
    battles.scroll_into_view_if_needed()
    screenshot(page, f"overview-charts-{size}")
    battles.click()
    expected = Counter(e["event_type"] for e in EVENTS)["Battles"]
    page.wait_for_function("location.search.includes('types=Battles')", timeout=20_000)
    wait_for_markers(page, expected)
    assert _query(page)["types"] == ["Battles"]


@SIZES
def test_a_month_bar_sets_that_month(page, app_url, size):
    _open(page, app_url, size)
    marker_count(page, len(EVENTS))
    bar = page.locator("[class*='st-key-ov-month'] path[aria-label*='month: Nov 2025;']")
    bar.scroll_into_view_if_needed()
    bar.click()
    page.wait_for_function("location.search.includes('dates=2025-11-01')", timeout=20_000)
    assert _query(page)["dates"] == ["2025-11-01", "2025-11-30"]


@SIZES
def test_a_province_bar_filters_by_area_and_the_link_keeps_it(page, app_url, size):
    _open(page, app_url, size)
    marker_count(page, len(EVENTS))
    # 'Not known' (a band, a side, a country) is no area: its bar is grey (a click explains).
    expect(_bar(page, "province", "Not known")).to_have_attribute("fill", "#bbbbbb")
    bar = _bar(page, "province", "Gorno-Badakhshan").and_(
        page.locator("path[aria-label*='part: placed in it']")
    )
    bar.scroll_into_view_if_needed()
    bar.click()
    page.wait_for_function("location.search.includes('area=Gorno-Badakhshan')", timeout=20_000)
    wait_for_markers(page, 1)  # Khorugh
    expect(page.locator(".st-key-area_province input")).to_have_value(
        "Gorno-Badakhshan · Tajikistan"
    )


@SIZES
def test_the_feed_selects_an_event_and_opens_its_panel(page, app_url, size):
    _open(page, app_url, size)
    marker_count(page, len(EVENTS))
    first = page.locator(".st-key-feed label:has(input[type=radio])").first
    expect(first).to_be_visible()
    text = first.inner_text()
    newest = next(e for e in EVENTS if text.startswith(e["title"]))
    assert newest["date_start"] == max(e["date_start"] or "" for e in EVENTS)
    first.scroll_into_view_if_needed()
    screenshot(page, f"feed-{size}")
    first.click()
    wait_for_selected(page, newest["id"])
    heading = page.locator("h3", has_text=newest["title"][:30]).first
    expect(heading).to_be_attached()
    if size == "390x844":  # chosen below the map: the map comes back, the sheet opens in full
        sheet = "[class*='st-key-panel-']:not(.st-key-panel-none)"
        page.wait_for_function(
            f'() => document.querySelector("{sheet}").getBoundingClientRect().top'
            " <= innerHeight / 2 + 1",
            timeout=10_000,
        )
        expect(page.locator(MAP)).to_be_in_viewport()
    expect(heading).to_be_visible()
    screenshot(page, f"feed-selected-{size}")
    page.get_by_role("button", name="✕ Close").click()
    expect(page.locator(".st-key-feed label:has(input[type=radio])").first).to_be_visible(
        timeout=20_000
    )


@SIZES
def test_the_feed_pages_on(page, app_url, size):
    _open(page, app_url, size)
    marker_count(page, len(EVENTS))
    older = page.get_by_role("button", name="Older ›")
    older.scroll_into_view_if_needed()
    # One row: both buttons and the words between them share a line, on a phone too.
    middles = page.locator(".st-key-feed-pager > *").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return Math.round(r.top + r.height / 2); })"
    )
    assert len(middles) == 3 and max(middles) - min(middles) <= 4, middles
    older.click()
    expect(page.get_by_text(re.compile(r"Page 2 of 2 · 39 events"))).to_be_visible()
    expect(page.get_by_role("button", name="Older ›")).to_be_disabled()


def test_the_map_takes_nearly_half_a_laptop_screen(page, app_url):
    _open(page, app_url, "1280x720")
    marker_count(page, len(EVENTS))
    box = page.locator(MAP).bounding_box()
    assert box["width"] >= 0.45 * 1280, box
    assert box["y"] + box["height"] <= 720 + 1  # the whole map on the first screen
    screenshot(page, "map-share-1280x720")


def test_the_phone_has_a_labelled_filters_button(page, app_url):
    _open(page, app_url, "390x844")
    button = page.locator("[data-testid='stExpandSidebarButton']")
    expect(button).to_be_visible()
    label = button.evaluate("b => getComputedStyle(b, '::after').content")
    assert label == '"Filters"'
    assert button.bounding_box()["width"] >= 70  # the word fits beside the arrow
    screenshot(page, "filters-button-390x844")
    sidebar_open(page, True)
    expect(page.get_by_text("Month, quarter or year")).to_be_visible()


@SIZES
def test_a_quarter_anywhere_in_the_data_sets_the_dates(page, app_url, size):
    _open(page, app_url, size)
    marker_count(page, len(EVENTS))
    sidebar_open(page, True)
    picker = page.locator(".st-key-period input")
    picker.scroll_into_view_if_needed()
    picker.click()
    page.keyboard.type("Q3 2021")
    page.keyboard.press("Enter")
    page.wait_for_function("location.search.includes('dates=2021-07-01')", timeout=20_000)
    assert _query(page)["dates"] == ["2021-07-01", "2021-09-30"]
    page.wait_for_selector(APP_IDLE)
    screenshot(page, f"period-{size}")


@SIZES
def test_the_panel_names_who_denied_and_retracted(page, app_url, size):
    _open(page, app_url, size, "event=report-reuters-russian-joint-patrols-2025-12-02")
    expect(
        page.get_by_text("denied by Ministry of Foreign Affairs of Tajikistan").first
    ).to_be_attached(timeout=20_000)
    expect(page.get_by_text(re.compile("^Retracted by Reuters")).first).to_be_visible()
    marker_count(page)  # the map drawn before the picture
    screenshot(page, f"denied-by-{size}")


def test_downloads_are_named_by_the_filter(page, app_url):
    sent = SentMessages(page)
    _open(page, app_url, "1280x720", "actors=Taliban")
    got = download(page, "Download CSV (ACLED columns)", sent)
    assert got.suggested_filename == "border-atlas_taliban.csv"
    text = Path(got.path()).read_text(encoding="utf-8")
    assert "excerpt_translation" in text.splitlines()[0]


@SIZES
def test_within_30_km_of_farkhor_typed_in_cyrillic(page, app_url, size):
    _open(page, app_url, size)
    marker_count(page, len(EVENTS))
    sidebar_open(page, True)
    picker = page.locator(".st-key-place input")
    picker.scroll_into_view_if_needed()
    picker.click()
    page.keyboard.type("Фархор")
    option = page.get_by_role("option", name=re.compile("^Farkhor — town"))
    expect(option).to_be_visible()
    option.click()
    # The link gains the place, then the radius its slider starts at (it is drawn once the
    # place is chosen): wait for both rather than reading the link between two reruns.
    page.wait_for_function(
        "['place=farkhor', 'place_km='].every(p => location.search.includes(p))", timeout=20_000
    )
    assert _query(page)["place_km"] == ["30"]
    sidebar_open(page, False)
    page.wait_for_function(  # the sidebar has slid away: the picture shows the page
        "() => document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right <= 1"
    )
    note = page.get_by_text(re.compile(r"within 30 km of Farkhor; \d+ more, not shown"))
    expect(note).to_be_visible(timeout=20_000)
    wait_for_markers(page, 0)  # no event's own point is within 30 km of Farkhor
    screenshot(page, f"near-farkhor-{size}")
    page.get_by_role("button", name=re.compile(r"^Show those \d+ too$")).click()
    page.wait_for_function("location.search.includes('place_areas=true')", timeout=20_000)
    expect(page.get_by_role("button", name="Leave those out")).to_be_visible()


def _dates(page) -> list[str]:
    return _query(page).get("dates", [])


@SIZES
def test_playback_steps_week_by_week_and_pauses(page, app_url, size):
    _open(page, app_url, size)
    marker_count(page, len(EVENTS))
    play = page.get_by_role("button", name=re.compile("Play$"))
    play.scroll_into_view_if_needed()
    play.click()
    page.wait_for_function("location.search.includes('dates=')", timeout=20_000)
    first = _dates(page)
    start = dt.date.fromisoformat(first[0])
    assert start.weekday() == 0  # a week from its Monday
    assert dt.date.fromisoformat(first[1]) - start == dt.timedelta(days=6)
    expect(page.get_by_text(f"Week of {start.day} {start:%b %Y}")).to_be_visible()
    # It plays on by itself: the next week, with the map and the counts following.
    nxt = (start + dt.timedelta(days=7)).isoformat()
    page.wait_for_function(f"location.search.includes('dates={nxt}')", timeout=20_000)
    wait_for_markers(page, sum(overlaps(e, nxt, _dates(page)[1]) for e in EVENTS))
    screenshot(page, f"playback-{size}")
    pause = page.get_by_role("button", name=re.compile("Pause$"))
    pause.scroll_into_view_if_needed()
    page.wait_for_selector(APP_IDLE)  # between two steps: no rerun redraws the bar mid-click
    pause.click()
    expect(page.get_by_role("button", name=re.compile("Play$"))).to_be_visible()
    page.wait_for_selector(APP_IDLE)
    held = _dates(page)
    assert held, "Pause left no dates: the click brought the range back (Stop?)"
    page.get_by_role("button", name=re.compile("Back$")).click()  # one step back, by hand
    back = (dt.date.fromisoformat(held[0]) - dt.timedelta(days=7)).isoformat()
    page.wait_for_function(f"location.search.includes('dates={back}')", timeout=20_000)


@SIZES
def test_the_excerpt_and_translation_open_in_view(page, app_url, size):
    event = "firefight-near-gold-mine-panj-2025-10-25"
    _open(page, app_url, size, f"event={event}")
    wait_for_selected(page, event)
    marker_count(page)
    sheet = page.locator("[class*='st-key-panel-']:not(.st-key-panel-none)")
    excerpt = sheet.locator(".atlas-excerpt").first
    translation = sheet.locator(".atlas-translation").first
    expect(translation).to_be_visible()
    box, words, english = sheet.bounding_box(), excerpt.bounding_box(), translation.bounding_box()
    # The source's words open in view, right under the title (before the facts), their
    # translation straight after them: no scrolling down the panel to reach them.
    bottom = min(box["y"] + box["height"], VIEWPORTS[size]["height"])
    assert box["y"] <= words["y"] < bottom - 40, (box, words)
    assert english["y"] - (words["y"] + words["height"]) < 30
    facts = sheet.locator(".atlas-facts").first.bounding_box()
    assert facts["y"] > english["y"]
    screenshot(page, f"excerpt-first-{size}")


@pytest.fixture(scope="module")
def ucdp_url(tmp_path_factory):
    """The shipped layers plus the UCDP sample imported (2005–2021), served by the app."""

    from geo.importers.__main__ import main as import_main
    from geo.tools.serve import streamlit_server
    from tests.helpers.data import LAYERS, SEEDS

    root = tmp_path_factory.mktemp("ucdp-browser")
    layers, data = root / "layers", root / "data"
    copy_layers(layers)
    sample = LAYERS.parent / "data" / "ucdp_ged231_sample_afg_tjk.csv"
    args = ["ucdp", str(sample), "--out", str(layers / "ucdp.geojson"), "--layers", str(layers)]
    assert import_main([*args, "--data", str(data), "--seeds", str(SEEDS)]) == 0
    env = {"ATLAS_TILES": "none", "ATLAS_LAYERS_DIR": str(layers), "ATLAS_DATA_DIR": str(data)}
    with streamlit_server(env=env, timeout=180) as url:
        yield url


@SIZES
def test_after_importing_ucdp_the_slider_and_timeline_reach_2025(page, ucdp_url, size):
    _open(page, ucdp_url, size)
    marker_count(page)
    sidebar_open(page, True)
    slider = page.locator(".st-key-date_slider")
    slider.scroll_into_view_if_needed()
    # Every date chosen: the slider spans every date (UCDP's 1989 to the curated 2025), its
    # handles on the boxes' dates.
    expect(slider).to_contain_text("1989")
    expect(slider).to_contain_text("3 Dec 2025")
    sidebar_open(page, False)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right <= 1"
    )
    timeline = page.locator("[class*='st-key-timeline-'] .marks").first
    timeline.scroll_into_view_if_needed()
    # The long axis names its years on every month tick ('Jan 2016', 'Jul 2016' or '2016').
    labels = page.locator("[class*='st-key-timeline-'] .role-axis-label text")
    expect(labels.first).to_be_attached()
    texts = [t for t in labels.all_text_contents() if t.strip()]
    months = set(calendar.month_abbr[1:])
    assert texts and not [t for t in texts if t in months], texts  # never 'Oct Apr Oct'
    assert any(re.fullmatch(r"(\w{3} )?20\d\d", t) for t in texts), texts
    years = [int(y) for t in texts for y in re.findall(r"20\d\d", t)]
    assert min(years) <= 2016 and max(years) >= 2025, texts  # the axis spans both sources
    screenshot(page, f"ucdp-timeline-{size}")


@SIZES
def test_the_offline_copy_names_towns_and_lists_the_events(page, tmp_path, size):
    from geo.dataset import load_dataset
    from geo.view.offline import offline_html
    from tests.helpers.data import LAYERS, SEEDS

    data = load_dataset(LAYERS, SEEDS)
    path = tmp_path / "border-atlas_all.html"
    path.write_text(offline_html(data, data.frame, "none (every event)"), encoding="utf-8")
    page.set_viewport_size(VIEWPORTS[size])
    page.route(lambda url: not url.startswith(("file:", "data:")), lambda r: r.abort())
    page.goto(path.as_uri())
    expect(page.locator(".atlas-town", has_text="Khorugh")).to_be_visible()
    expect(page.locator(".atlas-town", has_text="Dushanbe")).to_be_visible()
    items = page.locator("#atlas-list li")
    expect(items).to_have_count(len(EVENTS))
    screenshot(page, f"offline-towns-{size}")
    first = items.first.locator("a")
    first.scroll_into_view_if_needed()
    event_id = first.get_attribute("data-show")
    first.click()
    panel = page.locator(f"#panel-{event_id}")
    expect(panel).to_be_visible()
    expect(panel).to_be_in_viewport()


@SIZES
def test_a_hidden_selection_note_is_not_under_the_phone_sheet(page, app_url, size):
    event = "site-russian-201st-base-dushanbe"
    _open(page, app_url, size, f"area=Khatlon&event={event}")
    note = page.get_by_text("The selected event is hidden by the province Khatlon")
    expect(note).to_be_visible(timeout=20_000)
    note.scroll_into_view_if_needed()
    # Nothing covers it: the point at its centre belongs to the note itself.
    covered = note.evaluate(
        "el => { const r = el.getBoundingClientRect();"
        " const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
        " return !(hit && (el.contains(hit) || hit.contains(el))); }"
    )
    assert not covered
    page.get_by_role("button", name=re.compile("^Show it")).click()
    page.wait_for_function("!location.search.includes('area=')", timeout=20_000)
    screenshot(page, f"hidden-note-{size}")


def test_an_open_phone_sheet_leaves_no_blank_in_the_page(page, app_url):
    event = "site-russian-201st-base-dushanbe"
    _open(page, app_url, "390x844", f"event={event}")
    wait_for_selected(page, event)
    marker_count(page)
    page.wait_for_selector(APP_IDLE)
    picker = page.locator("[class*='st-key-event-picker-']").bounding_box()
    overview = page.get_by_role("heading", name="Overview").bounding_box()
    # The sheet floats over the page: what follows the picker comes right after it,
    # not after 480 px of blank where the sheet's box used to stay.
    assert overview["y"] - (picker["y"] + picker["height"]) < 120, (picker, overview)
    page.wait_for_function(SHEET_ON_THE_BAR)
    # Its words scrolled (the sheet scrolls on its own): Close stays at its top, uncovered.
    close = page.get_by_role("button", name=re.compile("Close$"))
    sheet = "document.querySelector(\"[class*='st-key-panel-']:not(.st-key-panel-none)\")"
    page.evaluate(f"() => {{ {sheet}.scrollTop = 600; }}")
    page.wait_for_function(f"() => {sheet}.scrollTop > 0")
    assert close.evaluate(
        "b => { const r = b.getBoundingClientRect(), x = r.left + r.width / 2;"
        " return b.contains(document.elementFromPoint(x, r.top + r.height / 2)); }"
    )
    page.evaluate(f"() => {{ {sheet}.scrollTop = 0; }}")
    page.evaluate("document.querySelector('[data-testid=stMain]').scrollTop = 700")
    page.wait_for_function(  # slid down onto the playback bar's words
        "() => document.querySelector(\"[class*='st-key-panel-']:not(.st-key-panel-none)\")"
        f".getBoundingClientRect().top > {PLAY_WORDS_TOP} - 60"
    )
    screenshot(page, "phone-sheet-no-blank-390x844")
