"""The store benchmark: `python -m bench.store [--sizes N ...]` prints figures and writes
bench/store.md.

For each size it generates UCDP-layout events, imports them with the real importer
(through the store's one door) as a GeoJSON layer (up to 100,000) and as a GeoParquet
layer, then times, each in a new process as a restart would:
the first start (every layer validated and compiled), a second start with nothing
changed (hashes checked, compiled files read), the first start again after one small
layer is edited (only that layer compiled), and the obvious load (`load_dataset`: every
layer parsed and validated, as before the store). Resident memory is the process's after
the load. Numbers are printed, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.generate import write_csv
from bench.run import prepare
from geo.settings import ROOT

RESULTS = ROOT / "bench" / "store.md"
_CHILD = """
import json, sys, time
from pathlib import Path
start = time.perf_counter()
layers, data, how = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
if how == "obvious":
    from geo.dataset import load_dataset
    ds = load_dataset(layers, Path(sys.argv[4]), data, 1 << 40)
else:
    from geo.store import FileStore
    ds = FileStore(layers, Path(sys.argv[4]), data, max_layer_bytes=1 << 40).snapshot()
seconds = time.perf_counter() - start
rss = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmRSS:"))
print(json.dumps({"seconds": seconds, "rss_mb": rss / 1024, "events": len(ds.frame)}))
"""


_RELOADS = """
import json, sys
from pathlib import Path
from geo.filters import prepare
from geo.store import FileStore
layers, data = Path(sys.argv[1]), Path(sys.argv[2])
store = FileStore(layers, Path(sys.argv[3]), data, max_layer_bytes=1 << 40)
def rss():
    lines = open("/proc/self/status").read().splitlines()
    return next(int(l.split()[1]) for l in lines if l.startswith("VmRSS:")) / 1024
seen, ds = [], None
for n in range(20):
    path = layers / "incidents.geojson"
    layer = json.loads(path.read_text(encoding="utf-8"))
    layer["features"][0]["properties"]["title"] = f"reload {n}"
    store.write("incidents", layer, expect=None, action="bench")
    ds = store.snapshot()  # the app keeps one: the old one goes
    prepare(ds.frame)
    seen.append(rss())
print(json.dumps({"first": seen[0], "last": seen[-1], "max": max(seen)}))
"""


def _reloads(layers: Path, data: Path) -> dict[str, float]:
    """Resident memory over 20 edits, each written through the store and loaded again."""
    out = subprocess.run(
        [sys.executable, "-c", _RELOADS, str(layers), str(data), str(ROOT / "seeds")],
        check=True, capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def _load(layers: Path, data: Path, how: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(layers), str(data), how, str(ROOT / "seeds")],
        check=True, capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def _touch_small_layer(layers: Path) -> None:
    """A curator's edit of one small curated layer."""
    path = layers / "incidents.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"][0]["properties"]["title"] += " (edited)"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def figures(count: int, root: Path, suffix: str) -> list[str]:
    """One row of the table for `count` events imported as a GeoJSON or GeoParquet layer."""
    started = time.perf_counter()
    layers, data = prepare(count, root, suffix)
    imported = time.perf_counter() - started
    shutil.rmtree(layers / ".compiled", ignore_errors=True)  # the first start compiles
    first = _load(layers, data, "store")
    second = _load(layers, data, "store")
    _touch_small_layer(layers)
    edited = _load(layers, data, "store")
    # The obvious load reads GeoJSON only; it cannot open an imported GeoParquet layer.
    obvious = _load(layers, data, "obvious") if suffix == ".geojson" else None
    reloads = _reloads(layers, data)
    size = sum(p.stat().st_size for p in layers.glob(f"*{suffix}")) / 1e6
    compiled = sum(p.stat().st_size for p in (layers / ".compiled").glob("*")) / 1e6
    return [
        f"{second['events']:,.0f}",
        "GeoJSON" if suffix == ".geojson" else "GeoParquet",
        f"{imported:,.1f} s",
        f"{first['seconds']:,.1f} s",
        f"{second['seconds']:,.2f} s",
        f"{edited['seconds']:,.2f} s",
        f"{obvious['seconds']:,.1f} s" if obvious else "cannot read it",
        f"{second['rss_mb']:,.0f} MB / " + (f"{obvious['rss_mb']:,.0f} MB" if obvious else "—"),
        f"{reloads['first']:,.0f} / {reloads['last']:,.0f} MB (max {reloads['max']:,.0f})",
        f"{size:,.0f} MB / {compiled:,.0f} MB",
    ]


def import_figures(count: int, root: Path, workers: str) -> list[str]:
    """One row of the import table: `count` generated rows imported as GeoParquet by the
    real command (a new process, as a user runs it), with `workers` (ATLAS_IMPORT_WORKERS)."""
    layers, data = root / "layers", root / "data"
    shutil.copytree(ROOT / "layers", layers, ignore=shutil.ignore_patterns(".compiled"))
    started = time.perf_counter()
    csv_path = write_csv(count, root / f"generated_ged_{count}.csv")
    generated = time.perf_counter() - started
    before, load = resource.getrusage(resource.RUSAGE_CHILDREN), os.getloadavg()
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "geo.importers", "ucdp", str(csv_path), "--version", "bench",
         "--out", str(layers / "generated.parquet"), "--layers", str(layers),
         "--data", str(data), "--seeds", str(ROOT / "seeds")],
        check=True, capture_output=True, cwd=ROOT,
        env={**os.environ, "ATLAS_IMPORT_WORKERS": workers},
    )  # fmt: skip
    took = time.perf_counter() - started
    after, end_load = resource.getrusage(resource.RUSAGE_CHILDREN), os.getloadavg()
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return [
        f"{count:,}", workers, f"{generated:,.1f} s", f"{took:,.1f} s", f"{cpu:,.1f} s",
        f"{load[0]:.1f} → {end_load[0]:.1f}", f"{after.ru_maxrss / 1024:,.0f} MB",
    ]  # fmt: skip


IMPORT_HEADER = [
    "rows", "ATLAS_IMPORT_WORKERS", "generate", "import (wall)", "import (CPU, all processes)",
    "load average (1 min) before → after", "largest process RSS (of the run so far)",
]  # fmt: skip


def imports_only(sizes: list[int], workers: list[str]) -> None:
    """Time the import alone at each size and worker count; print the rows as a table."""
    print("| " + " | ".join(IMPORT_HEADER) + " |\n|" + "---|" * len(IMPORT_HEADER), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for count in sizes:
            for n in workers:
                where = Path(tmp) / f"{count}-{n}"
                print("| " + " | ".join(import_figures(count, where, n)) + " |", flush=True)
                shutil.rmtree(where, ignore_errors=True)


HEADER = [
    "events", "imported as", "import (generate + import)", "first start (validate + compile)",
    "second start, nothing changed", "start after a small layer is edited",
    "obvious load (parse + validate all)", "RSS: store / obvious",
    "RSS after 1 / 20 edits reloaded",
    "imported layer / compiled on disk",
]  # fmt: skip


def _arguments() -> argparse.Namespace:
    """The command line: sizes, the GeoJSON bound, or imports only."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument(
        "--geojson-up-to",
        type=int,
        default=100_000,
        help="also import as GeoJSON (and load it the obvious way) up to this size",
    )
    parser.add_argument(
        "--import-only",
        nargs="+",
        metavar="WORKERS",
        help="time only the GeoParquet import, once per ATLAS_IMPORT_WORKERS value given "
        "(prints a table; bench/store.md is not written)",
    )
    return parser.parse_args()


def _write(rows: list[list[str]], when: str) -> None:
    """bench/store.md from the rows, printed too."""
    lines = [
        "# Store benchmark (`python -m bench.store`)",
        "",
        f"One run, {when}, on this machine ({os.cpu_count()} cores). Each start is a new "
        "process loading the data (to data ready, not to the first map); the events are "
        "the shipped layers plus generated UCDP-layout events imported with the real importer.",
        "",
        "| " + " | ".join(HEADER) + " |",
        "|" + "---|" * len(HEADER),
        *["| " + " | ".join(r) + " |" for r in rows],
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


def main() -> None:
    """Run every size, print the table, write bench/store.md."""
    args = _arguments()
    if args.import_only:
        imports_only(args.sizes, args.import_only)
        return
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    rows: list[list[str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for count in args.sizes:
            suffixes = [".geojson"] if count <= args.geojson_up_to else []
            for suffix in [*suffixes, ".parquet"]:
                rows.append(figures(count, Path(tmp) / f"{count}{suffix}", suffix))
                print(" | ".join(rows[-1]), flush=True)
                shutil.rmtree(Path(tmp) / f"{count}{suffix}", ignore_errors=True)
    _write(rows, when)


if __name__ == "__main__":
    main()
