"""Near a place (#25 item 4): within N km of a town or district in any spelling, events
placed only in areas that include it counted apart, an empty search that names a place."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geo.areas import haversine_km
from geo.view import places as pl
from geo.view.modes import wide_mask
from tests.helpers.apptest import map_event_ids, map_notes, run_app, wide_area_events


@pytest.mark.parametrize("typed", ["Farkhor", "фархор", "فرخور", "FARKHOR"])
def test_a_place_is_found_in_any_spelling(typed):
    assert pl.places_named(typed)[0] == "farkhor"


def test_short_or_unknown_queries_name_no_place():
    assert pl.places_named("kh") == [] and pl.places_named("gold mine") == []


def test_stand_in_points_are_never_within_a_radius(data):
    frame = data.frame
    inside, area_only = pl.near_masks(frame, pl.Near("farkhor", 500), data.areas)
    stand_in = frame["area_shape"].isin(pl.STAND_IN).to_numpy()
    assert not (inside & stand_in).any()
    assert (area_only & stand_in).any()  # the Tajik side's band includes Farkhor
    assert not (inside & area_only).any()


def test_within_means_the_point_within_the_radius(data):
    frame, dushanbe = data.frame, pl.load_places()["dushanbe"]
    inside, _ = pl.near_masks(frame, pl.Near("dushanbe", 30), data.areas)
    km = haversine_km(
        frame["lat"].to_numpy(float),
        frame["lon"].to_numpy(float),
        np.full(len(frame), dushanbe.lat),
        np.full(len(frame), dushanbe.lon),
    )
    expected = (km <= 30) & ~frame["area_shape"].isin(pl.STAND_IN).to_numpy()
    assert (inside == expected).all() and inside.sum() == 12


def test_the_district_with_no_event_explains_and_shows_the_area_events(data):
    at = run_app(place="shamsiddin-shohin-district")
    assert not at.exception
    (note,) = map_notes(at, ":material/place:")
    assert note.startswith("No event is placed within 30 km of Shamsiddin Shohin district")
    _, area_only = pl.near_masks(data.frame, pl.Near("shamsiddin-shohin-district"), data.areas)
    assert f"{area_only.sum()} more, not shown" in note
    assert map_event_ids(at) == []
    at.button(key="place-areas-toggle").click().run()
    wide = wide_mask(data.frame)  # no point: drawn as their areas, not as markers
    assert sorted(map_event_ids(at)) == sorted(data.frame.loc[area_only & ~wide, "id"])
    assert wide_area_events(at) == (area_only & wide).sum() > 0
    assert at.query_params["place_areas"] == "true"


def test_an_empty_search_that_names_a_place_offers_it():
    at = run_app(q="Shamsiddin Shohin")
    assert "is a place" in at.info[0].value
    at.button(key="look-near-shamsiddin-shohin-district").click().run()
    assert at.query_params["place"] == "shamsiddin-shohin-district"
    assert at.text_input(key="q").value == ""


def test_a_bad_place_in_the_link_is_ignored():
    at = run_app(place="<img src=x>", place_km="1e400")
    assert not at.exception and at.selectbox(key="place").value is None


def test_near_counts_every_copy_at_100000_events(data):
    """Its speed is measured by bench/hot_paths.py, not asserted here."""
    big = pd.concat([data.frame] * 2600, ignore_index=True)
    _, area_only = pl.near_masks(big, pl.Near("farkhor", 30), data.areas)
    assert (
        area_only.sum() == 2600 * pl.near_masks(data.frame, pl.Near("farkhor"), data.areas)[1].sum()
    )


def test_a_selection_hidden_by_the_place_says_so_and_one_click_shows_it():
    at = run_app(place="dushanbe", event="firefight-near-gold-mine-panj-2025-10-25")
    assert not at.exception
    assert "hidden by the place" in at.warning[0].value
    at.button(key="unhide").click().run()
    assert at.selectbox(key="place").value is None
    assert not at.warning and wide_area_events(at) > 0  # shown: the band it is placed in
