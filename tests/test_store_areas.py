"""Each event's province, district and basis, derived once per compiled layer and kept
beside it (geo/store/area_columns.py): a start reads them; they equal what the rules give
the loaded frame; and they are derived again when the rules, the vocabularies or the
layer change, or when the kept file is damaged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import geo.store.area_columns as kept_module
from geo import areas
from geo.dataset import load_dataset
from geo.importers.__main__ import main as import_main
from geo.store import FileStore
from geo.store.area_columns import AREAS_DIR, rules_key
from geo.store.compiled import MANIFEST
from tests.helpers.data import ROOT, SEEDS, copy_layers, read_layer

UCDP = ROOT / "data" / "ucdp_ged231_sample_afg_tjk.csv"


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The shipped layers (none compiled yet) and the real UCDP sample imported."""
    layers, data = tmp_path / "layers", tmp_path / "data"
    copy_layers(layers, compiled=False)
    args = ["ucdp", str(UCDP), "--out", str(layers / "ucdp.parquet"), "--layers", str(layers)]
    assert import_main([*args, "--data", str(data), "--seeds", str(SEEDS)]) == 0
    return layers, SEEDS, data


def _derivations(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record how many rows get derived from now on, layer by layer."""
    seen: list[int] = []
    real = kept_module.row_areas

    def spy(frame: pd.DataFrame) -> pd.DataFrame:
        seen.append(len(frame))
        return real(frame)

    monkeypatch.setattr(kept_module, "row_areas", spy)
    return seen


def _kept(layers: Path) -> list[Path]:
    return sorted((layers / ".compiled" / AREAS_DIR).glob("*.parquet"))


def test_the_kept_areas_are_what_the_rules_give_the_loaded_frame(dirs):
    frame = FileStore(*dirs).snapshot().frame
    assert all(name in frame for name in areas.STORED.values())
    stored = areas.frame_areas(frame)
    pd.testing.assert_frame_equal(stored, areas.derive_areas(frame).astype("category"))
    assert (stored["basis"] == areas.AreaBasis.SOURCE.value).sum() > 50  # coded by UCDP
    full = load_dataset(dirs[0], dirs[1])  # no store: derived at the load, as before
    by_id = stored.set_axis(frame["id"]).loc[full.frame["id"]].reset_index(drop=True)
    derived = areas.frame_areas(full.frame).reset_index(drop=True)
    pd.testing.assert_frame_equal(by_id.astype(str), derived.astype(str))


def test_the_import_keeps_them_and_a_start_reads_them(dirs, monkeypatch):
    ucdp = [p for p in _kept(dirs[0]) if p.name.startswith("ucdp-")]
    assert len(ucdp) == 1  # kept by the import itself
    seen = _derivations(monkeypatch)
    FileStore(*dirs).snapshot()  # at most the layers this start compiled are derived
    assert 137 not in seen  # the import's were read
    seen.clear()
    frame = FileStore(*dirs).snapshot().frame  # a second start: every layer's read
    assert seen == [] and not frame["derived_admin1"].isna().any()


def test_other_rules_or_vocabularies_derive_them_again(dirs, monkeypatch):
    FileStore(*dirs).snapshot()
    before = _kept(dirs[0])
    seen = _derivations(monkeypatch)
    monkeypatch.setattr(kept_module, "_rules_code", lambda: "an edited rule module")
    FileStore(*dirs).snapshot()
    assert len(seen) == len(before)  # every layer's, once
    assert len(_kept(dirs[0])) == 2 * len(before)  # the other rules' are left for them
    assert rules_key("vocab a") != rules_key("vocab b")


def test_the_rules_are_the_rule_modules_bytes():
    kept_module._rules_code.cache_clear()
    try:
        first = kept_module._rules_code()
        assert {"areas.py", "coded_areas.py"} <= set(areas.RULE_MODULES)
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(kept_module, "RULE_MODULES", ("areas.py",))
            kept_module._rules_code.cache_clear()
            assert kept_module._rules_code() != first
    finally:
        kept_module._rules_code.cache_clear()


@pytest.mark.parametrize("damage", ["bytes", "short", "swapped"])
def test_a_damaged_kept_file_is_never_trusted(dirs, monkeypatch, damage):
    FileStore(*dirs).snapshot()
    ucdp = next(p for p in _kept(dirs[0]) if p.name.startswith("ucdp-"))
    other = next(p for p in _kept(dirs[0]) if p.name.startswith("incidents-"))
    good = ucdp.read_bytes()
    if damage == "bytes":
        ucdp.write_bytes(good[:100] + bytes([good[100] ^ 1]) + good[101:])
    elif damage == "short":
        ucdp.write_bytes(good[: len(good) // 2])
    else:  # another layer's (fewer rows) under this name
        shutil.copyfile(other, ucdp)
    seen = _derivations(monkeypatch)
    frame = FileStore(*dirs).snapshot().frame
    assert seen == [137]
    stored = areas.frame_areas(frame)
    pd.testing.assert_frame_equal(stored, areas.derive_areas(frame).astype("category"))


def test_a_write_keeps_the_new_areas_and_drops_the_old(dirs, monkeypatch):
    layers = dirs[0]
    store = FileStore(*dirs)
    store.snapshot()
    old = {p.name for p in _kept(layers) if p.name.startswith("incidents-")}
    data = read_layer(layers / "incidents.geojson")
    data["features"] = data["features"][:-1]
    assert store.write("incidents", data, expect=None, action="test") == []
    new = {p.name for p in _kept(layers) if p.name.startswith("incidents-")}
    assert len(new) == 1 and not new & old  # kept by the write, the old one removed
    seen = _derivations(monkeypatch)
    frame = FileStore(*dirs).snapshot().frame
    assert seen == [] and (layers / ".compiled" / MANIFEST).is_file()
    assert not frame["derived_admin1"].isna().any()


def test_a_folder_that_cannot_keep_them_still_gives_them(dirs, monkeypatch):
    FileStore(*dirs).snapshot()
    folder = dirs[0] / ".compiled" / AREAS_DIR
    shutil.rmtree(folder)
    folder.write_text("not a folder")  # nothing can be kept there
    seen = _derivations(monkeypatch)
    data = FileStore(*dirs).snapshot()
    assert len(seen) == len(data.layers)  # derived, every layer's
    assert not data.frame["derived_admin1"].isna().any() and folder.read_text() == "not a folder"
    assert not list(folder.parent.glob(".*.tmp"))
