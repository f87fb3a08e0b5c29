"""Candidates from articles written for these tests, one table row per language."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from geo.ingest import propose
from geo.ingest.lang import detect_lang
from geo.ingest.matching import find_places
from geo.ingest.upload import MAX_ARTICLE_BYTES, decode_article
from geo.vocab import load_gazetteer
from tests.helpers.data import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "ingest"


def _read(name: str) -> str:
    with open(FIXTURES / name, encoding="utf-8", newline="") as fh:
        return fh.read()


# fmt: off
EXPECTED = [
    # file, lang, index, date_start, date_end, place_id, precision, actors ⊇, killed, injured, type
    ("dari_solar.txt", "fa", 0, "2025-01-28", "2025-01-28", "khwahan-district", 2,
     {"Taliban", "Tajik Border Forces"}, 2, 3, "Battles"),
    ("iranian_solar.txt", "fa", 0, "2025-08-24", "2025-08-24", "ishkashim-afg", 2,
     {"Tajik Border Forces", "Drug smugglers"}, 1, None, "Battles"),
    ("dari_dushanbe.txt", "fa", 0, "2025-12-01", "2025-12-01", "dushanbe", 1, set(), None,
     None, "Meeting"),
    ("dari_dushanbe.txt", "fa", 1, "2025-12-02", "2025-12-02", "panj", 1, set(), 5, None,
     "Violence against civilians"),
    ("arabic_weekday.txt", "ar", 0, "2025-11-26", "2025-11-26", "panj", 2,  # "قرب مدينة بانج"
     {"Tajik Border Forces", "Unidentified Armed Group (Afghanistan)"}, 3, 2, "Battles"),
    ("russian_two_incidents.txt", "ru", 0, "2025-11-30", "2025-11-30", "panj", 2,
     {"Tajik Border Forces", "Drug smugglers"}, 2, None, "Battles"),
    ("russian_two_incidents.txt", "ru", 1, "2025-11-25", "2025-11-26", "khorugh", 2, set(),
     None, 3, "Explosions/Remote violence"),
    ("tajik_night.txt", "tg", 0, "2025-11-26", "2025-11-27", "panj-district", 2,
     {"Unidentified Armed Group (Afghanistan)", "Civilians (China)"}, 5, 2,
     "Violence against civilians"),
    ("english_relative.txt", "en", 0, "2025-11-27", "2025-11-28", "khorugh", 2,
     {"Taliban", "Tajik Border Forces"}, 1, 2, "Battles"),
    ("english_relative.txt", "en", 1, "2025-10-20", "2025-10-31", "darvoz-district", 2,
     {"Drug smugglers"}, None, None, "Battles"),
]
# fmt: on


@pytest.mark.parametrize(
    (
        "name",
        "lang",
        "index",
        "start",
        "end",
        "place",
        "precision",
        "actors",
        "killed",
        "injured",
        "etype",
    ),
    EXPECTED,
    ids=[f"{row[0]}-{row[2]}" for row in EXPECTED],
)
def test_candidate_from_article(
    name, lang, index, start, end, place, precision, actors, killed, injured, etype
):
    text = _read(name)
    found = propose(text, name)
    assert found["ingest"]["lang"] == lang
    props = found["features"][index]["properties"]
    assert props["status"] == "proposed"
    assert (props["date_start"], props["date_end"]) == (start, end)
    assert (props["place_id"], props["geo_precision"]) == (place, precision)
    assert actors <= set(props["actors"])
    assert (props["fatalities"], props["injured"], props["event_type"]) == (killed, injured, etype)
    assert props["summary"] and props["date_text"]


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.txt")))
def test_excerpts_are_the_text_exactly_as_given(name):
    text = _read(name)
    for feature in propose(text, name)["features"]:
        for src in feature["properties"]["sources"]:
            assert text[src["start"] : src["end"]] == src["excerpt"]
            assert src["doc"] == name


def test_offsets_count_code_points_with_crlf_and_zwnj_kept():
    text = "\ufeffمقدمه\r\nدر حمله دیروز در شهر پنج سه نفر کشته شدند.\r\n"
    found = propose(text, "x.txt", "fa", dt.date(2025, 12, 3))
    (feature,) = found["features"]
    src = feature["properties"]["sources"][0]
    assert text[src["start"] : src["end"]] == src["excerpt"]
    assert feature["properties"]["fatalities"] == 3


@pytest.mark.parametrize(
    ("name", "lang"),
    [
        ("dari_solar.txt", "fa"),
        ("arabic_weekday.txt", "ar"),
        ("russian_two_incidents.txt", "ru"),
        ("tajik_night.txt", "tg"),
        ("english_relative.txt", "en"),
    ],
)
def test_language_is_told_from_the_script(name, lang):
    assert detect_lang(_read(name)) == lang


def test_dateline_is_used_only_when_no_date_is_given():
    text = _read("english_relative.txt")
    assert propose(text)["ingest"]["published"] == "2025-11-28"
    given = propose(text, published=dt.date(2025, 11, 1))
    assert given["ingest"]["published"] == "2025-11-01"
    assert given["features"][0]["properties"]["date_start"] == "2025-10-31"


def test_no_dateline_leaves_relative_dates_empty():
    text = "Tajik border guards clashed with smugglers near Panj yesterday; two were killed."
    (feature,) = propose(text)["features"]
    props = feature["properties"]
    assert (props["date_start"], props["date_precision"], props["date_text"]) == (
        None,
        "unknown",
        "yesterday",
    )
    assert props["fatalities"] == 2


def test_dushanbe_monday_and_panj_five_are_read_in_context():
    text = "روز دوشنبه در شهر دوشنبه نشست شد و پنج نفر در شهر پنج زخمی شدند."
    hits = find_places(text, load_gazetteer())
    assert [(h.key, text[h.start : h.end]) for h in hits] == [
        ("dushanbe", "دوشنبه"),
        ("panj", "پنج"),
    ]
    assert hits[0].start == text.index("شهر دوشنبه") + 4
    assert "Monday" in (hits[0].note or "") and "five" in (hits[1].note or "")


def test_same_name_on_both_banks_is_said_to_be_ambiguous():
    props = propose(_read("iranian_solar.txt"))["features"][0]["properties"]
    assert "Ishkashim" in props["location_note"] and "each bank" in props["location_note"]


def test_unfilled_fields_stay_empty():
    text = "Fighting was reported yesterday, officials said."
    (feature,) = propose(text, "x.txt", "en")["features"]
    props = feature["properties"]
    assert feature["geometry"] is None and props["place_id"] is None
    assert props["fatalities"] is None and props["actors"] == []
    assert "a place" in props["ingest"]["needs"]


def test_command_prints_a_feature_collection():
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "geo.ingest",
            str(FIXTURES / "russian_two_incidents.txt"),
            "--lang",
            "ru",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    data = json.loads(out.stdout)
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 2


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"x" * (MAX_ARTICLE_BYTES + 1), "larger than 1 MB"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        ("Привет".encode("cp1251"), "not UTF-8"),
        (b"abc\x07def", "control characters"),
        (b"  \n", "empty"),
    ],
)
def test_bad_articles_are_refused_with_a_message(raw, message):
    text, problem = decode_article(raw)
    assert text is None and message in problem


def test_a_proposed_feature_in_a_layer_is_a_problem(mutate, ctx):
    from geo.layers import load_layer

    path = mutate("incidents", 0, lambda f: f["properties"].update(status="proposed"))
    problems = load_layer(path, ctx).problems
    assert [p.field for p in problems] == ["status"]
    assert "proposed" in problems[0].message


@pytest.mark.parametrize(
    ("lang", "sentence", "etype"),
    [
        ("fa", "در این درگیری دو سرباز کشته شدند.", "Battles"),
        ("fa", "یک پهپاد انفجاری به پاسگاه اصابت کرد.", "Explosions/Remote violence"),
        ("fa", "این زمین کشاورزی است.", None),  # "مین" (mine) inside "زمین" (land)
        ("ar", "وقع الاشتباك قرب الحدود.", "Battles"),  # the article ال written on the word
        ("ar", "أدلى بهذا التصريح في مقابلة.", "Statement"),
        ("ru", "Произошла перестрелка на границе.", "Battles"),
        ("tg", "Дар сарҳад задухӯрд рух дод.", "Battles"),
        ("en", "A drone struck the post.", "Explosions/Remote violence"),
        ("en", "Gunmen attacked workers at the mine.", "Violence against civilians"),
    ],
)
def test_event_type_from_trigger_words(lang, sentence, etype):
    from geo.ingest.events import event_type

    found, _trigger = event_type(sentence, lang)
    assert (str(found) if found else None) == etype


@pytest.mark.parametrize(
    ("lang", "sentence", "killed", "injured"),
    [
        ("fa", "پنج کارگر کشته و پنج نفر دیگر زخمی شدند.", 5, 5),
        ("fa", "۳ مرزبان کشته شدند.", 3, None),
        ("ar", "أدى إلى مقتل ثلاثة مسلحين وإصابة جنديين.", 3, 2),
        ("ar", "مقتل ٤ أشخاص.", 4, None),
        ("ru", "Погибли двое пограничников, трое ранены.", 2, 3),
        ("tg", "Се нафар кушта ва ду нафар захмӣ шуданд.", 3, 2),
        ("en", "One border guard was killed and two were wounded.", 1, 2),
    ],
)
def test_counts_in_digits_and_words(lang, sentence, killed, injured):
    from geo.ingest.counts import casualties

    counts = casualties(sentence, lang)
    assert (counts.killed, counts.injured) == (killed, injured)


@pytest.mark.parametrize("path", ["/dev/zero", "/nonexistent/article.txt"])
def test_command_refuses_what_is_not_a_regular_file(path):
    out = subprocess.run(
        [sys.executable, "-m", "geo.ingest", path], capture_output=True, text=True, cwd=ROOT
    )
    assert out.returncode == 2 and "not a regular file" in out.stderr and not out.stdout


def test_a_statement_naming_no_place_is_drawn_at_its_speaker_seat():
    text = "The Tajik Foreign Ministry issued a statement on Tuesday calling the report fabricated."
    (feature,) = propose(text, published=dt.date(2025, 12, 3))["features"]
    props = feature["properties"]
    assert (props["event_type"], props["place_id"], props["geo_precision"]) == (
        "Statement",
        "dushanbe",
        2,
    )
    assert "seat of the speaker" in props["location_note"]
    assert props["date_start"] == "2025-12-02"


def test_a_place_borrowed_from_an_earlier_sentence_is_said_and_less_precise():
    text = (
        "Border guards clashed with smugglers in Panj on Monday. "
        "Two soldiers were killed in a second clash yesterday."
    )
    first, second = propose(text, published=dt.date(2025, 12, 3))["features"]
    assert (first["properties"]["place_id"], first["properties"]["geo_precision"]) == ("panj", 1)
    props = second["properties"]
    assert (props["place_id"], props["geo_precision"], props["fatalities"]) == ("panj", 2, 2)
    assert "earlier sentence" in props["location_note"]
    named = "Two soldiers were killed in a second clash in Panj yesterday."
    (direct,) = propose(named, published=dt.date(2025, 12, 3))["features"]
    assert props["ingest"]["confidence"] < direct["properties"]["ingest"]["confidence"]


def test_tajik_five_and_monday_are_not_places():
    text = "Рӯзи душанбе дар Душанбе гуфтанд, ки дар Панҷ панҷ нафар кушта шуданд."
    hits = find_places(text, load_gazetteer())
    assert [(h.key, h.text) for h in hits] == [("dushanbe", "Душанбе"), ("panj", "Панҷ")]
