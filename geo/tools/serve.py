"""Run the dashboard headless on a free localhost port: for browser tests and benchmarks."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from geo.settings import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def streamlit_server(
    env: dict[str, str] | None = None,
    timeout: float = 60,
    log: Path | None = None,
    script: str = "server.py",
) -> Iterator[str]:
    """Run the app headless on 127.0.0.1 and yield its base URL; stop it afterwards.

    `script` is what `streamlit run` is given: server.py, as scripts/start.sh runs it (the
    atlas loaded at the server's start), or app.py (loaded by the first visitor).

    The server's output goes to `log` (or nowhere): never to a pipe no one reads, which
    fills up and then blocks the server mid-run.
    """
    port = free_port()
    cmd = _command(script, port)
    with open(log or os.devnull, "wb") as out:
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=out, stderr=subprocess.STDOUT
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(url, proc, timeout, log)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def _command(script: str, port: int) -> list[str]:
    """`streamlit run` of `script`, headless on 127.0.0.1:`port`, no file watcher."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / script),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float, log: Path | None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            output = log.read_text(errors="replace") if log else "(no log kept)"
            raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{output}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not become healthy at {url} in {timeout} s")
