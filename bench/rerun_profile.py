"""Reruns and memory at scale, one process: `python -m bench.rerun_profile --events N`.

Prints, for the real app in Streamlit's AppTest (as `bench.run` drives it): the CPU time
of the whole process and the wall time of a rerun after a date range, an actor, a search
and a selection; the word index's build time and size; resident memory after one session
and after five (each with its own filters; the data is loaded once and shared). CPU time
is printed beside wall time because the machine is shared: wall time is what other jobs
left us, CPU time is the work done. `--profile` writes cProfile's top functions of each
rerun (the script's thread; wall-clock times, so a busy machine inflates them) to `--out`,
and the whole profile beside them.

The dataset is generated and imported with the real importer as `bench.run` does, once:
`--data DIR` keeps it there and reuses it (a million events take minutes to import).
Numbers are printed, never asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import os
import pstats
import time
from pathlib import Path
from typing import Any

from bench.run import event_picker, indexes_built, prepare, rss_mb

STEPS = ("dates", "actor", "search", "select")


def _dataset(events: int, data: Path) -> tuple[Path, Path]:
    """The generated layer (GeoParquet above 100,000 events, as `bench.run` imports it)."""
    layers = data / "layers"
    if not any(layers.glob("generated.*")):
        data.mkdir(parents=True, exist_ok=True)
        return prepare(events, data, ".parquet" if events > 100_000 else ".geojson")
    return layers, data / "data"


class _Timed:
    """Runs an AppTest, timing the whole process's CPU and, if asked, profiling the
    script's thread (AppTest runs the script in a thread of its own)."""

    def __init__(self, profile_to: Path | None):
        from streamlit.testing.v1 import local_script_runner as runner

        self.profile_to, self.profile = profile_to, None
        original = runner.LocalScriptRunner._run_script_thread
        timed = self

        def run_thread(self_: Any) -> Any:
            if timed.profile is None:
                return original(self_)
            timed.profile.enable()
            try:
                return original(self_)
            finally:
                timed.profile.disable()

        runner.LocalScriptRunner._run_script_thread = run_thread  # type: ignore[method-assign]

    def run(self, at: Any, label: str) -> dict[str, float]:
        self.profile = cProfile.Profile() if self.profile_to else None
        cpu, wall = time.process_time(), time.perf_counter()
        at.run()
        out = {"cpu": time.process_time() - cpu, "wall": time.perf_counter() - wall}
        if at.exception:
            raise SystemExit(f"the app failed: {at.exception}")
        if self.profile is not None and self.profile_to is not None:
            text = io.StringIO()
            pstats.Stats(self.profile, stream=text).sort_stats("cumulative").print_stats(40)
            (self.profile_to / f"rerun-{label}.txt").write_text(text.getvalue())
            self.profile.dump_stats(self.profile_to / f"rerun-{label}.prof")  # for pstats
        print(f"{label:>8}: {out['cpu'] * 1000:7,.0f} ms CPU  {out['wall'] * 1000:7,.0f} ms wall"
              f"  RSS {rss_mb():,.0f} MB", flush=True)  # fmt: skip
        return out


def _wait_for_index() -> None:
    """Wait until the background word index is built, and time it."""
    waited = indexes_built()
    if waited is not None:
        print(f"word index built in the background: waited {waited:.1f} s"
              f"  RSS {rss_mb():,.0f} MB", flush=True)  # fmt: skip


def _other_sessions(timed: _Timed, app: str) -> None:
    from streamlit.testing.v1 import AppTest

    kept = []
    for i in range(4):
        at = AppTest.from_file(app, default_timeout=1200)
        at.run()
        if i == 0:
            at.date_input(key="dates").set_value((dt.date(2019, 1, 1), dt.date(2019, 12, 31)))
        elif i == 1:
            at.multiselect(key="actors").set_value(["IS"])
        elif i == 2:
            at.text_input(key="q").input("Farkhor")
        else:
            event_picker(at).select_index(3)
        timed.run(at, f"session{i + 2}")
        kept.append(at)  # every session stays open
    print(f"five sessions open: RSS {rss_mb():,.0f} MB", flush=True)


def main() -> None:
    """Import (once), then rerun and measure."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--data", type=Path, required=True, help="kept and reused")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--out", type=Path, default=Path("/tmp"))
    args = parser.parse_args()
    layers, data = _dataset(args.events, args.data)
    os.environ.update(ATLAS_LAYERS_DIR=str(layers), ATLAS_DATA_DIR=str(data), ATLAS_TILES="none")
    from streamlit.testing.v1 import AppTest

    from geo.settings import ROOT

    app = str(ROOT / "app.py")
    timed = _Timed(args.out if args.profile else None)
    at = AppTest.from_file(app, default_timeout=1200)
    timed.run(at, "start")  # a big layer's first run: the map only (app._map_first)
    _wait_for_index()
    timed.run(at, "again")  # the run the map's report starts: the whole page
    _wait_for_index()  # built once a page is wholly drawn (ui/live.py page_drawn)
    at.date_input(key="dates").set_value((dt.date(2020, 1, 1), dt.date(2021, 6, 30)))
    timed.run(at, "dates")
    at.multiselect(key="actors").set_value(["Taliban"])
    timed.run(at, "actor")
    at.text_input(key="q").input("Kunduz")
    timed.run(at, "search")
    event_picker(at).select_index(0)
    timed.run(at, "select")
    timed.profile_to = None
    _other_sessions(timed, app)


if __name__ == "__main__":
    main()
