"""Benchmarks that print numbers (never asserted in tests).

    .venv/bin/python -m bench.bench data      # validation, filtering, map building at scale
    .venv/bin/python -m bench.bench browser   # time per interaction in Chromium, localhost only

Speed targets are read off these numbers; the test suite only checks behaviour.
"""

from __future__ import annotations

import copy
import json
import statistics
import sys
import time

import numpy as np
import pandas as pd

from geo.filters import Filters, filter_mask
from geo.geometry import spread_overlaps
from geo.model import EventFeature
from geo.settings import ROOT
from geo.view import map as mapview
from geo.view.style import EVENT_TYPE_COLOURS


def _timed(fn, repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def synthetic_frame(n: int, seed: int = 7) -> pd.DataFrame:
    """A frame shaped like geo.dataset.events_frame, with n random events in the region."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2015-01-01") + pd.to_timedelta(rng.integers(0, 3800, n), unit="D")
    actors = np.array(["Taliban", "Tajik Border Forces", "Drug smugglers", "Reuters"])
    types = np.array(list(EVENT_TYPE_COLOURS))
    frame = pd.DataFrame(
        {
            "id": [f"e{i}" for i in range(n)],
            "layer": rng.choice(["acled", "ucdp"], n),
            "title": [f"Event {i}" for i in range(n)],
            "event_type": rng.choice(types, n),
            "status": rng.choice(["reported", "retracted"], n, p=[0.95, 0.05]),
            "date_start": start,
            "date_end": start + pd.to_timedelta(rng.integers(0, 30, n), "D"),
            "date_precision": "day",
            "actors": [tuple(rng.choice(actors, 2, replace=False)) for _ in range(n)],
            "lon": rng.uniform(66, 75, n).round(4),
            "lat": rng.uniform(35, 39, n).round(4),
            "geo_precision": rng.choice([1, 2, 3], n),
            "country": "TJK",
            "place": "somewhere",
            "fatalities": rng.integers(0, 5, n),
            "injured": 0,
            "undated": False,
            "border_km": rng.uniform(0, 300, n),
            "border_side": "TJK",
            "area_shape": "circle",
            "area_radius_km": 10.0,
            "area_key": "circle::10",
            "source_langs": [("fa",) if i % 3 else ("ar", "fa") for i in range(n)],
            "outlets": [("RFE/RL",) if i % 4 else ("outlet not stated",) for i in range(n)],
            "period_start": start,
            "period_end": start + pd.to_timedelta(rng.integers(0, 30, n), "D"),
            "open_start": False,
            "open_end": False,
            "search_text": [
                f"event {i} gold mine" if i % 50 == 0 else f"event {i}" for i in range(n)
            ],
        }
    )
    frame["disp_lon"], frame["disp_lat"] = spread_overlaps(frame["lon"], frame["lat"])
    return frame


def bench_data() -> None:
    layer = json.loads((ROOT / "layers" / "incidents.geojson").read_text(encoding="utf-8"))
    raw = []
    for i in range(2000):
        f = copy.deepcopy(layer["features"][i % len(layer["features"])])
        f["properties"]["id"] = f"bench-{i}"
        raw.append(f)
    t = _timed(lambda: [EventFeature.model_validate(f) for f in raw], repeat=1)
    print(f"validate features: {t / len(raw) * 1e6:,.0f} µs each ({len(raw)} features)")
    for n in (10_000, 100_000):
        frame = synthetic_frame(n)
        filters = Filters(
            date_from=pd.Timestamp("2020-01-01").date(),
            date_to=pd.Timestamp("2022-12-31").date(),
            actors=frozenset({"Taliban"}),
            text="gold",
            max_border_km=50,
        )
        t = _timed(lambda f=frame, q=filters: filter_mask(f, q))
        print(f"filter {n:>7,} events (date+actor+text+distance): {t * 1000:,.1f} ms")
    for n in (1_000, 10_000):
        frame = synthetic_frame(n)

        def build(f=frame, canvas=n > 2000):
            m = mapview.base_map(None, None, canvas=canvas)
            for group in mapview.event_groups(f, [("acled", "ACLED"), ("ucdp", "UCDP")]):
                group.add_to(m)
            return m.get_root().render()

        start = time.perf_counter()
        html = build()
        t = time.perf_counter() - start
        print(f"map for {n:>6,} events: {t:,.2f} s to build, {len(html) / 1e6:,.1f} MB of HTML")


def bench_browser() -> None:
    from playwright.sync_api import sync_playwright

    from geo.tools.serve import CHROMIUM, CHROMIUM_ARGS, streamlit_server

    markers = "path.atlas-event"
    frame_sel = 'iframe[title="streamlit_folium.st_folium"]'
    with streamlit_server(env={"ATLAS_TILES": "none"}) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1500, "height": 1300})
        timings: dict[str, list[float]] = {
            "first load": [],
            "filter by URL": [],
            "marker click to panel": [],
        }
        for _ in range(3):
            start = time.perf_counter()
            page.goto(url)
            page.frame_locator(frame_sel).locator(markers).first.wait_for()
            timings["first load"].append(time.perf_counter() - start)
            start = time.perf_counter()
            page.goto(url + "/?types=Battles&dates=2025-10-25&dates=2025-10-25&undated=false")
            page.frame_locator(frame_sel).locator(markers).first.wait_for()
            timings["filter by URL"].append(time.perf_counter() - start)
            start = time.perf_counter()
            page.frame_locator(frame_sel).locator(markers).first.click(force=True)
            page.locator("blockquote.atlas-excerpt").first.wait_for()
            timings["marker click to panel"].append(time.perf_counter() - start)
        browser.close()
    for name, values in timings.items():
        print(f"{name:<24} median {statistics.median(values) * 1000:,.0f} ms over {len(values)}")


if __name__ == "__main__":
    {"data": bench_data, "browser": bench_browser}[sys.argv[1] if len(sys.argv) > 1 else "data"]()
