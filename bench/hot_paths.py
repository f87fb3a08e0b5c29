"""What the tests used to time, timed here instead (the tests check only behaviour).

    .venv/bin/python -m bench.hot_paths

Prints one line per path: the median of three runs and the target the tests once asserted.
At 100,000 events (the shipped events repeated): a feed page, the overview's counts, the
table's sorts, events near a place. On hostile input (tests/helpers/untrusted.py's folder):
loading the mix of every culprit, validating a 24 MB file of endless problems, and 60 bad
excerpts against a 1 MB seed.
"""

from __future__ import annotations

import io
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import numpy as np
import pandas as pd

from geo import areas
from geo.context import load_context
from geo.dataset import Dataset, load_dataset
from geo.layers import load_catalog
from geo.settings import ROOT
from geo.tools.validate import main as validate
from geo.view import feed as fd
from geo.view import overview as ov
from geo.view import places as pl
from geo.view import table
from tests.helpers.untrusted import endless_text, layer_text, make_mix, real_feature

LAYERS, SEEDS = ROOT / "layers", ROOT / "seeds"
TIMES = 2600  # the shipped events repeated: about 100,000


def _median(fn: Callable[[], object], repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def _big(data: Dataset) -> pd.DataFrame:
    big = pd.concat([data.frame] * TIMES, ignore_index=True)
    big["id"] = big["id"] + "-" + (big.index // len(data.frame)).astype(str)
    return big


def _overview(big: pd.DataFrame) -> Callable[[], object]:
    areas.frame_areas(big)  # once per load
    ov.by_actor(big, big.iloc[:10])
    shown = big[big.index % 3 != 0]

    def run() -> object:
        counts = [ov.by_type(shown), ov.by_month(shown), ov.by_actor(big, shown)]
        by_area = [ov.by_area(big, shown, "admin1"), ov.by_area(big, shown, "admin2")]
        return [ov.totals(shown, len(big)), *counts, *by_area]

    return run


def _sorts(big: pd.DataFrame) -> Callable[[], object]:
    shown = big[np.arange(len(big)) % 2 == 0]
    table.sorted_positions(big, shown, "Newest first")  # the order, once per load
    return lambda: [table.sorted_positions(big, shown, s) for s in ("Newest first", "Most killed")]


def _feed(big: pd.DataFrame) -> Callable[[], object]:
    fd.newest_first(big)  # once per load
    shown = big[np.arange(len(big)) % 2 == 0]
    return lambda: fd.feed_items(fd.feed_page(big, shown, 3))


def _quietly(fn: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
            return fn()

    return run


def _bad_excerpts(root: Path) -> tuple[Path, Path]:
    seeds = shutil.copytree(SEEDS, root / "seeds")
    (seeds / "big.txt").write_text("Khorugh border report. " * 45_000, encoding="utf-8")
    layers = shutil.copytree(LAYERS, root / "layers")
    features = []
    for i in range(60):
        feature, excerpt = real_feature(f"slow-{i}"), f"words the seed never says {i}"
        props = feature["properties"]
        props["claims"], props["evidence"] = [], []
        props["sources"] = [
            {"doc": "big.txt", "lang": "en", "excerpt": excerpt, "start": 0}
            | {"end": len(excerpt), "translation": "x"}
        ]
        features.append(feature)
    (layers / "slow.geojson").write_text(layer_text(*features), encoding="utf-8")
    return layers, seeds


def hostile_paths(root: Path) -> list[tuple[str, Callable[[], object], float]]:
    mix_layers, mix_seeds = make_mix(root / "mix")
    endless = shutil.copytree(LAYERS, root / "endless")
    (endless / "endless.geojson").write_text(endless_text(24 * 1024 * 1024))
    slow_layers, slow_seeds = _bad_excerpts(root / "slow")
    endless_args = [str(endless), "--seeds", str(SEEDS)]
    slow_args = [str(slow_layers), "--seeds", str(slow_seeds)]
    return [
        (
            "load the mix of every culprit",
            lambda: load_catalog(mix_layers, load_context(mix_seeds)),
            60,
        ),
        ("validate a 24 MB file of endless problems", _quietly(lambda: validate(endless_args)), 60),
        ("validate 60 bad excerpts against a 1 MB seed", _quietly(lambda: validate(slow_args)), 60),
    ]


def main() -> None:
    data = load_dataset(LAYERS, SEEDS)
    big = _big(data)
    near = pl.Near("farkhor", 30)
    n = f"{len(big):,} events"
    paths = [
        (f"a feed page at {n}", _feed(big), 0.2),
        (f"the overview's counts at {n}", _overview(big), 0.5),
        (f"two table sorts at {n}", _sorts(big), 0.5),
        (f"events near Farkhor at {n}", lambda: pl.near_masks(big, near, data.areas), 0.3),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        paths += hostile_paths(Path(tmp))
        print(f"{'path':<55} {'median s':>9} {'target s':>9}")
        for name, fn, target in paths:
            took = _median(fn)
            flag = "" if took <= target else "  over target"
            print(f"{name:<55} {took:>9.3f} {target:>9.1f}{flag}")


if __name__ == "__main__":
    main()
