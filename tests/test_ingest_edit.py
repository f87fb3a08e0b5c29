"""A reviewer's edits applied to a candidate, and the place a map click picks."""

from __future__ import annotations

import datetime as dt

from geo.ingest import propose
from geo.ingest.edit import Edits, apply_edits, nearest_place
from geo.vocab import load_gazetteer

PLACES = load_gazetteer()
TEXT = "Tajik border guards clashed with smugglers near Panj yesterday; two were killed."


def _edits(**change) -> Edits:
    base = dict(
        title="Clash near Panj",
        summary="Border guards and smugglers clashed.",
        event_type="Battles",
        date_start="2025-12-02",
        date_end="2025-12-02",
        date_precision="day",
        date_text="yesterday",
        place_id="farkhor",
        geo_precision=1,
        location_note=None,
        actors=["Tajik Border Forces", "Drug smugglers"],
        fatalities=2,
        injured=None,
        translation="(English original)",
        status="reported",
    )
    return Edits(**{**base, **change})


def test_edits_replace_fields_and_the_point_follows_the_place():
    (candidate,) = propose(TEXT, published=dt.date(2025, 12, 3))["features"]
    edited = apply_edits(candidate, _edits(), PLACES)
    props = edited["properties"]
    assert (props["place_id"], props["place"], props["country"]) == ("farkhor", "Farkhor", "TJK")
    assert edited["geometry"]["coordinates"] == [PLACES["farkhor"].lon, PLACES["farkhor"].lat]
    assert props["uncertainty"] is None and props["status"] == "reported"
    assert props["sources"][0]["translation"] == "(English original)"
    assert candidate["properties"]["place_id"] == "panj"  # the candidate itself is untouched


def test_a_district_keeps_its_area_and_no_place_means_no_point():
    (candidate,) = propose(TEXT)["features"]
    district = apply_edits(candidate, _edits(place_id="vanj-district", geo_precision=2), PLACES)
    assert district["properties"]["uncertainty"] == {"shape": "circle", "radius_km": 25}
    nowhere = apply_edits(candidate, _edits(place_id=None), PLACES)
    assert nowhere["geometry"] is None and nowhere["properties"]["place"] == "not stated"


def test_a_map_click_picks_the_nearest_town_or_seat():
    khorugh = PLACES["khorugh"]
    assert nearest_place(khorugh.lon + 0.01, khorugh.lat - 0.01, PLACES).id == "khorugh"
    assert nearest_place(69.1, 37.24, PLACES).id in {"panj", "panj-district"}
