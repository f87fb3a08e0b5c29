"""#25: the PNG picture of the map never shows the boundaries layer's cut. The layer's
neighbours are clipped to a box when it is built (geo/tools/boundaries.py CLIP_BOX, 55-81 E,
27-44 N): a phone's map, widened to 4:3 for the picture, zoomed out, showed straight edges
across Uzbekistan, China and Iran, and empty ground past them. The picture now keeps only
the part of the map inside the layer's extent (static/picture.js)."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from geo.model import ReferenceKind
from geo.tools.boundaries import CLIP_BOX
from geo.view import map_png
from tests.helpers.browser import (
    ARTIFACTS,
    MAP,
    SIZES,
    VIEWPORTS,
    open_app,
    screenshot,
    wait_for_markers,
    wait_for_settled,
)
from tests.test_browser_map_png import _MOVE, _VIEW, _last, _save

pytestmark = pytest.mark.browser
GROUND = (0xDF, 0xE7, 0xEE)  # the map's background where no boundary is drawn (map.py)


def test_the_extent_is_the_boundaries_layers_box(data):
    west, south, east, north = CLIP_BOX
    boundaries = data.references[ReferenceKind.BOUNDARIES]
    assert map_png.extent(boundaries) == [[south, west], [north, east]]
    assert map_png.extent(None) is None


def _bare(strip: np.ndarray) -> float:
    """The share of a strip's pixels that are bare ground (no country drawn)."""
    return float(np.all(np.abs(strip.astype(int) - GROUND) <= 3, axis=-1).mean())


@SIZES
def test_a_zoomed_out_picture_keeps_to_the_boundaries_extent(watched_page, app_url, size, data):
    page = watched_page
    page.set_viewport_size(VIEWPORTS[size])
    open_app(page, app_url + "/?undated=true")
    wait_for_markers(page, len(data.frame))
    page.locator(MAP).scroll_into_view_if_needed()
    # Zoomed out: the 4:3 picture of a 460 px high map spans 54.5-81.5 E, past both sides.
    page.evaluate(_MOVE, [37.6, 68.0, 5])
    wait_for_settled(page)
    before = page.evaluate(_VIEW)
    bubbles = page.evaluate(_BUBBLES)
    _name, png = _save(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"map-png-extent-{size}.png").write_bytes(png)
    last = _last(page)
    image = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    crop = last.get("crop", {"at": 0, "w": last["mapWidth"]})  # the whole map, if not cut
    scale, at, width = last["scale"], crop["at"], crop["w"]
    rows = slice(0, last["mapHeight"] * scale)
    # Its outermost columns are land (Iran, Turkmenistan; China, India), not the bare ground
    # past the cut that filled them when the whole widened map was kept.
    for left in (at, at + width - 3):
        strip = image[rows, left * scale : (left + 3) * scale]
        assert _bare(strip) < 0.3, (size, left, _bare(strip))
    (south, west), (north, east) = last["shows"]
    assert south >= 27 and west >= 55 and north <= 44 and east <= 81, last["shows"]
    # Cut, not shrunk: the kept part reaches the box on the sides the view passes.
    assert west < 55.1 and east > 80.9 and north > 43.9, last["shows"]
    assert width < 4 / 3 * before[1]  # narrower than the widened map was
    assert page.evaluate(_VIEW) == before  # the page's map is back as it was
    assert page.evaluate(_FADE) > 0.5  # and its fade at the box (live map only) is back
    # The bubbles are where the map puts them (they were a widening's width to the west,
    # caught mid-slide to their new places) and nothing was moving when it was taken.
    assert bubbles and last["moving"] is False
    for x, y, r in bubbles:
        centre = ((last["view"]["left"] + x) * scale, (y - crop.get("y", 0)) * scale)
        assert _coloured_ring(image, centre, 0.8 * r * scale) >= 9, (size, x, y, r)
    screenshot(page, f"map-png-extent-screen-{size}")


# The most opaque ring of the boundaries' fade at their box (atlas/base.js fadeOut).
_FADE = f"""() => {{
    const w = document.querySelector({MAP!r}).contentWindow;
    let most = 0;
    w.map.eachLayer(l => {{
        if (l.options && l.options.className === 'atlas-fade') {{
            most = Math.max(most, l.options.fillOpacity);
        }}
    }});
    return most; }}"""


# Each cluster bubble on screen (markercluster keeps hidden ones, at opacity 0): its centre
# in the map's pixels and its radius.
_BUBBLES = f"""() => {{
    const w = document.querySelector({MAP!r}).contentWindow;
    const box = w.map.getContainer().getBoundingClientRect();
    const shown = b => b.closest('.leaflet-marker-icon').style.opacity !== '0';
    return [...w.document.querySelectorAll('.atlas-cluster')].filter(shown).map(b => {{
        const r = b.getBoundingClientRect();
        return [r.left + r.width / 2 - box.left, r.top + r.height / 2 - box.top, r.width / 2];
    }}).filter(([x, y]) => x >= 0 && y >= 0 && x <= box.width && y <= box.height);
}}"""


def _coloured_ring(image: np.ndarray, centre: tuple[float, float], radius: float) -> int:
    """How many of 12 points on a circle around `centre` are a bubble's strong colours
    (the map under it is greys and beiges)."""
    hits = 0
    for angle in np.linspace(0, 2 * np.pi, 12, endpoint=False):
        x = int(centre[0] + radius * np.cos(angle))
        y = int(centre[1] + radius * np.sin(angle))
        if 0 <= y < image.shape[0] and 0 <= x < image.shape[1]:
            pixel = image[y, x].astype(int)
            hits += int(pixel.max() - pixel.min() > 60)
    return hits
