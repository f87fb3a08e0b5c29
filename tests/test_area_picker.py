"""The province or district filter in two steps (#25's last walk: one alphabetical list
of 39 provinces of two countries and the districts showed a few at a time, the Tajik
provinces scattered among the Afghan ones): a province, grouped by country, Tajikistan's
first, then one of its districts. The link keeps one value, `?area=…`, as before."""

from __future__ import annotations

from geo.view.modes import provinces
from tests.helpers.apptest import map_event_ids, run_app
from tests.helpers.browser import EVENTS
from ui.area_picker import province_countries

SHUGHNON = "Gorno-Badakhshan / Nohiyai Shughnon"


def test_the_provinces_come_grouped_by_country_tajikistan_first():
    countries = province_countries([])
    shipped = {f["properties"]["name"] for f in provinces()["features"]}
    assert set(countries) == shipped and len(shipped) >= 39  # 34 Afghan, 5 Tajik
    names = list(countries)
    tajik = [n for n in names if countries[n] == "Tajikistan"]
    assert names[: len(tajik)] == sorted(tajik) and "Khatlon" in tajik and len(tajik) == 5
    assert names[len(tajik) :] == sorted(names[len(tajik) :])  # then Afghanistan's
    assert set(countries.values()) == {"Tajikistan", "Afghanistan"}
    # A province the data names that no shipped polygon does is offered too, last.
    assert list(province_countries(["Atlantis", "Atlantis / Town"]))[-1] == "Atlantis"


def test_a_province_then_one_of_its_districts_sets_the_link_s_one_area():
    at = run_app()
    province, district = at.selectbox(key="area_province"), at.selectbox(key="area_district")
    assert province.options[0] == "Dushanbe · Tajikistan"
    assert district.disabled and not district.options  # a province first
    province.select("Gorno-Badakhshan").run()
    assert at.query_params["area"] in ("Gorno-Badakhshan", ["Gorno-Badakhshan"])
    district = at.selectbox(key="area_district")
    assert not district.disabled and district.options == ["Nohiyai Shughnon"]
    district.select(SHUGHNON).run()
    assert at.query_params["area"] in (SHUGHNON, [SHUGHNON])
    assert at.selectbox(key="area_province").value == "Gorno-Badakhshan"
    khorugh = [e["id"] for e in EVENTS if e["place"] == "Khorugh"]
    assert map_event_ids(at) == khorugh
    # Another province clears the district; "Anywhere" clears both.
    at.selectbox(key="area_province").select("Khatlon").run()
    assert at.query_params["area"] in ("Khatlon", ["Khatlon"])
    assert at.selectbox(key="area_district").value is None
    at.selectbox(key="area_province").select(None).run()
    assert "area" not in at.query_params


def test_a_link_to_a_district_fills_both_steps():
    at = run_app(area=SHUGHNON)
    assert not at.exception
    assert at.selectbox(key="area_province").value == "Gorno-Badakhshan"
    assert at.selectbox(key="area_district").value == SHUGHNON
