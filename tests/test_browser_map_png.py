"""#25 item 6 in Chromium at 1280x720 and 390x844: "Save map as PNG" on the map saves the
view the user has (moved and zoomed by hand here) as a PNG made in the browser: the map's
pixels as on screen (a map narrower than 4:3 widened to 4:3 around them), a caption under
it (legend, scale, dates, filters, attribution),
nothing leaving localhost, and a search text from the link drawn as text, never run."""

from __future__ import annotations

import io
import math
import re
from urllib.parse import quote

import numpy as np
import pytest
from PIL import Image

from geo.tools.serve import streamlit_server
from geo.view.map_png import PictureWords
from tests.helpers.browser import ARTIFACTS, LOCAL, MAP, SIZES, VIEWPORTS, open_app, screenshot

pytestmark = pytest.mark.browser
SITE_GREEN = (0x2C, 0xA0, 0x2C)  # geo/view/style.py
MIN_WIDTH = 1200  # a picture is at least this wide, at 2 to 4 pixels per CSS pixel

# The map moved by hand (no animation), as a user pans and zooms.
_MOVE = """([lat, lon, zoom]) => {
    const w = document.querySelector('iframe[title="streamlit_folium.st_folium"]').contentWindow;
    w.map.setView([lat, lon], zoom, {animate: false});
}"""
# A marker drawn on its own well inside the view: its centre in the map's pixels, its
# fill, and the map's size.
_FIND = """() => {
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const w = f.contentWindow, box = w.map.getContainer().getBoundingClientRect();
    for (const p of w.document.querySelectorAll('path.atlas-event')) {
        const r = p.getBoundingClientRect();
        const x = r.left + r.width / 2 - box.left, y = r.top + r.height / 2 - box.top;
        if (r.width > 8 && x > 60 && y > 60 && x < box.width - 60 && y < box.height - 40) {
            const fill = w.getComputedStyle(p).fill.match(/\\d+/g).map(Number);
            return {x, y, r: r.width / 2, fill, width: box.width, height: box.height};
        }
    }
    return null;
}"""


# The page's map: its size, centre and zoom.
_VIEW = """() => {
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const m = f.contentWindow.map;
    return [m.getSize().x, m.getSize().y, m.getCenter().lat, m.getCenter().lng, m.getZoom()];
}"""


def _close(a, b, tol: int = 40) -> bool:
    return all(abs(int(p) - int(q)) <= tol for p, q in zip(a, b, strict=False))


def _last(page) -> dict:
    return page.frame_locator(MAP).locator("body").evaluate("() => window.AtlasPicture.last()")


def _save(page) -> tuple[str, bytes]:
    button = page.frame_locator(MAP).get_by_role("button", name="Save map as PNG")
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=60_000) as info:
        button.click()
    download = info.value
    return download.suggested_filename, download.path().read_bytes()


def _js_round(x: float) -> int:
    """Math.round, as static/picture.js rounds: halves up (Python's round takes them to
    the even number: a 460 px map's 613 px picture puts a 604 px view 5 px in, not 4)."""
    return math.floor(x + 0.5)


@SIZES
def test_the_view_as_seen_saved_as_png_in_the_browser(watched_page, app_url, size):
    page = watched_page
    page.set_viewport_size(VIEWPORTS[size])
    open_app(page, app_url + "/?types=Site")
    page.frame_locator(MAP).locator("path.atlas-event").first.wait_for(timeout=30_000)
    page.locator(MAP).scroll_into_view_if_needed()
    # The user's own view: zoomed in between Dushanbe and Bokhtar, sites as single markers.
    page.evaluate(_MOVE, [38.2, 68.9, 8])
    page.wait_for_function(f"() => ({_FIND})() !== null", timeout=20_000)
    spot = page.evaluate(_FIND)
    assert tuple(spot["fill"]) == SITE_GREEN
    seen = Image.open(io.BytesIO(page.locator(MAP).screenshot())).convert("RGB")
    view_before = page.evaluate(_VIEW)
    name, data = _save(page)
    assert name == "border-atlas_site.png"
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"map-png-{size}.png").write_bytes(data)
    width, height = round(spot["width"]), round(spot["height"])
    last = _last(page)
    # A map narrower than 4:3 (a phone's, portrait; a laptop's, nearly square) is widened
    # to 4:3 around the same view, the view seen on screen the picture's middle.
    pic_width, left = last["mapWidth"], last["view"]["left"]
    assert last["mapHeight"] == height and last["view"]["width"] == width
    wide = _js_round(height * 4 / 3)
    assert width < wide  # at both sizes: the widening is what is tested here
    assert pic_width == wide and left == _js_round((wide - width) / 2)
    # At 2x or more, so that every picture is at least ~1,200 px wide, the caption under the
    # map and compact: a phone's was 1,408 x 3,484 px, mostly a caption 332 px wide.
    scale = last["scale"]
    assert min(4, max(2, math.ceil(MIN_WIDTH / pic_width))) == scale
    assert image.size[0] == pic_width * scale >= MIN_WIDTH - 2 * scale
    assert height * scale + 150 < image.size[1] < height * scale * 1.5
    assert image.size[1] < 1.25 * image.size[0], image.size
    rgb = image.convert("RGB")
    # The marker's colour where the marker is (around its middle, where a town's dot may
    # sit), as the screen shows it there.
    ring = [
        (spot["x"] + 0.5 * spot["r"] * np.cos(a), spot["y"] + 0.5 * spot["r"] * np.sin(a))
        for a in np.linspace(0, 2 * np.pi, 8, endpoint=False)
    ]
    picked = [rgb.getpixel((round((x + left) * scale), round(y * scale))) for x, y in ring]
    assert sum(_close(p, SITE_GREEN, 50) for p in picked) >= 5, (picked, spot)
    shown = [seen.getpixel((round(x), round(y))) for x, y in ring]
    assert sum(_close(p, SITE_GREEN, 50) for p in shown) >= 5, (picked, shown)
    # The view seen looks like the screen (controls aside): compare a coarse grid.
    band = (left * scale, 0, (left + width) * scale, height * scale)
    small = np.asarray(rgb.crop(band).resize((width, height)))
    screen = np.asarray(seen.resize((width, height)))
    grid = (slice(60, height - 40, 7), slice(60, width - 60, 7))  # off the controls
    differs = np.abs(small[grid].astype(int) - screen[grid].astype(int)).max(axis=2) > 60
    assert differs.mean() < 0.05, differs.mean()
    # A widened picture's sides are drawn map too (land, borders), not an empty margin.
    for side in ((0, left), (left + width, pic_width)):
        if side[1] - side[0] > 20:
            strip = np.asarray(rgb.crop((side[0] * scale, 0, side[1] * scale, height * scale)))
            _colours, counts = np.unique(strip.reshape(-1, 3), axis=0, return_counts=True)
            assert len(counts) >= 3 and counts.max() < 0.97 * counts.sum(), side
    # The page's map is back as it was: its size, centre and zoom.
    assert page.evaluate(_VIEW) == view_before
    # The caption: the legend's Site swatch is drawn under the map.
    caption = np.asarray(rgb.crop((0, height * scale, rgb.size[0], rgb.size[1])))
    green = np.all(np.abs(caption.astype(int) - SITE_GREEN) < 30, axis=2)
    assert green.sum() > 50
    # The caption's words: the title, the filter, the totals, the scale, the credits.
    lines = " ".join(_last(page)["lines"])
    assert "Border Atlas" in lines and "event types: Site" in lines and "events shown" in lines
    assert re.search(r"\d+ (km|m) +\(scale", lines) and "Natural Earth" in lines, lines
    assert "Site" in lines.split("Event type and marks:")[1]  # the legend names it
    screenshot(page, f"map-png-button-{size}")
    outside = [u for u in page.requests if not LOCAL.match(u)]
    assert outside == [], f"requests left localhost: {outside}"
    assert not [e for e in page.errors if "picture" in e.lower()], page.errors


def test_a_hostile_search_is_drawn_as_text_not_run(watched_page, app_url):
    page = watched_page
    page.set_viewport_size(VIEWPORTS["1280x720"])
    payload = '</script><img src=x onerror="window.top.pwned=1">${window.top.pwned=2}'
    open_app(page, app_url + "/?q=" + quote(payload))
    page.frame_locator(MAP).locator(".leaflet-container").wait_for(timeout=30_000)
    spec = page.frame_locator(MAP).locator("body").evaluate("() => window.AtlasPicture.spec()")
    assert payload in spec["filters"]  # the words kept whole, as data
    _name, data = _save(page)
    assert Image.open(io.BytesIO(data)).format == "PNG"
    assert page.evaluate("() => window.pwned === undefined")
    assert page.frame_locator(MAP).locator("body").evaluate("() => window.top.pwned") is None
    assert [u for u in page.requests if not LOCAL.match(u)] == []


def test_the_words_travel_as_script_safe_json():
    """The caption's words reach the script through the one escaping path (html.py)."""
    words = PictureWords({"filters": "</script><b>&\u2028"}).spec
    assert "<" not in words and ">" not in words and "&" not in words and "\u2028" not in words
    with pytest.raises(ValueError):
        PictureWords({"n": float("nan")})


def test_tiles_that_cannot_be_read_leave_the_picture_whole(watched_page, tmp_path):
    """Tiles set but unreachable (offline): the picture is made all the same, with the
    tiles' credit; the map's own layers are in it."""
    page = watched_page
    tiles = "http://127.0.0.1:9/{z}/{x}/{y}.png"  # refused at once, as offline
    with streamlit_server(env={"ATLAS_TILES": tiles}, log=tmp_path / "log") as url:
        page.set_viewport_size(VIEWPORTS["390x844"])
        open_app(page, url)
        page.frame_locator(MAP).locator(".atlas-cluster").first.wait_for(timeout=30_000)
        _name, data = _save(page)
        image = Image.open(io.BytesIO(data)).convert("RGB")
        last = _last(page)
    assert image.size == (last["width"], last["height"])
    # The credit may wrap between its words ("… · Map" / "tiles: see ATLAS_TILES").
    assert "Map tiles" in " ".join(last["lines"]), last["lines"]
    pixels = np.asarray(image.crop((0, 0, last["width"], last["mapHeight"] * last["scale"])))
    border = np.all(np.abs(pixels.astype(int) - (0xB3, 0x00, 0x00)) < 60, axis=2)
    assert border.sum() > 200  # the border line, drawn by the map itself
