"""Border posts and detachments named in quotes (`geo/vocab/units.json`): read as the
district they lie in, never as a town of the same name. The articles are written for these
tests (never an outlet's words), each with a difficulty met in real reports: a post and its
detachment named with no district, the province beside them, a Tajik case ending after the
closing quote."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.ingest.reasons import PlaceReason
from geo.vocab import load_gazetteer, load_units
from tests.helpers.ingest import props_on, violent

SHOHIN = "shamsiddin-shohin-district"
_props = props_on(dt.date(2024, 3, 14))  # a Thursday


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "On Tuesday gunmen fired from the Afghan bank on a mining camp near the 1st border "
            'post "Istiqlol" in Khatlon region. Two workers were killed.',
        ),
        (
            "en",
            "On Tuesday two workers were killed when gunmen attacked a camp guarded by the Yol "
            "Border Detachment in Khatlon.",
        ),
        (
            "ru",
            "Во вторник на участке 7-й заставы «Хирманджо» в Хатлонской области боевики "
            "обстреляли пограничников. Погибли двое нарушителей.",
        ),
        (
            "tg",
            "Рӯзи сешанбе дар ҳудуди дидбонгоҳи “Истиқлол”-и отряди сарҳадии “Ёл”-и вилояти "
            "Хатлон ду қочоқбар кушта шуданд.",
        ),
    ],
)
def test_a_post_or_detachment_in_quotes_is_its_district_not_the_province(lang, text):
    (props,) = violent(_props(text, lang))
    assert props["place_id"] == SHOHIN
    assert props["date_start"] == "2024-03-12"
    assert props["fatalities"] == 2
    place_notes = [e for e in props["evidence"] if e["field"] == "place"]
    assert any("no point of its own" in str(e) for e in place_notes), place_notes


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # The town of Istiqlol (Sughd), named bare: no post.
        ("en", "On Tuesday two smugglers were killed in a shootout in the town of Istiqlol."),
        # "Сад" is a garden, "Ёл" nothing, unless in quotes.
        ("ru", "Во вторник в Бохтаре у входа в городской сад погибли двое прохожих."),
    ],
)
def test_a_units_name_out_of_quotes_is_not_the_unit(lang, text):
    (props,) = violent(_props(text, lang))
    assert props["place_id"] != SHOHIN


def test_every_unit_lies_in_a_gazetteer_place_and_says_who_says_so():
    places = load_gazetteer()
    problems = [
        f"{u.id}: {why}"
        for u in load_units().values()
        for why, bad in (
            (f"place {u.place!r} is not in the gazetteer", u.place not in places),
            ("no spellings", not u.spellings),
            ("no source", not u.source.strip()),
            (f"kind {u.kind!r}", u.kind not in ("post", "detachment")),
        )
        if bad
    ]
    assert problems == []


def test_the_reason_is_typed():
    assert PlaceReason("unit") is PlaceReason.UNIT
