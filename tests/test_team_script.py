"""`bash scripts/team.sh` as a new team would run it: the database, two replicas and nginx
come up; the atlas opens through the proxy in Chromium (websocket passed, the browser
pinned to one replica by a cookie) and on each replica; an interrupt stops them all and
a second start keeps what the store holds (`atlas-store load --if-empty`, tested in
test_store_team.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo.tools.pgcluster import free_port
from tests.helpers.browser import _DRAWN_EVENTS_JS as DRAWN_EVENTS_JS
from tests.helpers.browser import screenshot
from tests.helpers.counted import open_counted
from tests.helpers.data import ROOT

pytestmark = pytest.mark.browser


def _up(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


def _start(team: Path, port: int, db_port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "ATLAS_TEAM_DIR": str(team), "ATLAS_TEAM_PORT": str(port),
           "ATLAS_TEAM_DB_PORT": str(db_port), "ATLAS_TILES": "none"}  # fmt: skip
    start = log.stat().st_size if log.exists() else 0
    out = open(log, "ab")  # noqa: SIM115  (closed with the process)
    proc = subprocess.Popen(["bash", "scripts/team.sh"], cwd=ROOT, env=env, stdout=out,
                            stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
    while b"The team's atlas:" not in log.read_bytes()[start:]:
        assert proc.poll() is None, log.read_text(errors="replace")
        time.sleep(0.2)  # polling the log: the condition is its line
    return proc


def _stop(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGINT)
    proc.wait(timeout=60)


@pytest.fixture
def team() -> Iterator[tuple[Path, int, int, subprocess.Popen]]:
    home = Path(tempfile.mkdtemp(prefix="atlas-team-", dir="/tmp"))
    home.chmod(0o755)
    port, db_port = free_port(), free_port()
    while {port + 1, port + 2} & {db_port}:
        db_port = free_port()
    proc = _start(home / "team", port, db_port, home / "team.log")
    try:
        yield home, port, db_port, proc
    finally:
        if proc.poll() is None:
            _stop(proc)


def test_team_sh_brings_up_a_proxy_two_replicas_and_the_database(team, browser, data):
    home, port, _, proc = team
    assert all(_up(f"http://127.0.0.1:{p}") for p in (port, port + 1, port + 2))
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    assert open_counted(page, f"http://127.0.0.1:{port}") == len(
        data.frame
    )  # through nginx: websockets work
    assert any(c["name"] == "atlas_replica" for c in context.cookies())
    page.wait_for_function(f"() => ({DRAWN_EVENTS_JS})() > 0", timeout=30_000)  # the map too
    screenshot(page, "team-through-the-proxy")
    for replica in (port + 1, port + 2):
        direct = browser.new_page()
        assert open_counted(direct, f"http://127.0.0.1:{replica}") == len(data.frame)
    _stop(proc)
    assert not any(_up(f"http://127.0.0.1:{p}") for p in (port, port + 1, port + 2))
    assert "Stopping the replicas, the proxy and the database" in (home / "team.log").read_text()
