"""Writes are atomic: a process killed mid-write (kill -9) leaves the old layer intact."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geo.io import atomic_write_text
from tests.helpers.data import ROOT

# The child writes a large new layer. It stalls inside the write, at the point named by
# `stage`, after announcing it through a flag file, so the parent can kill it there.
CHILD = r"""
import os, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
import geo.io as io_mod

target, flag, stage = Path({target!r}), Path({flag!r}), {stage!r}

def stall():
    flag.write_text("ready")
    time.sleep(60)

real_fsync = os.fsync
def slow_fsync(fd):
    if stage == "fsync":
        stall()
    real_fsync(fd)
io_mod.os.fsync = slow_fsync

def check(tmp):
    if stage == "check":
        stall()

text = '{{"type": "FeatureCollection", "features": [' + ",".join(['{{"x": 1}}'] * 300000) + ']}}'
io_mod.atomic_write_text(target, text, check=check)
"""


@pytest.mark.parametrize("stage", ["fsync", "check"])
def test_kill_9_mid_write_leaves_old_file_intact(tmp_path, stage):
    target = tmp_path / "incidents.geojson"
    original = (ROOT / "layers" / "incidents.geojson").read_bytes()
    target.write_bytes(original)
    flag = tmp_path / "ready.flag"
    code = CHILD.format(root=str(ROOT), target=str(target), flag=str(flag), stage=stage)
    child = subprocess.Popen([sys.executable, "-c", code])
    try:
        deadline = time.monotonic() + 30
        while not flag.exists():
            assert child.poll() is None, "child exited before reaching the write"
            assert time.monotonic() < deadline, "child never reached the write"
            time.sleep(0.05)
        temp_files = list(tmp_path.glob(".incidents.geojson.*.tmp"))
        assert temp_files and temp_files[0].stat().st_size > 1_000_000  # data was written
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    assert target.read_bytes() == original
    json.loads(target.read_text(encoding="utf-8"))
    # The orphan temp file is hidden and not a *.geojson: no loader picks it up.
    assert [p.name for p in tmp_path.glob("*.geojson")] == ["incidents.geojson"]


def test_successful_write_replaces_and_cleans_up(tmp_path):
    target = tmp_path / "layer.geojson"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o640)
    atomic_write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert oct(target.stat().st_mode & 0o777) == "0o640"
    assert list(tmp_path.iterdir()) == [target]


def test_failed_check_keeps_old_file_and_removes_temp(tmp_path):
    target = tmp_path / "layer.geojson"
    target.write_text("old", encoding="utf-8")

    def reject(_tmp: Path) -> None:
        raise ValueError("invalid")

    with pytest.raises(ValueError):
        atomic_write_text(target, "new", check=reject)
    assert target.read_text(encoding="utf-8") == "old"
    assert list(tmp_path.iterdir()) == [target]
