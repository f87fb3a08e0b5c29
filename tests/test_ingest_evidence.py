"""Ingest fills per-field evidence: the words it read each date, place, count and actor from.
Every article here was written for these tests."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest

from geo.context import load_context
from geo.evidence import check_evidence, states_value
from geo.ingest import propose
from geo.ingest.edit import Edits, apply_edits
from geo.ingest.review import ArticleMeta, accept
from geo.layers import load_catalog
from geo.model import EventProperties, Evidence
from geo.spellings import date_ways, number_spellings, place_spellings
from geo.vocab import load_gazetteer
from tests.helpers.data import ROOT, SEEDS, copy_layers, read_layer

FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
NAMES = sorted(p.name for p in FIXTURES.glob("*.txt"))


def _read(name: str) -> str:
    with open(FIXTURES / name, encoding="utf-8", newline="") as fh:
        return fh.read()


def _fields(props: dict) -> dict[str, dict]:
    return {(e["actor"] if e.get("actor") else e["field"]): e for e in props["evidence"]}


@pytest.mark.parametrize("name", NAMES)
def test_every_cited_span_is_the_article_s_words(name):
    text = _read(name)
    for feature in propose(text, name)["features"]:
        for ev in feature["properties"]["evidence"]:
            Evidence.model_validate(ev)
            if "inferred" in ev:
                assert ev["inferred"].startswith("Read from '")
                continue
            assert ev["source"] == 0 and text[ev["start"] : ev["end"]] == ev["words"]


@pytest.mark.parametrize("name", NAMES)
def test_candidates_validate_with_their_evidence(name):
    """A candidate with a type and a place is a valid feature, its evidence checked too."""
    text = _read(name)
    ctx = load_context(SEEDS)
    ctx = dataclasses.replace(ctx, seeds={**ctx.seeds, name: text})
    for feature in propose(text, name)["features"]:
        props = {k: v for k, v in feature["properties"].items() if k != "ingest"}
        if props["event_type"] is None or props["place_id"] is None:
            continue
        props["status"] = "reported"
        props["sources"] = [{**props["sources"][0], "translation": "(a translation)"}]
        model = EventProperties.model_validate(props)
        assert list(check_evidence(model, ctx)) == []


def test_each_matched_field_cites_its_words():
    text = _read("russian_two_incidents.txt")
    props = propose(text, "x.txt")["features"][0]["properties"]
    cited = _fields(props)
    assert cited["date"]["words"] == "30 ноября"
    assert cited["place"]["words"] == "Пянджа"
    assert cited["Tajik Border Forces"]["words"] == "таджикскими пограничниками"
    assert cited["Drug smugglers"]["words"] == "контрабандистов"
    # Russian collective numerals ("двое") spell their number.
    assert cited["fatalities"]["words"] == "погибли двое"


def test_a_toll_on_the_next_line_cites_the_next_line():
    text = _read("russian_multiline.txt")
    props = propose(text, "x.txt")["features"][0]["properties"]
    cited = _fields(props)
    assert cited["fatalities"]["words"] == "Погибли трое"
    assert cited["injured"]["words"] == "один пограничник ранен"
    assert cited["date"]["words"] == "2 декабря"
    start, end = cited["fatalities"]["start"], cited["fatalities"]["end"]
    assert text[start:end] == "Погибли трое" and text.index("Погибли") == start


def test_words_that_do_not_spell_the_value_are_inferred_and_quoted():
    props = propose(_read("dari_solar_dateline.txt"), "x.txt")["features"][0]["properties"]
    cited = _fields(props)
    assert "شب گذشته" in cited["date"]["inferred"]  # "last night" spells no day
    assert cited["place"]["words"] == "ولسوالی چاه آب"
    assert cited["fatalities"]["words"] == "دو تن کشته"


def test_a_borrowed_place_cites_the_earlier_sentence():
    text = "Guards clashed with smugglers in Farkhor on Monday. Two died in a new clash yesterday."
    second = propose(text, "x.txt", "en", dt.date(2025, 12, 3))["features"][1]["properties"]
    place = _fields(second)["place"]
    assert place["words"] == "Farkhor" and place["start"] == text.index("Farkhor")
    assert place["start"] < second["sources"][0]["start"]  # before the excerpt, in the article


def _edits(props: dict, **change) -> Edits:
    base = {
        "title": props["title"],
        "summary": props["summary"],
        "event_type": props["event_type"],
        "date_start": props["date_start"],
        "date_end": props["date_end"],
        "date_precision": props["date_precision"],
        "date_text": props["date_text"],
        "place_id": props["place_id"],
        "geo_precision": props["geo_precision"],
        "location_note": props["location_note"],
        "actors": props["actors"],
        "fatalities": props["fatalities"],
        "injured": props["injured"],
        "translation": "A firefight near Panj.",
        "status": "reported",
    }
    return Edits(**{**base, **change})


def test_an_edited_field_drops_the_words_that_no_longer_back_it():
    feature = propose(_read("russian_two_incidents.txt"), "x.txt")["features"][0]
    props = feature["properties"]
    edited = apply_edits(
        feature,
        _edits(props, fatalities=4, place_id="farkhor", actors=["Tajik Border Forces"]),
        load_gazetteer(),
    )
    assert set(_fields(edited["properties"])) == {"date", "Tajik Border Forces"}
    same = apply_edits(feature, _edits(props), load_gazetteer())
    assert same["properties"]["evidence"] == props["evidence"]


def test_accepted_candidate_keeps_its_evidence_and_the_layer_validates(tmp_path: Path):
    layers, seeds = tmp_path / "layers", tmp_path / "seeds"
    copy_layers(layers)
    shutil.copytree(SEEDS, seeds)
    text = _read("russian_multiline.txt")
    feature = propose(text, "pasted.txt")["features"][0]
    feature = apply_edits(feature, _edits(feature["properties"]), load_gazetteer())
    meta = ArticleMeta(lang="ru", published="2025-12-04", outlet="Test outlet")
    out = accept(feature, text, meta, "incidents", layers, seeds)
    assert out.problems == []
    added = read_layer(layers / "incidents.geojson")["features"][-1]["properties"]
    assert {"date", "place", "fatalities", "injured"} <= set(_fields(added))
    assert load_catalog(layers, load_context(seeds)).problems == []


# The validator's spellings (geo.spellings) on words written for these tests.
@pytest.mark.parametrize(
    ("words", "place_id", "found"),
    [
        ("в Фархорском районе", "farkhor-district", True),  # a Russian case form
        ("у Хорога", "khorugh", True),
        ("Khorog", "khorugh", True),  # a spelling in the English name's brackets
        ("Kurgan-Tyube", "bokhtar", True),  # an alias
        ("the Bokhtar garrison", "bokhtar", True),  # "Bokhtar (formerly …), Khatlon"
        ("مناطق مرزی", "tjk-afg-border", True),  # the alias "مرزی"
        ("в Пянджском районе", "panj", False),  # the district's adjective is not the town
        ("Фархор", "farkhor-district", False),  # the town's name alone is not "… район"
    ],
)
def test_place_spelled_in_any_case_or_alias(words, place_id, found):
    ways = [[place_spellings(load_gazetteer()[place_id])]]
    assert states_value(words, ways, loose=True) is found


@pytest.mark.parametrize(
    ("words", "day", "found"),
    [
        ("۱۲ قوس ۱۴۰۴", dt.date(2025, 12, 3), True),  # Afghan solar month
        ("۱۲ آذر", dt.date(2025, 12, 3), True),  # Iranian solar month
        ("۱۳ قوس", dt.date(2025, 12, 3), False),  # another day
        ("دوازدهم قوس", dt.date(2025, 12, 3), True),  # a Persian ordinal
        ("١٢ جمادى الآخرة ١٤٤٧", dt.date(2025, 12, 3), True),  # hijri
        ("دوم دسمبر", dt.date(2025, 12, 2), True),  # ordinal day, Gregorian month
        ("۱۲ قوس", dt.date(2025, 12, 4), False),
    ],
)
def test_a_day_is_spelled_in_any_calendar(words, day, found):
    assert states_value(words, date_ways(day, "day")) is found


@pytest.mark.parametrize(
    ("words", "n", "found"),
    [
        ("погибли двое", 2, True),
        ("задержаны трое", 3, True),
        ("ранены четверо", 4, True),
        ("задержали пятерых", 5, True),
        ("погибли двое", 3, False),
    ],
)
def test_russian_collective_numbers_spell_their_count(words, n, found):
    assert states_value(words, [[number_spellings(n)]]) is found


def test_inflected_places_and_solar_dates_are_cited_not_inferred():
    text = (
        "ДУШАНБЕ, 5 декабря 2025 года.\n"
        "3 декабря в Фархорском районе пограничники задержали троих контрабандистов.\n"
    )
    props = propose(text, "x.txt")["features"][0]["properties"]
    cited = _fields(props)
    assert cited["place"]["words"] == "Фархорском районе"
    dari = "کابل، ۱۴ قوس ۱۴۰۴ – در ۱۰ قوس در ولسوالی خواهان میان دو گروه مسلح درگیری رخ داد."
    cited = _fields(propose(dari, "y.txt")["features"][0]["properties"])
    assert cited["date"]["words"] == "۱۰ قوس"
    assert cited["place"]["words"] == "ولسوالی خواهان"
