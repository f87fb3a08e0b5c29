"""The area a dataset codes an imported event in (UCDP's adm_1/adm_2, ACLED's admin1/admin2):
kept in the frame as the dataset names it, matched to GeoNames' provinces and districts
(geo/coded_areas.py), and used by the overview's areas where the point cannot tell
(geo/areas.py), on the real UCDP sample and on hostile names."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from geo import areas
from geo.coded_areas import names, resolve
from geo.importers.__main__ import main as import_main
from geo.published import acled, ucdp
from geo.published._rows import MAX_AREA_NAME
from geo.published.rows import coded_area, coded_areas
from geo.store import FileStore
from geo.view import overview as ov
from tests.helpers.apptest import map_notes, run_app
from tests.helpers.data import ROOT, SEEDS, copy_layers

UCDP = ROOT / "data" / "ucdp_ged231_sample_afg_tjk.csv"


def _import(tmp: Path, csv_path: Path, out: str) -> FileStore:
    layers, data = tmp / "layers", tmp / "data"
    if not layers.exists():
        copy_layers(layers, compiled=False)
    args = ["ucdp", str(csv_path), "--out", str(layers / out), "--layers", str(layers)]
    assert import_main([*args, "--data", str(data), "--seeds", str(SEEDS)]) == 0
    return FileStore(layers, SEEDS, data)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    """The shipped layers and the real UCDP sample imported as GeoParquet, loaded."""
    return _import(tmp_path_factory.mktemp("ucdp"), UCDP, "ucdp.parquet").snapshot().frame


def _rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(UCDP.read_text(encoding="utf-8"))))


# --- what each dataset vouches for


@pytest.mark.parametrize(
    ("where_prec", "expected"),
    [(1, ("P", "D")), (2, ("P", "D")), (3, ("P", "D")), (4, ("P", None)),
     (5, (None, None)), (6, (None, None)), (7, (None, None))],
)  # fmt: skip
def test_ucdp_codes_an_area_as_far_as_where_prec_vouches(where_prec, expected):
    assert ucdp.coded_area({"where_prec": where_prec, "adm_1": "P", "adm_2": "D"}) == expected
    assert coded_area(ucdp.DATASET, {"where_prec": where_prec, "adm_1": "P", "adm_2": "D"}) == (
        expected
    )


@pytest.mark.parametrize(
    ("geo_precision", "expected"), [(1, ("P", "D")), (2, ("P", "D")), (3, ("P", None))]
)
def test_acled_codes_an_area_as_far_as_geo_precision_vouches(geo_precision, expected):
    codes = {"geo_precision": geo_precision, "admin1": "P", "admin2": "D"}
    assert acled.coded_area(codes) == coded_area(acled.DATASET, codes) == expected


@pytest.mark.parametrize(
    "codes",
    [
        {"where_prec": 1, "adm_1": "", "adm_2": "   "},
        {"where_prec": 1, "adm_1": None, "adm_2": 7},
        {"where_prec": 1, "adm_1": "x" * (MAX_AREA_NAME + 1), "adm_2": "y" * 10_000},
        {"where_prec": "1", "adm_1": "Takhar province", "adm_2": "Darqad district"},
        {"where_prec": None, "adm_1": "Takhar province"},
        {},
    ],
)
def test_what_names_no_area_is_no_coded_area(codes):
    assert ucdp.coded_area(codes) == (None, None)


def test_a_record_of_no_known_dataset_codes_nothing():
    assert coded_area("Some dataset", {"where_prec": 1, "adm_1": "Takhar"}) == (None, None)
    assert coded_area(ucdp.DATASET, "where_prec=1") == (None, None)
    assert coded_area(None, None) == (None, None)


# --- names matched to GeoNames', never invented


@pytest.mark.parametrize(
    ("coded", "geonames"),
    [
        (("AFG", "Takhar province", "Darqad district"), ("Takhar", "Darqad")),
        (("AFG", "Hilmand province", "Nad Ali district (Marja)"), ("Helmand", "Nād ‘Alī")),
        (("AFG", "Paktya province", "Zurmat district"), ("Paktia", "Zurmat")),
        (("AFG", "Hirat province", ""), ("Herat", "")),
        (("AFG", "Sari Pul province", ""), ("Sar-e Pol", "")),
        (("AFG", "Wardak province", ""), ("Maidan Wardak", "")),
        (("AFG", "Takhar province", "Taluqan district"), ("Takhar", "Tāluqān")),
        (("AFG", "Kunduz province", "Qalay-I-Zal district"), ("Kunduz", "Qal‘ah-ye Zāl")),
        (("TJK", "Khatlon", "Farkhor"), ("Khatlon", "Nohiyai Farkhor")),
        (("TJK", "Dushanbe independent city", ""), ("Dushanbe", "")),
        (("TJK", "", "Farkhor"), ("Khatlon", "Nohiyai Farkhor")),  # no province: the country's
        (("AFG", "Takhar\u202e province", "Dar\u200bqad"), ("Takhar", "Darqad")),  # unseen
    ],
)
def test_a_dataset_spelling_finds_the_geonames_area(coded, geonames):
    assert resolve(*coded) == geonames


@pytest.mark.parametrize(
    ("coded", "geonames"),
    [
        (("AFG", "", ""), ("", "")),
        (("AFG", "Atlantis province", "Darqad district"), ("", "")),  # no province: no district
        (("AFG", "Takhar province", "Kishim district"), ("Takhar", "")),  # Kishim: Badakhshan
        (("AFG", "Takhar province", "Nowhere district"), ("Takhar", "")),
        (("TJK", "Takhar province", "Darqad district"), ("", "")),  # another country's
        (("AFG", "Khatlon", ""), ("", "")),
        (("AFG", "", "Baharak"), ("", "")),  # in Badakhshan and in Takhar: which?
        (("AFG", "Badakhshan", "Darwaz"), ("Badakhshan", "")),  # Upper or Lower Darwaz?
        (("AFG", "<img src=x onerror=alert(1)>", "${alert(1)}"), ("", "")),
        (("AFG", '=HYPERLINK("http://x")', "'; DROP TABLE atlas.events; --"), ("", "")),
        (("", "Takhar province", "Darqad district"), ("", "")),
        (("AFG", "province", "district"), ("", "")),  # kind words alone name nothing
    ],
)
def test_a_name_that_names_no_one_area_matches_nothing(coded, geonames):
    assert resolve(*coded) == geonames


def test_every_match_is_a_geonames_name():
    known = names()
    provinces = {name for areas_ in known.provinces.values() for name in areas_.names}
    countries = {"Afghanistan": "AFG", "Tajikistan": "TJK"}
    for row in _rows():
        codes = {"where_prec": int(row["where_prec"]), "adm_1": row["adm_1"]}
        province, district = ucdp.coded_area({**codes, "adm_2": row["adm_2"]})
        country = countries[row["country"]]
        found = resolve(country, province or "", district or "")
        assert found[0] in provinces | {""}
        if found[1]:
            assert found[1] in known.districts[(country, found[0])].names


# --- the overview's areas


def test_the_sample_takes_the_district_its_dataset_codes(sample):
    found = areas.derive_areas(sample)
    point1, point2 = areas.point_areas(sample)
    imported = (sample["release"].astype(str) != "").to_numpy()
    source = (found["basis"] == areas.AreaBasis.SOURCE).to_numpy()
    assert not (source & ~imported).any()  # curated events keep the point's rule
    by_point = point2 != areas.UNKNOWN
    assert (found["admin2"].to_numpy()[by_point] == point2[by_point]).all()
    assert not (source & by_point).any()  # an exact point near a town says it first
    for i in np.flatnonzero(source):  # the coded names, matched
        want = resolve(sample["country"].iat[i], _text(sample["coded_admin1"].iat[i]),
                       _text(sample["coded_admin2"].iat[i]))  # fmt: skip
        assert found["admin1"].iat[i] == want[0] != ""
        assert found["admin2"].iat[i] == (f"{want[0]}{areas.SEP}{want[1]}" if want[1] else "")
    with_district = (found["admin2"] != areas.UNKNOWN).to_numpy() & imported
    assert with_district.sum() >= 2 * (by_point & imported).sum()  # UCDP's 51 district rows
    assert ((found["admin1"] != areas.UNKNOWN).to_numpy() & imported).sum() >= (
        (point1 != areas.UNKNOWN) & imported
    ).sum()
    where = dict(zip(sample["id"], zip(found["admin1"], found["admin2"], strict=True), strict=True))
    for row in _rows():
        if row["where_prec"] == "3" and row["adm_2"] == "Sangin district":
            assert where[f"ucdp-ged-{row['id']}"] == ("Helmand", "Helmand / Sangīn")


def _text(value: object) -> str:
    return "" if pd.isna(value) else str(value)


def test_charts_split_a_bar_into_point_and_coded_parts(sample):
    for column in ("admin1", "admin2"):
        placed = ov.by_area(sample, sample, column)
        basis = areas.frame_areas(sample)["basis"].astype(str).to_numpy()
        names_ = areas.frame_areas(sample)[column].astype(str).to_numpy()
        for row in placed[placed["name"] != ov.NOT_KNOWN].itertuples(index=False):
            assert row.coded == ((names_ == row.name) & (basis == "source")).sum()
        parts = ov.area_parts(placed, pd.DataFrame(columns=["name", "events", "killed"]))
        totals = parts.groupby("name")["events"].sum()
        assert (totals == placed.set_index("name")["events"].reindex(totals.index)).all()
        coded = parts[parts["part"] == ov.CODED]
        assert coded["events"].sum() == placed["coded"].sum() > 0
        assert parts.groupby("name")["killed"].sum().sum() == placed["killed"].sum()


def test_hostile_coded_names_leave_the_point_to_speak(tmp_path):
    rows = _rows()[:12]
    hostile = ["", "<script>alert(1)</script>", "=cmd|' /C calc'!A0", "${7*7}",
               "Badakhshan province", "\u202eTakhar"]  # fmt: skip
    for at, row in enumerate(rows):
        row["adm_1"] = hostile[at % len(hostile)]
        row["adm_2"] = "Darqad district" if at % 2 else "x" * 500
    path = tmp_path / "ucdp_ged231_hostile.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    frame = _import(tmp_path, path, "hostile.geojson").snapshot().frame
    found = areas.derive_areas(frame)
    point1, _ = areas.point_areas(frame)
    source = (found["basis"] == areas.AreaBasis.SOURCE).to_numpy()
    junk = frame["id"].isin([f"ucdp-ged-{r['id']}" for r in rows if r["adm_1"] in hostile[:4]])
    assert junk.sum() == 8 and not source[junk.to_numpy()].any()
    assert (found["admin1"].to_numpy()[~source] == point1[~source]).all()
    # A bidi control is no letter: "\u202eTakhar" is Takhar, and Darqad a district of it.
    assert set(found["admin1"][source]) <= {"Badakhshan", "Takhar"}
    assert set(found["admin2"][source]) <= {areas.UNKNOWN, "Takhar / Darqad"}


def test_the_area_filter_and_its_note_say_what_the_dataset_codes(tmp_path, monkeypatch):
    layers = tmp_path / "layers"
    _import(tmp_path, UCDP, "ucdp.parquet")
    for name, value in (("LAYERS", layers), ("DATA", tmp_path / "data")):
        monkeypatch.setenv(f"ATLAS_{name}_DIR", str(value))
    monkeypatch.setenv("ATLAS_TILES", "none")
    at = run_app(area="Helmand / Sangīn", undated="true")
    assert not at.exception
    district = at.sidebar.selectbox(key="area_district")
    assert "Sangīn" in district.options and district.value == "Helmand / Sangīn"  # as it reads
    notes = [n for n in map_notes(at, ":material/map:") if "Sangīn" in n]
    # On the note's own line, not only in its help: whose word places them there.
    assert notes and "as their dataset codes it" in notes[0].split("\n")[0], notes


def test_a_file_naming_too_many_areas_has_its_rarest_left_to_the_point(sample, monkeypatch):
    coded = sample[sample["coded_admin1"].notna()].copy()
    coded["country"], coded["coded_admin1"] = "AFG", "Takhar province"
    coded["coded_admin2"] = ["Darqad district"] * (len(coded) - 1) + ["Taluqan district"]
    monkeypatch.setattr(areas, "MAX_CODED_NAMES", 1)
    province, district = areas.coded_areas(coded)
    assert (district[:-1] == "Takhar / Darqad").all() and district[-1] == areas.UNKNOWN
    assert province[-1] == areas.UNKNOWN  # not matched at all, not half matched
    monkeypatch.setattr(areas, "MAX_CODED_NAMES", 2)
    assert areas.coded_areas(coded)[1][-1] == "Takhar / Tāluqān"


def test_a_batch_is_coded_as_each_record_alone():
    codings = [(3, "Takhar province", "Darqad district"), (4, "Takhar", "X"), (6, "Takhar", ""),
               (3, "Takhar province", "Darqad district")]  # fmt: skip
    ucdp_rows = [{"dataset": ucdp.DATASET, "codes": {"where_prec": w, "adm_1": a, "adm_2": d}}
                 for w, a, d in codings]  # fmt: skip
    mixed = [*ucdp_rows, {"dataset": acled.DATASET, "codes": {"geo_precision": 3, "admin1": "T"}},
             {"dataset": ucdp.DATASET, "codes": {"where_prec": 1, "adm_1": ["not", "hashable"]}},
             {"dataset": ucdp.DATASET, "codes": None}, {"codes": {}}]  # fmt: skip
    for batch in (ucdp_rows, mixed, [], ucdp_rows[:1]):
        assert coded_areas(batch) == [coded_area(r.get("dataset"), r["codes"]) for r in batch]


def test_a_former_province_name_and_a_district_listed_twice_are_matched():
    """The #25 walk: UCDP's 'Leninobod region' (Sughd, renamed in 2000) and 'Darvoz'
    (GeoNames lists it twice in Gorno-Badakhshan: 'Darvozskiy Rayon', 'Nohiyai Darvoz')
    matched nothing."""
    assert resolve("TJK", "Leninobod region", "") == ("Sughd", "")
    province, district = resolve("TJK", "Gorno-Badakhshan Autonomous Region", "Darvoz district")
    assert province == "Gorno-Badakhshan" and district in ("Darvozskiy Rayon", "Nohiyai Darvoz")
    # One name in two provinces stays two areas: with no province coded, no district.
    assert resolve("AFG", "", "Baharak district") == ("", "")
    assert resolve("AFG", "Takhar province", "Baharak district") == ("Takhar", "Bahārak")
