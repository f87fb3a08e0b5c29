"""Events placed only in a wide area overlapping a province or district
(geo/view/area_only.py): which wide areas overlap which province, by geography."""

from __future__ import annotations

from geo.view.area_only import wide_in_area


def _keys(data, area: str) -> set[str]:
    frame = data.frame
    return {
        k.split(":")[0] + ":" + k.split(":")[1]
        for k in frame[wide_in_area(frame, area, data.areas)]["area_key"]
    }


def test_a_tajik_border_province_is_overlapped_by_the_band_and_the_tajik_side(data):
    assert _keys(data, "Khatlon") == {"border:", "border-side:TJK"}
    assert _keys(data, "Gorno-Badakhshan") == {"border:", "border-side:TJK"}


def test_an_afghan_inland_province_only_by_afghanistan(data):
    assert _keys(data, "Kabul") == {"country:AFG"}
    assert _keys(data, "Kabul / Kabul") == {"country:AFG"}  # a district: by its towns


def test_a_province_away_from_every_wide_area_and_unknown_areas_hold_none(data):
    assert _keys(data, "Dushanbe") == set()  # more than 30 km from the border
    assert _keys(data, "Nowhere") == set() and _keys(data, "") == set()
    assert _keys(data, "Nowhere / Nothing") == set()
