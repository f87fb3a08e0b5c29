"""The overview's charts after the #25 walk: killed read without hovering, an area chart
cut to its twelve areas with most events plus one line for the rest, and no other province
read '0 + 5' beside the chosen one."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest

from geo.view import bars
from geo.view import overview as ov
from tests.helpers.apptest import run_app
from tests.helpers.data import ROOT, imported_layers

UCDP = ROOT / "tests" / "fixtures" / "ucdp_ged231_sample1000_uncertainUCDP.csv"
Q4 = ["2025-10-01", "2025-12-31"]


def _chart_rows(at, title: str) -> pd.DataFrame:
    charts = [c for c in at.get("vega_lite_chart") if f'"text": "{title}' in c.proto.spec]
    assert len(charts) == 1, f"no chart titled {title}"
    (dataset,) = charts[0].proto.datasets
    return pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()


def test_a_bar_ends_with_its_events_and_killed():
    rows = ov.labelled(
        pd.DataFrame({"name": ["Taliban", "Others"], "events": [1234, 3], "killed": [56, 0]})
    )
    assert list(rows["text"]) == ["1,234 · 56 killed", "3 · 0 killed"]
    spec = bars.with_data(bars.category_spec("By actor", "actor"), rows)
    assert spec["layer"][1]["encoding"]["text"]["field"] == "text"
    # The bars take about half the width: an invisible mark at twice the longest.
    assert set(spec["datasets"][bars.ROWS][bars.ROOM]) == {1234 * bars.ROOM_FACTOR}


def _parts(n: int) -> pd.DataFrame:
    """Area rows of n districts, district i with i + 1 events placed and a band part."""
    placed = pd.DataFrame(
        {
            "name": [f"P / D{i:02d}" for i in range(n)] + [ov.NOT_KNOWN],
            "events": [*range(1, n + 1), 7],
            "killed": [1] * n + [2],
            "coded": [0] * (n + 1),
            "coded_killed": [0] * (n + 1),
        }
    )
    band = pd.DataFrame({"name": [f"P / D{i:02d}" for i in range(n)], "events": 5, "killed": 1})
    return ov.area_parts(placed, band)


def test_an_area_chart_shows_its_twelve_areas_with_most_and_one_line_for_the_rest():
    rows = ov.top_areas(_parts(80), "districts")
    names = list(dict.fromkeys(rows.sort_values("rank")["name"]))
    assert len(names) == ov.TOP_AREAS + 2  # twelve, the others' line, Not known
    assert names[:3] == ["P / D79", "P / D78", "P / D77"]  # most events first
    others = rows[rows["name"] == "68 other districts"]
    # The rest's events placed in them (1 … 68), their band parts left out.
    assert others["events"].sum() == sum(range(1, 69)) and others["total"].iloc[0] == 2346
    assert others["text"].iloc[0] == "2,346 · 68 killed"
    assert not others["pickable"].any() and names[-1] == ov.NOT_KNOWN
    # A short chart is left as it is.
    few = _parts(13)
    assert ov.top_areas(few, "districts") is few


def test_the_others_line_counts_only_areas_with_events_placed_in_them():
    rows = _parts(80)
    band_only = rows["name"].isin({"P / D00", "P / D01"}) & (rows["part"] != ov.OVERLAP)
    rows.loc[band_only, "events"] = 0  # two tail districts hold only band events
    cut = ov.top_areas(rows, "districts")
    (label,) = [n for n in cut["name"].unique() if n.endswith(" other districts")]
    assert label == "66 other districts"


def test_no_others_line_when_the_rest_hold_only_band_events():
    rows = _parts(20)
    tail = ~rows["name"].isin({f"P / D{i:02d}" for i in range(8, 20)} | {ov.NOT_KNOWN})
    rows.loc[tail & (rows["part"] != ov.OVERLAP), "events"] = 0
    names = set(ov.top_areas(rows, "districts")["name"])
    assert not any(n.endswith(" other districts") for n in names)
    assert len(names - {ov.NOT_KNOWN}) == ov.TOP_AREAS


@pytest.fixture
def ucdp_app(tmp_path, monkeypatch):
    layers, data = imported_layers(tmp_path, "ucdp", UCDP)
    for name, value in (("LAYERS", layers), ("DATA", data)):
        monkeypatch.setenv(f"ATLAS_{name}_DIR", str(value))
    monkeypatch.setenv("ATLAS_TILES", "none")


def test_the_ucdp_sample_s_district_chart_is_short(ucdp_app):
    at = run_app()
    assert not at.exception
    rows = _chart_rows(at, "By district")
    names = list(dict.fromkeys(rows.sort_values("rank")["name"]))
    others = [n for n in names if n.endswith(" other districts")]
    assert len(others) == 1 and len(names) <= ov.TOP_AREAS + 2
    totals = rows.drop_duplicates("name").set_index("name")["total"]
    top = [totals[n] for n in names[: ov.TOP_AREAS]]
    assert top == sorted(top, reverse=True)  # by count


def test_beside_a_chosen_province_no_other_reads_zero_plus_its_band():
    at = run_app(dates=Q4, undated="false", area="Khatlon", area_wide="true")
    assert not at.exception
    rows = _chart_rows(at, "By province")
    assert set(rows["name"]) <= {"Khatlon", ov.NOT_KNOWN}
    assert (rows["name"] == "Khatlon").any() and (rows["part"] == ov.OVERLAP).any()
    unchosen = run_app(dates=Q4, undated="false")  # no province chosen: every band part
    assert len(set(_chart_rows(unchosen, "By province")["name"])) > 2
