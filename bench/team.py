"""The team's atlas under load: two replicas on one PostGIS store at 100,000 events,
viewer sessions on both (over Streamlit's websocket, or in headless Chromium), each
clicking every `--think` seconds or so, and two editors accepting every few seconds.
Writes bench/team.md.

Usage: python -m bench.team [--events 100000] [--viewers 50] [--seconds 90] [--think 10]
                           [--viewer ws|browser]

Reports: loading the events into the store; a replica's first start from an empty copy;
SQL (PostGIS) against the compiled columns for a filter and counts (the choice the store
made); each viewer's rerun latency after a quick date range (percentiles, errors); and,
for each accept, how long until the page on the other replica shows it, with no click.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import random
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import psycopg
from playwright.async_api import async_playwright

from bench.browser import server_rss_mb
from bench.report import kept_sections
from bench.run import prepare
from bench.ws_viewer import Viewer, shown_of
from geo.filters import Filters, apply_filters
from geo.store.pg import migrate
from geo.store.postgis import PostgisStore
from geo.tools import pgcluster
from geo.tools.serve import CHROMIUM, streamlit_server
from tests.helpers.data import ROOT
from tests.helpers.pg import accept_copy

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
TOTAL = "[data-testid='stMarkdownContainer']:has-text('events shown of')"
# The count line changed: the rerun after the click reached the page (the two quick
# ranges show different counts on the generated data).
_CHANGED = """before => {
  const el = [...document.querySelectorAll('[data-testid=stMarkdownContainer]')]
    .find(e => e.innerText.includes('events shown of'));
  return el && el.innerText !== before; }"""
EVERY_SECONDS = 4.0  # an editor accepts this often
OUT = ROOT / "bench" / "team.md"
BUTTONS = ("Last 90 days", "Everything")  # a viewer clicks these in turn


def _ms(values: list[float], q: float) -> str:
    return f"{np.percentile(values, q):,.0f}" if values else "–"


def load_store(url: str, root: Path, events: int) -> dict[str, float]:
    start = time.perf_counter()
    layers, data = prepare(events, root)
    made = time.perf_counter() - start
    start = time.perf_counter()
    problems = PostgisStore(url, root / "loader").load(layers, ROOT / "seeds", data, who="bench")
    assert not problems, problems[:3]
    return {"generate_import_s": made, "load_s": time.perf_counter() - start}


def _sql_or_columns(url: str, root: Path) -> dict[str, float]:
    """A date filter and counts by month: in SQL on atlas.events, and on the frame."""
    frame = PostgisStore(url, root / "probe").snapshot().frame
    since = dt.datetime(2015, 1, 1)
    sql = (
        "SELECT date_trunc('month', date_start) AS m, count(*), sum(fatalities) "
        "FROM atlas.events WHERE date_start >= %s GROUP BY m"
    )
    with psycopg.connect(url) as conn:
        conn.execute(sql, (since,)).fetchall()  # warm
        start = time.perf_counter()
        for _ in range(5):
            conn.execute(sql, (since,)).fetchall()
        in_sql = (time.perf_counter() - start) / 5
    start = time.perf_counter()
    for _ in range(5):
        shown = apply_filters(frame, Filters(date_from=since.date()))
        shown.groupby(shown["date_start"].dt.to_period("M")).agg(
            n=("id", "size"), killed=("fatalities", "sum")
        )
    on_columns = (time.perf_counter() - start) / 5
    return {"sql_ms": in_sql * 1000, "columns_ms": on_columns * 1000, "rows": float(len(frame))}


class _Accepts:
    """The events the store holds, counted as the editors' accepts land."""

    def __init__(self, total: int):
        self.total = total
        self.log: list[dict[str, Any]] = []
        self._guard = threading.Lock()

    def landed(self, name: str) -> None:
        with self._guard:
            self.total += 1
            self.log.append({"name": name, "at": time.perf_counter(), "total": self.total})

    def failed(self, name: str, exc: BaseException) -> None:
        with self._guard:
            self.log.append({"name": name, "at": time.perf_counter(), "error": repr(exc)})


def _editor(url: str, cache: Path, name: str, stop: threading.Event, accepts: _Accepts) -> None:
    store = PostgisStore(url, cache)
    n = 0
    while not stop.wait(EVERY_SECONDS):
        n += 1
        try:
            accept_copy(store, f"bench-{name}-{n}", who=name, expect=False)
            accepts.landed(name)
        except Exception as exc:  # counted, not fatal: the bench reports errors
            accepts.failed(name, exc)


async def _think(think: float) -> None:
    """A reader reading the page before the next click: `think` seconds on average."""
    await asyncio.sleep(random.uniform(0.5, 1.5) * think)


async def _viewer(
    browser: Any, url: str, seconds: float, out: dict[str, list], think: float
) -> None:
    page = await browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        start = time.perf_counter()
        await page.goto(url, timeout=300_000)
        await page.wait_for_selector(TOTAL, timeout=300_000)
        out["first_ms"].append((time.perf_counter() - start) * 1000)
        n = 0
        deadline = time.perf_counter() + seconds  # from this page's first load on
        while time.perf_counter() < deadline:
            before = await page.locator(TOTAL).first.inner_text()
            start = time.perf_counter()
            await page.get_by_role("button", name=BUTTONS[n % 2]).click(timeout=60_000)
            await page.wait_for_function(_CHANGED, arg=before, timeout=60_000)
            out["rerun_ms"].append((time.perf_counter() - start) * 1000)
            n += 1
            await _think(think)
    except Exception as exc:  # a viewer that fails is an error in the report
        out["errors"].append(repr(exc)[:200])
    finally:
        await page.close()


async def _observer(page: Any, done: asyncio.Event, seen: list, out: dict[str, list]) -> None:
    """Reads the total on one open page of a replica; records when each new total appears."""
    last = None
    try:
        while not done.is_set():
            text = await page.locator(TOTAL).first.inner_text(timeout=60_000)
            total = int(text.rsplit("of", 1)[1].strip().rstrip(".").replace(",", ""))
            if total != last:
                seen.append((time.perf_counter(), total))
                last = total
            await asyncio.sleep(0.05)
    except Exception as exc:  # reported, and the run goes on
        out["errors"].append("observer: " + repr(exc)[:200])


async def _open_observer(browser: Any, url: str) -> Any:
    page = await browser.new_page(viewport={"width": 1280, "height": 720})
    await page.goto(url, timeout=300_000)
    await page.wait_for_selector(TOTAL, timeout=300_000)
    return page


async def _ws_viewer(url: str, seconds: float, out: dict[str, list], think: float) -> None:
    """A viewer over the websocket (bench/ws_viewer.py): as `_viewer`, with no Chromium."""
    try:
        async with Viewer(url) as viewer:
            out["first_ms"].append(await viewer.open() * 1000)
            n, deadline = 0, time.perf_counter() + seconds
            while time.perf_counter() < deadline:
                out["rerun_ms"].append(await viewer.click(BUTTONS[n % 2], timeout=60) * 1000)
                n += 1
                await _think(think)
            out["bytes"].append(viewer.bytes)
    except Exception as exc:  # a viewer that fails is an error in the report
        out["errors"].append(repr(exc)[:200])


async def _ws_observer(url: str, done: asyncio.Event, seen: list, out: dict[str, list]) -> None:
    """One open page of a replica over the websocket, clicked by no one: records when each
    new total appears (its follower fragment reruns it for each new load)."""
    try:
        async with Viewer(url) as viewer:
            await viewer.open()
            last = None
            while not done.is_set():
                total = shown_of(viewer.total)
                if total != last:
                    seen.append((time.perf_counter(), total))
                    last = total
                async with viewer.changed:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(viewer.changed.wait(), 0.5)
    except Exception as exc:  # reported, and the run goes on
        out["errors"].append("observer: " + repr(exc)[:200])


async def _drive_ws(urls: list[str], viewers: int, seconds: float, think: float) -> dict[str, Any]:
    """As `_drive`, every session over the websocket."""
    out: dict[str, list] = {"rerun_ms": [], "first_ms": [], "errors": [], "bytes": []}
    seen: dict[str, list] = {u: [] for u in urls}
    done = asyncio.Event()
    watching = [asyncio.create_task(_ws_observer(u, done, seen[u], out)) for u in urls]
    await asyncio.gather(*[_ws_viewer(urls[i % 2], seconds, out, think) for i in range(viewers)])
    await asyncio.sleep(EVERY_SECONDS * 2)  # the last accepts have time to show
    done.set()
    await asyncio.gather(*watching)
    return {**out, "seen": seen}


async def _drive(urls: list[str], viewers: int, seconds: float, think: float) -> dict[str, Any]:
    """One open page per replica watches the count; then the viewers arrive at once."""
    out: dict[str, list] = {"rerun_ms": [], "first_ms": [], "errors": [], "bytes": []}
    seen: dict[str, list] = {u: [] for u in urls}
    done = asyncio.Event()
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        pages = await asyncio.gather(*[_open_observer(browser, u) for u in urls])
        watching = [
            asyncio.create_task(_observer(p, done, seen[u], out))
            for p, u in zip(pages, urls, strict=True)
        ]
        await asyncio.gather(
            *[_viewer(browser, urls[i % 2], seconds, out, think) for i in range(viewers)]
        )
        await asyncio.sleep(EVERY_SECONDS * 2)  # the last accepts have time to show
        done.set()
        await asyncio.gather(*watching)
        await browser.close()
    return {**out, "seen": seen}


def _visible_after(log: list[dict[str, Any]], seen: list[tuple[float, int]]) -> list[float]:
    """Seconds from each accept to the first time a page shows its total or more."""
    delays = []
    for entry in log:
        if entry.get("total") is None:
            continue
        later = [t for t, total in seen if total >= entry["total"]]
        if later:
            delays.append(max(0.0, min(later) - entry["at"]))
    return delays


def run(events: int, viewers: int, seconds: float, *, kind: str = "ws", think: float = 10.0) -> str:
    home = Path(tempfile.mkdtemp(prefix="atlas-team-bench-", dir="/tmp"))
    home.chmod(0o755)
    print(f"working in {home} (the replicas' logs: r1.log, r2.log)", flush=True)
    load = os.getloadavg()[0]
    cluster = pgcluster.start(home / "pg")
    try:
        migrate(cluster.url)
        figures = load_store(cluster.url, home, events)
        figures.update(_sql_or_columns(cluster.url, home))
        figures.update(kind=kind, load=load, think=think)
        return _serve_and_drive(cluster.url, home, viewers, seconds, figures)
    finally:
        pgcluster.stop(cluster.directory)


def replica(url: str, home: Path, name: str) -> contextlib.AbstractContextManager[str]:
    """A replica of the store at `url` (a Streamlit server), its cache and log under `home`."""
    env = {"ATLAS_TILES": "none", "ATLAS_STORE": url, "ATLAS_CACHE_DIR": str(home / name)}
    return streamlit_server(env, 300, home / f"{name}.log")


def _serve_and_drive(url: str, home: Path, viewers: int, seconds: float, figures: dict) -> str:
    start = time.perf_counter()
    with replica(url, home, "r1") as one, replica(url, home, "r2") as two:
        figures["replicas_up_s"] = time.perf_counter() - start
        stop, accepts = threading.Event(), _Accepts(int(figures["rows"]))
        editors = [
            threading.Thread(
                target=_editor, args=(url, home / f"ed{n}", f"editor-{n}", stop, accepts)
            )
            for n in (1, 2)
        ]
        for thread in editors:
            thread.start()
        try:
            drive = _drive_ws if figures["kind"] == "ws" else _drive
            driven = asyncio.run(drive([one, two], viewers, seconds, figures["think"]))
        finally:
            stop.set()
            for thread in editors:
                thread.join()
        figures["rss_mb"] = [server_rss_mb(one), server_rss_mb(two)]
    return _report(figures, driven, accepts.log, viewers, seconds)


def _report(figures: dict, driven: dict, log: list, viewers: int, seconds: float) -> str:
    reruns = driven["rerun_ms"]
    delays = [d for seen in driven["seen"].values() for d in _visible_after(log, seen)]
    accepts = [e for e in log if e.get("total") is not None]
    failed = [e for e in log if "error" in e]
    lines = [
        "# The team's atlas under load (`python -m bench.team`)",
        "",
        f"Run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on this machine (2 cores, shared by "
        f"the database, two replicas, the viewers and the editors; load average before the run "
        f"{figures.get('load', float('nan')):.1f}). Viewers: {_KINDS[figures['kind']]}.",
        "",
        f"- {int(figures['rows']):,} events; generated and imported in "
        f"{figures['generate_import_s']:.0f} s; loaded into the store in {figures['load_s']:.0f} s",
        f"- two replicas from empty copies to healthy: {figures['replicas_up_s']:.0f} s; "
        f"resident memory at the end: {figures['rss_mb'][0]:,.0f} MB and "
        f"{figures['rss_mb'][1]:,.0f} MB",
        f"- a date filter and counts by month: {figures['sql_ms']:.0f} ms in SQL on atlas.events, "
        f"{figures['columns_ms']:.0f} ms on the compiled columns: the dashboard uses the columns",
        f"- {viewers} viewers arriving at once: first page (the count line) after p50 "
        f"{_ms(driven['first_ms'], 50)} ms, p90 {_ms(driven['first_ms'], 90)} ms, slowest "
        f"{_ms(driven['first_ms'], 100)} ms; {len(driven['first_ms'])} of {viewers} loaded",
        f"- {viewers} viewer sessions for {seconds:.0f} s, each clicking a quick date range "
        f"every {figures['think']:.0f} s or so (0.5–1.5×) after the last click's page: "
        f"{len(reruns):,} reruns, p50 {_ms(reruns, 50)} ms, p90 {_ms(reruns, 90)} ms, p99 "
        f"{_ms(reruns, 99)} ms; {len(driven['errors'])} viewer errors"
        + _per_rerun(driven["bytes"], len(reruns), viewers),
        f"- two editors accepting every {EVERY_SECONDS:.0f} s: {len(accepts)} accepts, "
        f"{len(failed)} failed; seen on an open page of each replica (no click) after "
        f"median {statistics.median(delays) if delays else float('nan'):.1f} s, "
        f"max {max(delays) if delays else float('nan'):.1f} s; the open page of each replica "
        f"showed a new total {' and '.join(str(len(s)) for s in driven['seen'].values())} "
        "times (its reruns that brought a new load)",
    ]
    if driven["errors"]:
        lines += ["", "Viewer errors (first 5):", *[f"- `{e}`" for e in driven["errors"][:5]]]
    if failed:
        lines += ["", "Editor errors (first 5):", *[f"- `{e['error']}`" for e in failed[:5]]]
    return "\n".join(lines) + "\n"


_KINDS = {
    "ws": "sessions driven over Streamlit's websocket (bench/ws_viewer.py), so the figures "
    "are the replicas' own, with no browser drawing pages on the same cores",
    "browser": "headless Chromium pages, which draw every page on the same 2 cores",
}


def _per_rerun(received: list[int], reruns: int, viewers: int) -> str:
    """Bytes a viewer received per run (its first page's included), when counted."""
    if not received or not reruns:
        return ""
    return f"; {sum(received) / (reruns + viewers) / 1e6:.2f} MB received per run"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--viewers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=90)
    parser.add_argument(
        "--think", type=float, default=10.0, help="seconds a viewer reads between clicks"
    )
    parser.add_argument(
        "--viewer",
        choices=("ws", "browser"),
        default="ws",
        help="viewers over Streamlit's websocket (the replicas measured) or in Chromium",
    )
    args = parser.parse_args()
    text = run(args.events, args.viewers, args.seconds, kind=args.viewer, think=args.think)
    OUT.write_text(text + kept_sections(OUT), "utf-8")
    print(text)


if __name__ == "__main__":
    main()
