"""Browser timings for the benchmark: the first map drawn and one rerun, in Chromium."""

from __future__ import annotations

import time
from pathlib import Path

from geo.tools.serve import CHROMIUM, CHROMIUM_ARGS, streamlit_server

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
# The map has drawn something: a marker, a cluster bubble or a counted cell.
DRAWN = """() => {
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const d = f && f.contentDocument;
    return !!(d && d.querySelector('path.atlas-event, .atlas-cluster, .marker-cluster'));
}"""


def server_rss_mb(url: str) -> float:
    """Resident memory of the streamlit process serving `url` (found by its port), in MB."""
    port = url.rsplit(":", 1)[1]
    for proc in Path("/proc").iterdir():
        try:
            cmd = (proc / "cmdline").read_bytes().split(b"\0")
            if b"streamlit" in b" ".join(cmd) and port.encode() in cmd:
                for line in (proc / "status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            continue
    return float("nan")


def _open_sessions(browser, url: str, count: int) -> list:
    pages = []
    for _ in range(count):
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(url)
        page.wait_for_function(DRAWN, timeout=120_000)
        pages.append(page)
    return pages


def browser_figures(layers: Path, data: Path, count: int) -> list[str]:
    """[events, first map, rerun, server RSS with 1 and 5 sessions] for one layers folder."""
    from playwright.sync_api import sync_playwright

    env = {"ATLAS_TILES": "none", "ATLAS_LAYERS_DIR": str(layers), "ATLAS_DATA_DIR": str(data)}
    with streamlit_server(env=env, timeout=600) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(url)  # the server loads the data on this first visit: not timed
        page.wait_for_function(DRAWN, timeout=900_000)
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_function(DRAWN, timeout=60_000)
        first = time.perf_counter() - start
        page.wait_for_selector(IDLE, timeout=60_000)
        start = time.perf_counter()
        page.get_by_role("button", name="Last 90 days").click()
        page.wait_for_selector(IDLE, timeout=60_000)
        page.wait_for_function(DRAWN, timeout=60_000)
        rerun = time.perf_counter() - start
        one = server_rss_mb(url)
        _open_sessions(browser, url, 4)
        five = server_rss_mb(url)
        browser.close()
    return [f"{count:,}", f"{first * 1000:,.0f} ms", f"{rerun * 1000:,.0f} ms",
            f"{one:,.0f} MB", f"{five:,.0f} MB"]  # fmt: skip
