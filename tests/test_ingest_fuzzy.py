"""Places in the spellings outlets use (`geo.ingest.fuzzy`): letters compared after
squashing, an approximate match only above a cutoff and keeping the first letters, never a
word that is also a place in another meaning. Every text here was written for the test."""

from __future__ import annotations

import pytest

from geo.ingest.fuzzy import cutoff, find_approximate, squash
from geo.ingest.matching import find_places
from geo.vocab import load_places


def _read(text: str) -> list[tuple[str, str]]:
    places = load_places()
    exact = find_places(text, places)
    return [(h.text, h.key) for h in find_approximate(text, places, exact)]


@pytest.mark.parametrize(
    "text",
    [
        "در ولسوالی شمسالدین شهین دو مرزبان کشته شدند.",  # no ZWNJ, a vowel dropped
        "وقع الاشتباك في منطقة شمس الدين شُخين.",  # a vowel sign, another vowel
        "В районе Шамсиддини Шохин произошла перестрелка.",  # Tajik izafat in Russian
        "The clash happened in Shamsiddin Shokhin district.",  # kh for h
    ],
)
def test_a_district_is_read_in_the_spellings_outlets_use(text):
    assert [key for _, key in _read(text)] == ["shamsiddin-shohin-district"]


def test_the_cutoff_allows_about_one_letter_in_seven():
    assert cutoff(10) == 88.0 and cutoff(14) == 86.0
    assert _read("They met in Shamsidin Shohin.")  # one letter dropped
    assert not _read("They met in Shamsuddan Shuhan.")  # four letters changed


def test_a_mark_inside_a_name_is_no_obstacle():
    text = "سه سرباز در ولسوالی در\u200fقد کشته شدند."  # a right-to-left mark inside
    # The town and its district share the name: both are read, the caller ranks them.
    assert {key for _, key in _read(text)} == {"darqad", "darqad-district"}
    assert squash("در\u200fقد") == squash("درقد")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("tg", "Рӯзи душанбеи гузашта дар марз ду марзбон кушта шуданд."),  # last Monday
        ("fa", "در این رویداد پنج تن زخمی شدند و در تاجیکستان تحقیقات آغاز شد."),
        ("fa", "بخش تاجیکستان رادیو گزارش داد که مذاکرات ادامه دارد."),
    ],
)
def test_words_that_are_also_places_are_not_read_as_places(lang, text):
    assert _read(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The delegation discussed trade, roads and the price of electricity for the winter.",
        "Министр обсудил с коллегами вопросы торговли, образования и здравоохранения.",
        "وزیران درباره تجارت، آموزش و صحت عامه گفتگو کردند و توافقنامه‌ای امضا شد.",
        "ناقش الوزيران قضايا التجارة والتعليم والصحة العامة خلال الاجتماع.",
        "Вазирон масъалаҳои тиҷорат, маориф ва тандурустиро муҳокима карданд.",
    ],
)
def test_ordinary_prose_names_no_place(text):
    assert _read(text) == []


def test_of_two_places_one_name_gives_the_country_named_decides():
    # "درواز" is a district on each bank of the Panj: Gorno-Badakhshan, named beside it,
    # says which (geo.ingest.placing.best_place).
    import datetime as dt

    from geo.ingest import propose

    text = "روز یکشنبه دو کارگر در درواز در ولایت خودمختار کوهستان بدخشان کشته شدند."
    (feature,) = propose(text, "x.txt", "fa", dt.date(2025, 12, 2))["features"]
    assert feature["properties"]["place_id"] == "darvoz-district"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "On 24 August a clash in Shahri Buzurg district killed one Taliban fighter."),
        ("ru", "24 августа в уезде Шахри Бузург в перестрелке погиб один боевик."),
    ],
)
def test_a_district_no_data_places_stands_at_its_province_area(lang, text):
    # GeoNames names Shahr-e Buzurg (Badakhshan) but gives it no seat: no point is made up,
    # the province's area stands for it (precision 3) and the note says so.
    import datetime as dt

    from geo.ingest import propose

    (feature,) = propose(text, "x.txt", lang, dt.date(2025, 8, 28))["features"]
    props = feature["properties"]
    assert (props["place_id"], props["geo_precision"]) == ("badakhshan", 3)
    assert "places nowhere" in props["location_note"]
