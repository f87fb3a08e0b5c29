"""Piles in Chromium: events on one point open as a list, and an entry selects its event;
and the big layer's page, drawn map first.

The layer: 3,500 generated UCDP rows imported (over the app's BIG_DATA), of which 1,200
are put on one district centre (A: more than the server ever draws as markers, so it is
always a counted bubble, at every zoom) and 150 on another (B: few enough around it that
the server sends markers, and the browser groups them itself). No zoom splits either.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import NamedTuple

import pytest
from playwright.sync_api import Locator, Page, expect

from bench.generate import write_csv
from geo.importers.__main__ import main as import_main
from geo.tools.serve import streamlit_server
from geo.view.piles import PILE_PAGE
from tests.helpers.apptest import MAP_FIRST
from tests.helpers.browser import (
    APP_IDLE,
    MAP,
    VIEWPORTS,
    open_app,
    rerun_by_moving_the_map,
    screenshot,
    wait_for_selected,
)
from tests.helpers.data import SEEDS, copy_layers

ROWS, ON_A, ON_B = 3_500, 1_200, 150
_PLACE = ["where_prec", "where_coordinates", "where_description", "adm_1", "country"]
_PLACE += ["latitude", "longitude"]


def _pile_rows(path: Path) -> tuple[dict, dict]:
    """Put the first ON_A rows on one exactly coded centre, the next ON_B on another
    (over a degree away); returns both centres' rows."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, table = reader.fieldnames or [], list(reader)
    exact = [r for r in table if r["where_prec"] == "1"]
    a = dict(exact[0])
    far = (r for r in exact if abs(float(r["latitude"]) - float(a["latitude"])) > 0.25)
    b = dict(next(r for r in far if abs(float(r["longitude"]) - float(a["longitude"])) > 1))
    for i, row in enumerate(table[: ON_A + ON_B]):
        row.update({k: (a if i < ON_A else b)[k] for k in _PLACE})
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(table)
    return a, b


@pytest.fixture(scope="module")
def piled(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("piled")
    layers, data = root / "layers", root / "data"
    copy_layers(layers)
    rows = write_csv(ROWS, root / "generated.csv", seed=5)
    a, b = _pile_rows(rows)
    args = ["ucdp", str(rows), "--out", str(layers / "generated.geojson"), "--version", "bench"]
    args += ["--layers", str(layers), "--data", str(data), "--seeds", str(SEEDS)]
    assert import_main(args) == 0
    env = {"ATLAS_TILES": "none", "ATLAS_LAYERS_DIR": str(layers), "ATLAS_DATA_DIR": str(data)}
    with streamlit_server(env=env, timeout=180) as url:
        yield {
            "url": url,
            "a": (float(a["latitude"]), float(a["longitude"])),
            "b": (float(b["latitude"]), float(b["longitude"])),
        }


_MAP_READY = f"() => !!document.querySelector({MAP!r})?.contentWindow?.map"

# Marks the bubble drawn over the point that opens a list, if one is there now.
_MARK_PILE = """([lat, lon]) => {
    const w = document.querySelector('iframe[title="streamlit_folium.st_folium"]').contentWindow;
    w.document.querySelectorAll('[data-pile-target]')
        .forEach(e => e.removeAttribute('data-pile-target'));
    const p = w.map.latLngToContainerPoint([lat, lon]);
    const box = w.map.getContainer().getBoundingClientRect();
    const hit = w.document.elementFromPoint(box.left + p.x, box.top + p.y);
    const bubble = hit && hit.closest('.atlas-cluster-icon');
    if (!bubble || !/: Enter lists its events$/.test(bubble.title)) { return null; }
    bubble.setAttribute('data-pile-target', '1');
    return bubble.title;
}"""


def _pile_bubble(page, spot: tuple[float, float], zoom: int = 16):
    """Zoom in on the spot and return the bubble there that opens a list (waits for it:
    the view goes to the server, which sends what the view holds)."""
    page.wait_for_function(_MAP_READY, timeout=60_000)
    page.evaluate(
        f"([lat, lon, z]) => document.querySelector({MAP!r}).contentWindow.map"
        ".setView([lat, lon], z, {animate: false})",
        [*spot, zoom],
    )
    page.wait_for_function(_MARK_PILE, arg=list(spot), timeout=60_000)
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    title = page.wait_for_function(_MARK_PILE, arg=list(spot), timeout=60_000).json_value()
    return page.frame_locator(MAP).locator("[data-pile-target]"), title


def _count(title: str) -> int:
    return int(re.match(r"([\d,]+) events", title)[1].replace(",", ""))


def _cited(page, event_id: str) -> None:
    """The panel shows what the dataset cites for this event (its row and id)."""
    number = event_id.rsplit("-", 1)[1]
    cites = page.get_by_text(re.compile(rf"^What UCDP GED bench cites — .*event id {number}$"))
    expect(cites).to_be_visible(timeout=30_000)


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def screen(request, browser):
    """A page at a laptop's size (mouse), or at a phone's (touch: entries are tapped)."""
    phone = request.param == "390x844"
    context = browser.new_context(viewport=VIEWPORTS[request.param], has_touch=phone)
    yield context.new_page(), request.param
    context.close()


class Pile(NamedTuple):
    page: Page
    size: str
    touch: bool
    panel: Locator  # the list, once open
    rows: Locator  # its entries shown now (one page)
    total: int  # the events the bubble counts


def _open_pile(page: Page, size: str, url: str, spot: tuple[float, float], keys: bool) -> Pile:
    """Open the app, zoom in on the spot and open the list of the bubble there: a tap on a
    phone, else a click (or, with `keys`, Enter on the focused bubble). Waits until the list
    shows its first page."""
    touch = size == "390x844"
    open_app(page, url)
    bubble, title = _pile_bubble(page, spot)
    total = _count(title)
    if touch:
        bubble.tap()
    elif keys:
        bubble.focus()
        page.keyboard.press("Enter")
    else:
        bubble.click()
    panel = page.frame_locator(MAP).get_by_role("dialog", name=f"{total:,} events at one point")
    expect(panel).to_be_visible(timeout=30_000)
    rows = panel.locator(".atlas-pile-row")
    expect(rows).to_have_count(PILE_PAGE, timeout=30_000)  # one page, never all of them
    return Pile(page, size, touch, panel, rows, total)


def _ids(rows: Locator) -> list[str]:
    """The entries' event ids, read in one step (a list redrawn between reads of one entry
    at a time could mix two pages)."""
    return rows.evaluate_all("rows => rows.map(r => r.getAttribute('data-id'))")


def _selected_and_marked(pile: Pile, event_id: str) -> Locator:
    """The link names the event, the panel cites it, and the list stays open where it
    was with that entry marked; returns the marked entry."""
    wait_for_selected(pile.page, event_id)
    _cited(pile.page, event_id)
    pile.page.wait_for_selector(APP_IDLE, timeout=60_000)
    current = pile.panel.locator('.atlas-pile-row[aria-current="true"]')
    try:
        expect(current).to_have_attribute("data-id", event_id, timeout=30_000)
    except AssertionError as e:  # what the map held then, to tell why (seen once in CI)
        raise AssertionError(f"{e}\nmap: {pile.page.evaluate(_MAP_STATE)}") from None
    return current


# The map's view, the open pile and its list, the page's address: said when a check fails.
_MAP_STATE = f"""() => {{
    const w = document.querySelector({MAP!r}).contentWindow;
    const d = w.document;
    return JSON.stringify({{
        zoom: w.map.getZoom(), centre: w.map.getCenter(), size: w.map.getSize(),
        pile: w.atlasPile || null, panel: !!d.querySelector('.atlas-pile'),
        rows: [...d.querySelectorAll('.atlas-pile-row')].map(r => r.dataset.id).slice(0, 5),
        current: [...d.querySelectorAll('[aria-current]')].map(r => r.dataset.id),
        markers: d.querySelectorAll('path.atlas-event').length, url: location.href,
    }});
}}"""


def _row(pile: Pile, event_id: str) -> Locator:
    return pile.panel.locator(f'.atlas-pile-row[data-id="{event_id}"]')


def _press(pile: Pile, locator: Locator) -> None:
    if pile.touch:
        locator.tap()
    else:
        locator.click()


@pytest.mark.browser
def test_a_counted_pile_opens_pages_and_selects(piled, screen):
    page, size = screen
    pile = _open_pile(page, size, piled["url"], piled["a"], keys=False)
    assert pile.total >= ON_A
    sub = pile.panel.locator(".atlas-pile-sub")
    expect(sub).to_have_text(f"Newest first · 1–50 of {pile.total:,}", timeout=30_000)
    first_page = _ids(pile.rows)
    assert len(set(first_page)) == PILE_PAGE
    # The next page comes from the server.
    _press(pile, pile.panel.get_by_role("button", name="Older ›"))
    expect(sub).to_have_text(f"Newest first · 51–100 of {pile.total:,}", timeout=30_000)
    expect(pile.rows).to_have_count(PILE_PAGE, timeout=30_000)
    second_page = _ids(pile.rows)
    assert len(set(second_page)) == PILE_PAGE
    assert not set(first_page) & set(second_page)
    event_id = second_page[3]
    _press(pile, _row(pile, event_id))
    _selected_and_marked(pile, event_id)
    screenshot(page, f"pile-counted-{size}")


@pytest.mark.browser
def test_a_drawn_pile_lists_by_keyboard_and_selects(piled, screen):
    page, size = screen
    pile = _open_pile(page, size, piled["url"], piled["b"], keys=True)
    assert ON_B <= pile.total < 1000
    event_id = _ids(pile.rows)[1]
    if pile.touch:
        _row(pile, event_id).tap()
    else:
        _wait_row_focused(page, 0)  # the keyboard lands in the list
        page.keyboard.press("ArrowDown")
        _wait_row_focused(page, 1)
        page.keyboard.press("Enter")
    _selected_and_marked(pile, event_id)
    if not pile.touch:  # focus comes back to the chosen entry
        _wait_focused(page, '.atlas-pile-row[aria-current="true"]')
        # Another rerun draws the list again (the map moved: it reports its view), its old
        # layer taken away before the new one comes: the keyboard stays on the entry.
        rerun_by_moving_the_map(page)
        _wait_focused(page, '.atlas-pile-row[aria-current="true"]')
    screenshot(page, f"pile-drawn-{size}")
    if pile.touch:
        pile.panel.get_by_role("button", name="Close the list").tap()
    else:
        page.keyboard.press("Escape")
    expect(pile.panel).to_have_count(0)


def _wait_row_focused(page: Page, index: int) -> None:
    """Wait until the map's document has the list's row `index` as its focused element."""
    _wait_focused(page, ".atlas-pile-row", index)


def _wait_focused(page: Page, selector: str, index: int = 0) -> None:
    """Wait until the map's document has the `index`th match of `selector` as its focused
    element (read in the frame itself: Playwright's focus check also asks that the page's
    window be active, which a loaded machine's headless window was not, once)."""
    page.wait_for_function(
        """([sel, i]) => {
            const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
            const d = f && f.contentDocument;
            return !!d && !!d.activeElement && d.activeElement === d.querySelectorAll(sel)[i];
        }""",
        arg=[selector, index],
        timeout=30_000,
    )


@pytest.mark.browser
def test_a_big_layer_s_page_draws_the_rest_once_the_map_reports(piled, page):
    """The map first (app._map_first), then, with no act of the reader's, the run its
    report of the view starts draws the overview, the timeline and the table."""
    open_app(page, piled["url"])
    page.wait_for_function(_MAP_READY, timeout=60_000)
    table = page.get_by_role("heading", name="Events", exact=True)
    expect(table).to_be_attached(timeout=60_000)
    expect(page.get_by_text(MAP_FIRST, exact=True)).to_have_count(0)
    expect(page.locator("[data-testid='stVegaLiteChart']").first).to_be_attached()
