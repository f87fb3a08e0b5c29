"""Piles: what the view builders emit for events on one point (geo/view/piles.py), the
grid cells' extents and pile marks (geo/view/density.py), the marker rows' list fields
(geo/view/markers.py), and the picker's labels for events titled alike (ui/panel.py)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from geo.dataset import Dataset
from geo.view import piles
from geo.view.density import cell_degrees, grid_cells
from geo.view.feed import STATUS_SHORT, newest_first
from geo.view.markers import event_clusters
from geo.view.piles import PILE_PAGE, PileList, pile_page, pile_request
from geo.view.scripts import json_scripts
from ui.panel import picker_labels

POINT = (37.25, 69.5)  # (lat, lon): every pile event sits exactly here
HOSTILE = "<script>alert(1)</script> ${x} `y` </script><img src=x onerror=alert(2)>"


@pytest.fixture(scope="module")
def piled(data: Dataset) -> pd.DataFrame:
    """The shipped events three times over (new ids), the first 60 dated ones moved onto
    POINT and one titled with markup; the rest kept where they are."""
    copies = [data.frame.assign(id=data.frame["id"] + f"-{n}") for n in range(3)]
    frame = pd.concat(copies, ignore_index=True)
    dated = np.flatnonzero(frame["date_start"].notna().to_numpy())[:60]
    frame.loc[frame.index[dated], "lat"] = POINT[0]
    frame.loc[frame.index[dated], "lon"] = POINT[1]
    frame.loc[frame.index[dated[7]], "title"] = HOSTILE
    return frame


def _pile_ids(frame: pd.DataFrame) -> set[str]:
    at = (frame["lat"] == POINT[0]) & (frame["lon"] == POINT[1])
    return set(frame.loc[at, "id"])


def test_a_cell_of_one_point_is_a_pile_with_its_exact_box(piled):
    cells = grid_cells(piled, zoom=12)
    ids = _pile_ids(piled)
    [cell] = [c for c in cells if c[4] == [POINT[0], POINT[1], POINT[0], POINT[1]]]
    assert cell[2] == len(ids) and cell[5] == 1
    for c in cells:  # every box holds exactly the events its cell counts
        south, west, north, east = c[4]
        inside = piled["lat"].between(south, north) & piled["lon"].between(west, east)
        assert int(inside.sum()) == c[2]
        assert c[5] == (1 if piles.is_pile(*c[4]) else 0)
    # Zoomed out, the pile shares its cell with other places: that cell zooms in.
    wide = [c for c in grid_cells(piled, zoom=5) if c[4][0] <= POINT[0] <= c[4][2]]
    assert any(c[2] > len(ids) and c[5] == 0 for c in wide)


def test_at_the_deepest_zoom_every_cell_lists_its_events(piled):
    # Events a little more than a pile's span apart share one cell at the deepest zoom:
    # no zoom parts them further, so the bubble lists them (its title says so, and a
    # click opens the list; one level up it zooms in).
    cell = cell_degrees(piles.MAX_ZOOM)
    west = (POINT[1] // cell) * cell  # the west edge of POINT's cell at the deepest zoom
    spread = piled.copy()
    moved = spread.index[(spread["lat"] == POINT[0]) & (spread["lon"] == POINT[1])][:3]
    spread.loc[moved, "lon"] = west + np.array([0.05, 0.5, 0.95]) * cell
    [deep] = [c for c in grid_cells(spread, zoom=piles.MAX_ZOOM) if c[4][1] == west + 0.05 * cell]
    assert not piles.is_pile(*deep[4]) and deep[5] == 1
    shallow = [c for c in grid_cells(spread, zoom=piles.MAX_ZOOM - 3) if c[2] > 1]
    assert all(c[5] == (1 if piles.is_pile(*c[4]) else 0) for c in shallow)


def test_a_spread_cell_is_no_pile_but_metres_apart_are():
    span = piles.pile_span_deg()
    assert piles.is_pile(37.0, 69.0, 37.0 + span / 2, 69.0 + span / 2)
    assert not piles.is_pile(37.0, 69.0, 37.0 + span * 2, 69.0)
    assert 5 < span * 111_320 < 40  # metres: under the deepest zoom's bubble radius


def test_the_page_is_newest_first_paged_and_plain_text(piled):
    box = (POINT[0], POINT[1], POINT[0], POINT[1])
    total, offset, rows = pile_page(piled, piled, box, 0, size=25)
    ids = _pile_ids(piled)
    assert total == len(ids) and offset == 0 and len(rows) == 25
    order = [piled["id"].iat[i] for i in newest_first(piled) if piled["id"].iat[i] in ids]
    assert [r[0] for r in rows] == order[:25]
    second = pile_page(piled, piled, box, 30, size=25)
    assert second[1] == 25 and [r[0] for r in second[2]] == order[25:50]
    last = pile_page(piled, piled, box, 10_000, size=25)  # past the end: the last page
    assert last[1] == 50 and [r[0] for r in last[2]] == order[50:]
    by_id = piled.set_index("id")
    for eid, when, kind, toll, status, title in rows + second[2] + last[2]:
        event = by_id.loc[eid]
        assert kind == event["event_type"] and title == event["title"]
        assert when and when != "date not stated"
        if not pd.isna(event["fatalities"]):
            assert f"{int(event['fatalities'])} killed" in toll
        assert status == ("" if event["status"] == "reported" else event["status"])


def test_a_filter_narrows_the_pile(piled):
    box = (POINT[0], POINT[1], POINT[0], POINT[1])
    shown = piled[piled["event_type"] == piled.loc[piled["lat"] == POINT[0], "event_type"].iat[0]]
    total, _, rows = pile_page(piled, shown, box, 0)
    assert 0 < total < len(_pile_ids(piled))
    assert {r[0] for r in rows} <= set(shown["id"]) & _pile_ids(piled)


def test_the_element_carries_the_page_and_escapes_every_headline(piled):
    box = (POINT[0], POINT[1], POINT[0], POINT[1])
    page = pile_page(piled, piled, box, 0)
    chosen = page[2][3][0]
    element = str(PileList(box, page, chosen, "hook").element())
    assert "<script>alert" not in element and "<img" not in element
    assert element.count("</script>") == 1  # its own end only
    [(kind, sent)] = json_scripts(element)
    assert kind == "pile" and sent["key"] == list(box) and sent["selected"] == chosen
    assert sent["total"] == page[0] and sent["size"] == PILE_PAGE and len(sent["rows"]) <= 50
    assert HOSTILE in [r[5] for r in sent["rows"]]  # the same text back, as data


@pytest.mark.parametrize(
    "value",
    [
        None,
        "1,2,3,4,0",
        [1, 2, 3, 4],
        [1, 2, 3, 4, 0, 5],
        [1, "2", 3, 4, 0],
        [1, 2, 3, 4, True],
        [float("nan"), 2, 3, 4, 0],
        [1, 2, math.inf, 4, 0],
        [3, 2, 1, 4, 0],  # south above north
        [1, 4, 3, 2, 0],  # west east of east
        [1, 2, 3, 4, -50],
        [1, 2, 3, 4, 2**40],
    ],
)
def test_a_malformed_pile_request_is_refused(value):
    assert pile_request(value) is None


def test_a_pile_request_is_read():
    assert pile_request([37.5, 69.25, 37.5, 69.25, 100]) == ((37.5, 69.25, 37.5, 69.25), 100)


def test_marker_rows_carry_the_list_fields_newest_first(piled):
    sent = event_clusters(piled, ["a"], None).data()
    rows = sent["rows"]
    assert sent["fanMax"] == piles.FAN_MAX and sent["pageSize"] == PILE_PAGE
    ranked = [r[2] for r in sorted(rows, key=lambda r: r[11])]
    assert ranked == [piled["id"].iat[i] for i in newest_first(piled)]
    by_id = piled.set_index("id")
    for r in rows:
        assert len(r) == 12 and r[7] == by_id.loc[r[2], "title"]
        assert isinstance(r[8], str) and r[8]
        status = by_id.loc[r[2], "status"]
        assert r[10] == ("" if status == "reported" else STATUS_SHORT.get(status, status))


def test_picker_labels_tell_events_titled_alike_apart(data: Dataset):
    ids = list(data.frame["id"].iloc[:3])
    frame = data.frame
    same = frame["title"].iat[0]
    labels = picker_labels(_with_titles(data, {ids[1]: same}), ids)
    assert labels[ids[0]] == f"{same} · {ids[0]}" and labels[ids[1]] == f"{same} · {ids[1]}"
    assert labels[ids[2]] == frame["title"].iat[2]
    assert len(set(labels.values())) == 3


def _with_titles(data: Dataset, titles: dict[str, str]) -> Dataset:
    frame = data.frame.copy()
    for eid, title in titles.items():
        frame.loc[frame["id"] == eid, "title"] = title
    return Dataset(**{**vars(data), "frame": frame})
