"""The scale benchmark: `python -m bench.run` prints figures and writes bench/results.md.

For 1,000, 10,000 and 100,000 generated events (UCDP layout, clustered on district
centres, imported with the real importer so the validator accepts them) it measures,
in one run: the cold load, a rerun after a date, an actor and a search change (server
time and bytes of the page's elements), resident memory, and the same figures for the
obvious implementation (one folium.Marker with a popup per event, the whole table,
an Altair chart of every row and both downloads built on every rerun); then the first
map, filters and a marker click in Chromium. Numbers are printed, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import obvious
from bench.browser import browser_figures
from bench.generate import write_csv
from bench.report import kept_sections
from geo.importers.run import ImportRequest, run_import
from geo.published import ucdp
from geo.settings import ROOT

SIZES = (1_000, 10_000, 100_000)
RESULTS = ROOT / "bench" / "results.md"


def rss_mb() -> float:
    """Resident memory of this process now, in MB (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


IMPORT_SECONDS: dict[tuple[int, str], float] = {}  # (events, suffix) -> its import, timed


def prepare(count: int, root: Path, suffix: str = ".geojson") -> tuple[Path, Path]:
    """A layers folder (the shipped layers plus `count` imported events, as a GeoJSON or a
    GeoParquet layer by `suffix`) and its data folder. The import alone (the real
    importer: map, validate, write and compile the layer; not the CSV's generation) is
    timed in `IMPORT_SECONDS`."""
    layers, data = root / "layers", root / "data"
    shutil.copytree(ROOT / "layers", layers, ignore=shutil.ignore_patterns(".compiled"))
    csv_path = write_csv(count, root / f"generated_ged_{count}.csv")
    started = time.perf_counter()
    out = layers / f"generated{suffix}"
    request = ImportRequest(
        ucdp.DATASET,
        "bench",
        ucdp.LICENCE,
        csv_path,
        out,
        layers,
        ROOT / "seeds",
        data,
        "Generated",
    )
    report = run_import(request)
    if report.failed:
        raise SystemExit("\n".join(report.lines))
    IMPORT_SECONDS[count, suffix] = time.perf_counter() - started
    return layers, data


def _page_bytes(at: Any) -> int:
    """Bytes of every element the run produced, as serialised for the browser."""
    total, stack = 0, [at._tree]
    while stack:
        node = stack.pop()
        if hasattr(node, "proto") and hasattr(node.proto, "ByteSize"):
            total += node.proto.ByteSize()
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            stack += list(children.values())
    return total


def event_picker(at: Any) -> Any:
    """The event picker (its key changes each time it is cleared: ui.state.picker_key)."""
    return next(s for s in at.selectbox if (s.key or "").startswith("event-picker"))


def _timed_run(at: Any) -> tuple[float, int]:
    start = time.perf_counter()
    at.run()
    if at.exception:
        raise SystemExit(f"the app failed: {at.exception}")
    return time.perf_counter() - start, _page_bytes(at)


def app_figures(layers: Path, data: Path) -> dict[str, Any]:
    """Cold load and reruns of the real app, through Streamlit's AppTest, in this process."""
    from streamlit.testing.v1 import AppTest

    os.environ.update(ATLAS_LAYERS_DIR=str(layers), ATLAS_DATA_DIR=str(data), ATLAS_TILES="none")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=1200)
    out: dict[str, Any] = {}
    out["cold"], out["cold_bytes"] = _timed_run(at)
    out["warm"], out["warm_bytes"] = _timed_run(at)
    indexes_built()  # a big start builds its search words in the background: not timed
    at.date_input(key="dates").set_value((dt.date(2020, 1, 1), dt.date(2021, 6, 30)))
    out["dates"], out["dates_bytes"] = _timed_run(at)
    at.multiselect(key="actors").set_value(["Taliban"])
    out["actor"], out["actor_bytes"] = _timed_run(at)
    at.text_input(key="q").input("Kunduz")
    out["search"], out["search_bytes"] = _timed_run(at)
    # A click on a marker, a table row and a related link all set the picker (one path).
    event_picker(at).select_index(0)
    out["select"], out["select_bytes"] = _timed_run(at)
    out["every"], out["every_bytes"] = _every_date_actor(at)
    out["rss_mb"] = rss_mb()
    return out


def _every_date_actor(at: Any) -> tuple[float, int]:
    """An actor over every date (the Chromium table's actor): the dates back to
    everything, the search cleared, another actor; a view no run has drawn, so none of
    its counts are cached. The steps above narrow a date range first (fewer rows)."""
    at.button(key="preset-Everything").click()
    at.text_input(key="q").input("")
    at.multiselect(key="actors").set_value(["IS"])
    return _timed_run(at)


def indexes_built() -> float | None:
    """Wait for the indexes a big load builds after its first page (the layers' search
    words, then the frame's), as a reader does who starts filtering a minute later; the
    seconds waited for the frame's words, or None when none were being built."""
    from geo import filters, settings
    from geo.store.replica import replica_for

    warming = replica_for(settings.from_env()).warming  # the layers' indexes, joined
    if warming is not None:
        warming.join()
    thread = filters._BUILDER._thread  # a benchmark looks inside
    if thread is None:
        return None
    start = time.perf_counter()
    thread.join()
    return time.perf_counter() - start


def _imports(count: int) -> str:
    """The import's time, as GeoParquet and (when it was also imported so) as GeoJSON."""
    said = [
        f"{IMPORT_SECONDS[count, suffix]:,.1f} s as {name}"
        for suffix, name in ((".parquet", "GeoParquet"), (".geojson", "GeoJSON"))
        if (count, suffix) in IMPORT_SECONDS
    ]
    return " / ".join(said) or "—"


def _mb(n: float) -> str:
    return f"{n / 1e6:,.2f} MB"


def _row(count: int, app: dict[str, Any], base: dict[str, Any]) -> list[str]:
    steps = ("dates", "actor", "search", "select", "every")
    rerun = max(app[k] for k in steps)
    sent = max(app[f"{k}_bytes"] for k in steps)
    ran = base["seconds"] == base["seconds"]  # NaN when the obvious page cannot run
    return [
        f"{count:,}",
        _imports(count),
        f"{app['cold']:.1f} s",
        " / ".join(f"{app[k] * 1000:,.0f}" for k in steps) + " ms",
        _mb(sent),
        f"{app['rss_mb']:,.0f} MB",
        f"{base['seconds']:,.1f} s{base['note']}" if ran else "cannot run",
        _mb(base["bytes"]) + base["note"] if ran else "cannot run",
        f"{base['seconds'] / rerun:,.0f}×" if ran else "—",
        f"{base['bytes'] / sent:,.0f}×" if ran else "—",
    ]


HEADER = [
    "events", "import (the real importer, compiled)", "first run after the import",
    "rerun: dates / actor / search / select an event / another actor over every date",
    "page bytes per rerun (max)", "server RSS", "obvious: rerun", "obvious: bytes",
    "time ratio", "bytes ratio",
]  # fmt: skip


_SERVER_WORDS = (
    "Server figures from Streamlit's AppTest in one process (the data loaded once, "
    "shared by every session; the reruns timed once the search words a big start builds "
    "in the background are built). The reruns, in order: a date range (2020-01-01 … "
    "2021-06-30), an actor within it, a search within both, an event selected, then "
    "another actor over every date with the search cleared (a view no run drew: none of "
    "its counts cached, as in the browser's actor); bytes are the serialised page "
    "elements of one rerun "
    "(map, table page, timeline, panel; downloads are built only when clicked). "
    "The obvious implementation builds one `folium.Marker` with a popup per event, the "
    "whole table, an Altair chart of every row and both downloads on every rerun."
)
_BROWSER_WORDS = (
    "The first map is timed from the address opened to the first marker or bubble "
    "drawn: on a first visit (nothing cached: the browser fetches and compiles "
    "Streamlit's own scripts, about 3 MB) and on the page opened again. "
    "A quick date range (a click), an actor (Enter in its box, over every date) and a "
    "search (typed: from its last key, Streamlit's pause before a live search runs "
    "included) are timed until the script is done, and until the page stops "
    "changing (no change in the page or the map for 0.5 s: the table and timeline "
    "redrawn). An imported event is selected from a pile's list: at the deepest zoom on "
    "a district centre, the bubble of the events coded to it (no zoom splits them) "
    "opens their list, and its newest entry is clicked: timed from that click until "
    "its panel shows the headline the dataset cites, and until the page stops changing."
)
_BROWSER_HEADER = [
    "events",
    "first map after a restart (server launched, nothing changed)",
    "first map, first visit (nothing cached)",
    "first map, page opened again",
    "quick date range: done / settled",
    "actor: done / settled",
    "search: done / settled",
    "choose an event from a pile's list: citation shown / settled",
    "server RSS, 1 session",
    "server RSS, 5 sessions",
]


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table."""
    return [
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
        *["| " + " | ".join(r) + " |" for r in rows],
    ]


def write_results(rows: list[list[str]], browser: list[list[str]], started: str) -> str:
    """The results as Markdown, also written to bench/results.md."""
    lines = [
        "# Scale benchmark (`python -m bench.run`)",
        "",
        f"One run, {started}, on this machine ({os.cpu_count()} cores), `ATLAS_TILES=none`.",
        _SERVER_WORDS,
        "",
        *_table(HEADER, rows),
        "",
        "## In Chromium",
        "",
        _BROWSER_WORDS,
        "",
        *_table(_BROWSER_HEADER, browser),
        "",
    ]
    text = "\n".join(lines) + kept_sections(RESULTS, heading=TEAM_SECTION)
    RESULTS.write_text(text, encoding="utf-8")
    return text


TEAM_SECTION = "\n## A team's atlas"  # written by hand from `bench.team`'s run: kept


def main() -> None:
    """Run every size, print the table, write bench/results.md."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--parquet-above", type=int, default=100_000,
                        help="import bigger sizes as a GeoParquet layer")  # fmt: skip
    parser.add_argument("--full-obvious", action="store_true",
                        help="build the obvious map at 100,000 too (about 4 minutes)")  # fmt: skip
    args = parser.parse_args()
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    rows, browser = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for count in args.sizes:
            parquet = count > args.parquet_above
            layers, data = prepare(
                count, Path(tmp) / str(count), ".parquet" if parquet else ".geojson"
            )
            app = app_figures(layers, data)
            if not parquet:  # the README's way at scale, timed beside it (after the RSS)
                prepare(count, Path(tmp) / f"{count}-parquet", ".parquet")
            base = obvious.figures(layers, data, count, full=args.full_obvious, can=not parquet)
            rows.append(_row(count, app, base))
            print(" | ".join(rows[-1]), flush=True)
            if not args.no_browser:
                csv_path = layers.parent / f"generated_ged_{count}.csv"
                browser.append(browser_figures(layers, data, count, csv_path))
                print(" | ".join(browser[-1]), flush=True)
    print(write_results(rows, browser, started))


if __name__ == "__main__":
    main()
