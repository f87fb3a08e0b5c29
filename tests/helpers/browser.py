"""Shared pieces of the real-browser tests: opening the app, waiting for the map."""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers.data import EVENT_LAYER_FILES, read_layer

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
APP_IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
MAP = 'iframe[title="streamlit_folium.st_folium"]'
MARKERS = "path.atlas-event"
EVENTS = [f["properties"] for p in EVENT_LAYER_FILES for f in read_layer(p)["features"]]
# Distinct uncertainty circles per layer, as the map draws them (one per place and radius).
CIRCLES = [
    {
        "geometry_key": (
            p.stem,
            tuple(f["geometry"]["coordinates"]),
            f["properties"]["uncertainty"]["radius_km"],
        )
    }
    for p in EVENT_LAYER_FILES
    for f in read_layer(p)["features"]
    if (f["properties"].get("uncertainty") or {}).get("shape") == "circle"
]
LOCAL = re.compile(r"^(https?://(127\.0\.0\.1|localhost)(:\d+)?/|data:|blob:|about:)")


def open_app(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(APP_IDLE, timeout=60_000)


# Events the map shows: single markers plus the counts written on cluster bubbles.
_DRAWN_EVENTS_JS = """() => {
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const doc = f && f.contentDocument;
    if (!doc || !doc.querySelector('.leaflet-container')) { return -1; }
    const singles = doc.querySelectorAll('path.atlas-event').length;
    let grouped = 0;
    doc.querySelectorAll('.atlas-cluster span').forEach(s => { grouped += Number(s.textContent); });
    return singles + grouped;
}"""


def drawn_events(page) -> int:
    """Events drawn on the map now: single markers plus those grouped in clusters."""
    return page.evaluate(_DRAWN_EVENTS_JS)


def wait_for_markers(page, expected: int, timeout: int = 30_000) -> None:
    """Wait until the map accounts for exactly `expected` events (singles + clusters)."""
    page.wait_for_function(f"n => ({_DRAWN_EVENTS_JS})() === n", arg=expected, timeout=timeout)


def marker_count(page, expected: int | None = None) -> int:
    """Markers on the map once drawn: exactly `expected` if given (waits for that)."""
    if expected is not None:
        wait_for_markers(page, expected)
    else:
        page.frame_locator(MAP).locator(".leaflet-container").wait_for(timeout=30_000)
        page.wait_for_selector(APP_IDLE, timeout=60_000)
    return drawn_events(page)
