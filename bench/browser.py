"""Browser timings for the benchmark, in Chromium: the first map drawn (a first visit with
nothing cached, and a page opened again); a quick date range,
an actor and a search (each until the script is done and until the page stops changing);
an imported event chosen from the list of a pile (the events coded to a district centre,
opened at the deepest zoom) until its panel shows what the dataset cites."""

from __future__ import annotations

import csv
import os
import time
from pathlib import Path

from geo.tools.serve import CHROMIUM, CHROMIUM_ARGS, streamlit_server
from geo.view.piles import MAX_ZOOM

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
# The map has drawn something: a marker, a cluster bubble or a counted cell.
DRAWN = """() => {
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const d = f && f.contentDocument;
    return !!(d && d.querySelector('path.atlas-event, .atlas-cluster, .marker-cluster'));
}"""
# Watch the page and the map for changes: window.__changed holds the time of the last one
# (performance.now(), the page's clock), window.__clicked the time of the last click
# or key.
WATCH = """() => {
    const note = () => { window.__changed = performance.now(); };
    new MutationObserver(note).observe(document.body,
        {subtree: true, childList: true, attributes: true, characterData: true});
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    new f.contentWindow.MutationObserver(note).observe(f.contentDocument.body,
        {subtree: true, childList: true, attributes: true});
    document.addEventListener('click', () => { window.__clicked = performance.now(); }, true);
    document.addEventListener('keydown', () => { window.__clicked = performance.now(); }, true);
    // The script has started since the click (a rerun under way, or done).
    const app = document.querySelector('[data-testid=stApp]');
    window.__ran = false;
    new MutationObserver(() => { if (app.dataset.testScriptState === 'running') {
        window.__ran = true; } }).observe(app, {attributes: true});
    f.contentDocument.addEventListener('click', () => {
        window.__clicked = f.contentWindow.performance.timeOrigin
            + f.contentWindow.performance.now() - performance.timeOrigin; }, true);
}"""
QUIET_MS = 500  # no change for this long: the page has settled
# What the map holds and last told the server, when no pile can be opened.
_MAP_STATE = f"""() => {{
    const w = document.querySelector('{MAP_FRAME}').contentWindow, counts = {{}};
    w.map.eachLayer(l => {{ const c = (l.options && l.options.className) || '-';
        counts[c] = (counts[c] || 0) + 1; }});
    return {{zoom: w.map.getZoom(), centre: w.map.getCenter(), layers: counts,
        sent: w.__GLOBAL_DATA__.previous_data,
        script: document.querySelector('[data-testid=stApp]').dataset.testScriptState}};
}}"""


def _server_proc(url: str) -> Path | None:
    """/proc/<pid> of the streamlit process serving `url` (found by its port)."""
    port = url.rsplit(":", 1)[1]
    for proc in Path("/proc").iterdir():
        try:
            cmd = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in b" ".join(cmd) and port.encode() in cmd:
            return proc
    return None


def server_rss_mb(url: str) -> float:
    """Resident memory of the streamlit process serving `url`, in MB."""
    proc = _server_proc(url)
    try:
        for line in (proc / "status").read_text().splitlines() if proc else []:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def server_cpu_s(url: str) -> float:
    """CPU seconds (user + system, every thread) the process serving `url` has used."""
    proc = _server_proc(url)
    try:
        fields = (proc / "stat").read_text().rsplit(")", 1)[1].split() if proc else []
    except OSError:
        return float("nan")
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks if fields else float("nan")


def _open_sessions(browser, url: str, count: int) -> list:
    pages = []
    for _ in range(count):
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(url)
        page.wait_for_function(DRAWN, timeout=120_000)
        pages.append(page)
    return pages


# Settled: nothing changed for QUIET_MS and no script running. A rerun the click set off
# later (the map's view reported again once the panel has changed the page's layout)
# changes nothing on the page while the server works on it: quiet is not enough.
SETTLED = f"""() => performance.now() - (window.__changed || 0) > {QUIET_MS}
    && document.querySelector('[data-testid=stApp]').dataset.testScriptState === 'notRunning'"""


def _settled_ms(page) -> float:
    """Milliseconds from the last click to the page's last change, once it has settled."""
    page.wait_for_function(SETTLED, timeout=60_000)
    return page.evaluate("() => window.__changed - window.__clicked")


def _rerun(page, act) -> tuple[float, float]:
    """ms from `act()` (a click or a key) until the script is done, and until the page
    settles."""
    page.evaluate(WATCH)
    start = time.perf_counter()
    act()
    page.wait_for_function("() => window.__ran", timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    done = (time.perf_counter() - start) * 1000
    return done, _settled_ms(page)


def _filters(page) -> list[tuple[float, float]]:
    """A quick date range; then, over every date again, an actor picked and a search
    typed (timed from its last key, the search's own pause included)."""
    timings = [_rerun(page, page.get_by_role("button", name="Last 90 days").click)]
    page.get_by_role("button", name="Everything").click()
    page.wait_for_selector(IDLE, timeout=60_000)
    box = page.locator(".st-key-actors input")
    box.click()
    box.fill("Taliban")
    time.sleep(0.5)  # the multiselect lists its matches; Enter picks the first
    timings.append(_rerun(page, lambda: page.keyboard.press("Enter")))
    page.keyboard.press("Escape")  # the list closed
    box = page.locator(".st-key-q input")
    box.click()
    box.fill("Maza")  # the search filters as you type, after a short pause: this runs
    page.wait_for_selector(IDLE, timeout=60_000)
    time.sleep(1)
    timings.append(_rerun(page, lambda: box.press_sequentially("r")))  # the pause counts
    return timings


def _imported_spot(csv_path: Path) -> tuple[float, float]:
    """A district centre where imported events pile up: one coded to the exact place
    (the generator puts every such event of a centre on its one point)."""
    with csv_path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["where_prec"] == "1":
                return float(row["latitude"]), float(row["longitude"])
    raise ValueError(f"{csv_path} has no event coded to an exact place")


# Marks the bubble over the point that opens its list (geo/view/piles.py), if one is
# drawn there now, and returns its page coordinates.
PILE_AT = f"""([lat, lon]) => {{
    const f = document.querySelector('{MAP_FRAME}');
    const w = f.contentWindow, box = w.map.getContainer().getBoundingClientRect();
    const p = w.map.latLngToContainerPoint([lat, lon]);
    const hit = w.document.elementFromPoint(box.left + p.x, box.top + p.y);
    const bubble = hit && hit.closest('.atlas-cluster-icon');
    if (!bubble || !/: Enter lists its events$/.test(bubble.title)) {{ return null; }}
    const r = bubble.getBoundingClientRect(), frame = f.getBoundingClientRect();
    return {{x: frame.left + r.left + r.width / 2, y: frame.top + r.top + r.height / 2}};
}}"""


def _select_imported(page, spot: tuple[float, float]) -> tuple[float, float]:
    """At the deepest zoom on a district centre, open the pile of events coded to it (a
    list: no zoom splits them) and choose its newest: ms from that click until the
    script is done and until the panel shows what the dataset cites (its headline)."""
    page.evaluate(
        f"([lat, lon, z]) => {{ document.querySelector('{MAP_FRAME}').contentWindow.map"
        ".setView([lat, lon], z, {animate: false}); }",  # the map itself is not returned
        [*spot, MAX_ZOOM],
    )
    try:
        page.wait_for_function(PILE_AT, arg=list(spot), timeout=60_000)
        page.wait_for_selector(IDLE, timeout=60_000)
        bubble = page.wait_for_function(PILE_AT, arg=list(spot), timeout=60_000).json_value()
    except Exception:
        page.screenshot(path="/tmp/bench-no-pile.png")
        state = page.evaluate(_MAP_STATE)
        raise SystemExit(f"no pile to open at {spot} at zoom {MAX_ZOOM}: {state}") from None
    page.mouse.click(bubble["x"], bubble["y"])
    entry = page.frame_locator(MAP_FRAME).locator(".atlas-pile-row").first
    entry.wait_for(timeout=60_000)  # its page came from the server, or the map had it
    page.wait_for_selector(IDLE, timeout=60_000)
    box = entry.bounding_box()
    number = int(entry.get_attribute("data-id").rsplit("-", 1)[1]) - 900_000  # 900000 + row
    page.evaluate(WATCH)
    start = time.perf_counter()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.get_by_text(f"Generated headline {number}", exact=True).wait_for(timeout=60_000)
    shown = (time.perf_counter() - start) * 1000
    page.wait_for_function("() => window.__ran", timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    return shown, _settled_ms(page)


def browser_figures(layers: Path, data: Path, count: int, csv_path: Path) -> list[str]:
    """[events, first map, date range, actor, search (each: done / settled), marker
    click (citation shown / settled), server RSS with 1 and 5 sessions] for one layers
    folder."""
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
        first = (time.perf_counter() - start) * 1000
        page.wait_for_selector(IDLE, timeout=60_000)
        time.sleep(1)
        picked = _select_imported(page, _imported_spot(csv_path))
        filters = _filters(page)
        one = server_rss_mb(url)
        _open_sessions(browser, url, 4)
        five = server_rss_mb(url)
        # Last: its session would count in the memory figures, and the server is idle now.
        cold = _first_visit_ms(browser, url)
        browser.close()
    pairs = [f"{done:,.0f} / {settled:,.0f} ms" for done, settled in [*filters, picked]]
    restart = restart_first_map_ms(layers, data)  # the compiled files are there now
    drawn = [f"{restart:,.0f} ms", f"{cold:,.0f} ms", f"{first:,.0f} ms"]
    return [f"{count:,}", *drawn, *pairs, f"{one:,.0f} MB", f"{five:,.0f} MB"]


def restart_first_map_ms(layers: Path, data: Path) -> float:
    """A restart with nothing changed: from launching the server to the first map drawn in
    a page opened at once (the server's start, the store's snapshot, the page's scripts)."""
    from playwright.sync_api import sync_playwright

    env = {"ATLAS_TILES": "none", "ATLAS_LAYERS_DIR": str(layers), "ATLAS_DATA_DIR": str(data)}
    start = time.perf_counter()
    with streamlit_server(env=env, timeout=600) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(url)
        page.wait_for_function(DRAWN, timeout=900_000)
        took = (time.perf_counter() - start) * 1000
        browser.close()
    return took


def _first_visit_ms(browser, url: str) -> float:
    """A new visitor's first map: a context of its own, so nothing is cached yet (the
    browser fetches and compiles Streamlit's scripts, about 3 MB)."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(DRAWN, timeout=60_000)
    took = (time.perf_counter() - start) * 1000
    context.close()
    return took
