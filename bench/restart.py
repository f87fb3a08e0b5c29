"""A restart, timed: `python -m bench.restart LAYERS_DATA_DIR [RUNS]`.

LAYERS_DATA_DIR holds `layers/` (compiled already: run the app on it once) and `data/`, as
`python -m bench.run` leaves them. For each run, each way of serving (server.py, as
scripts/start.sh does: the atlas loaded at the server's start; app.py: loaded by the first
visitor), a new server is launched and a new Chromium opens the page at once; printed:
seconds from the launch to the server's health, to the page opened, to the map's frame,
to the first marker or bubble drawn; the server's CPU seconds by then (a figure the
machine's other jobs disturb less than the wall clock); the load average; and whether
the compiled files were rewritten (they must not be: nothing changed). `data_ready`: when
the server logged the atlas read. Then, in a fresh process, the CPU seconds of each step
of the server's start: imports, revision and snapshot, the first page's tables, and the
search index built after them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.report import kept_sections  # plain text only: no module of the app's

# Nothing of the app's at the top: `_steps` times its imports in a fresh process.
ROOT = Path(__file__).resolve().parent.parent


def _server_cpu(url: str) -> float:
    """CPU seconds (user + system) the server serving `url` has used."""
    port = url.rsplit(":", 1)[1].encode()
    for proc in Path("/proc").iterdir():
        try:
            cmd = (proc / "cmdline").read_bytes().split(b"\0")
            if b"streamlit" in b" ".join(cmd) and port in cmd:
                fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
                return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            continue
    return float("nan")


def _logged_at(log: Path, text: str) -> float:
    """When the server logged the first line holding `text` (a Unix time; NaN if never):
    "atlas read:" is the data ready, read and indexed for the first page (ui/live.py)."""
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if text in line:
            stamp = dt.datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S.%f")
            return stamp.replace(tzinfo=dt.UTC).timestamp()
    return float("nan")


def one_restart(root: Path, script: str) -> dict[str, object]:
    """Launch a server on `root`, open the page at once, time the first map."""
    from playwright.sync_api import sync_playwright

    from bench.browser import DRAWN, MAP_FRAME
    from geo.tools.serve import CHROMIUM, CHROMIUM_ARGS, streamlit_server

    env = {"ATLAS_TILES": "none", "ATLAS_LAYERS_DIR": str(root / "layers"),
           "ATLAS_DATA_DIR": str(root / "data")}  # fmt: skip
    manifest = root / "layers" / ".compiled" / "manifest.json"
    before, load = manifest.stat().st_mtime_ns, os.getloadavg()[0]
    marks: dict[str, float] = {}
    log = Path(tempfile.mkstemp(suffix=".log")[1])
    start, launched = time.perf_counter(), time.time()
    with (
        streamlit_server(env=env, timeout=600, script=script, log=log) as url,
        sync_playwright() as pw,
    ):
        marks["health"] = time.perf_counter() - start
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(url)
        marks["page"] = time.perf_counter() - start
        page.wait_for_selector(MAP_FRAME, state="attached", timeout=900_000)
        marks["map_frame"] = time.perf_counter() - start
        page.wait_for_function(DRAWN, timeout=900_000, polling=50)
        marks["first_marker"] = time.perf_counter() - start
        cpu = _server_cpu(url)
        browser.close()
    marks["data_ready"] = _logged_at(log, "atlas read:") - launched
    log.unlink()
    return {"script": script, **{k: round(v, 2) for k, v in marks.items()},
            "server_cpu_s": cpu, "load": round(load, 1),
            "compiled_again": manifest.stat().st_mtime_ns != before}  # fmt: skip


def start_steps(root: Path) -> dict[str, float]:
    """CPU seconds of each step of a start, in a fresh process (`_steps`)."""
    code = "import json, sys; from pathlib import Path; from bench.restart import _steps; "
    code += "print(json.dumps(_steps(Path(sys.argv[1]))))"
    out = subprocess.run([sys.executable, "-c", code, str(root)], cwd=ROOT, check=True,
                         capture_output=True, text=True)  # fmt: skip
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _steps(root: Path) -> dict[str, float]:
    """CPU seconds (the whole process's: Arrow's threads included) of each step of the
    server's start (server.py, ui/data.py `load`), in this process (a fresh one)."""
    os.environ.update(ATLAS_LAYERS_DIR=str(root / "layers"), ATLAS_DATA_DIR=str(root / "data"))
    steps, last = {}, time.process_time()

    def step(name: str) -> None:
        nonlocal last
        steps[name], last = round(time.process_time() - last, 2), time.process_time()

    import streamlit  # noqa: F401  (the server has it before any of the app's imports)

    step("import streamlit")
    from ui.data import first_page_tables, import_page

    import_page()  # the page's imports
    step("app.py's imports")
    from geo import settings
    from geo.store.replica import replica_for

    replica = replica_for(settings.from_env())
    data = replica.refresh(warm=False).data
    step("revision and snapshot")
    first_page_tables(data)
    step("first page's tables")
    replica.warm_up()  # the search index: after them, in the background
    if replica.warming is not None:
        replica.warming.join()
    step("search index (after the first map's tables)")
    return steps


OUT = Path(__file__).resolve().parent / "restart.md"
COLUMNS = ["script", "health", "data_ready", "page", "map_frame", "first_marker",
           "server_cpu_s", "load", "compiled_again"]  # fmt: skip


def report(rows: list[dict[str, object]], steps: dict[str, float], events: int) -> str:
    """bench/restart.md: one line per restart, then the start's steps."""
    lines = [
        "# A restart, timed (`python -m bench.restart`)", "",
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {events:,} events, "
        f"{os.cpu_count()} cores; seconds from the server's launch (a new Chromium opens the "
        "page at once); data_ready: when the server logged the atlas read; server CPU "
        "seconds by the first marker; the load average at the start (other jobs on the "
        "machine inflate the wall clock, the CPU less).", "",
        "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS),
        *("| " + " | ".join(str(row[c]) for c in COLUMNS) + " |" for row in rows), "",
        "The server's start, step by step, CPU seconds in a fresh process: "
        + ", ".join(f"{name} {cpu:.2f}" for name, cpu in steps.items()), "",
    ]  # fmt: skip
    return "\n".join(lines) + kept_sections(OUT)


def main() -> None:
    root, runs = Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 3
    rows = []
    for _ in range(runs):
        for script in ("server.py", "app.py"):
            rows.append(one_restart(root, script))
            print(json.dumps(rows[-1]), flush=True)
    steps = start_steps(root)
    print(json.dumps({"start steps, CPU s": steps}))
    from geo.store import FileStore

    events = len(FileStore(root / "layers", Path("seeds"), root / "data").snapshot().frame)
    OUT.write_text(report(rows, steps, events), encoding="utf-8")


if __name__ == "__main__":
    main()
