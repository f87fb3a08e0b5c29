"""How ingest reads an article's layout and wording: paragraphs, datelines, inflected place
names, Tajik words. Every article here was written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.ingest import propose
from geo.ingest.dateline import find_dateline
from geo.ingest.events import event_type
from geo.ingest.matching import find_actors, find_places
from geo.ingest.sentences import split_sentences
from geo.vocab import load_actors, load_gazetteer
from tests.helpers.data import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
PLACES = load_gazetteer()


def _read(name: str) -> str:
    with open(FIXTURES / name, encoding="utf-8", newline="") as fh:
        return fh.read()


def _only(text: str, **kw) -> dict:
    (feature,) = propose(text, "x.txt", **kw)["features"]
    return feature["properties"]


def test_a_toll_on_the_next_line_joins_its_incident():
    text = _read("russian_multiline.txt")
    props = _only(text)
    excerpt = props["sources"][0]["excerpt"]
    assert "перестрелку" in excerpt and "Погибли трое" in excerpt and "\n" in excerpt
    assert (props["fatalities"], props["injured"]) == (3, 1)
    assert (props["date_start"], props["place_id"]) == ("2025-12-02", "farkhor-district")


def test_only_blank_lines_and_indents_break_paragraphs():
    text = "One. Two\nThree.\n\nFour.\n  Five.\nSix"
    found = [(text[s.start : s.end], s.paragraph) for s in split_sentences(text)]
    assert found == [
        ("One.", 0),
        ("Two", 0),
        ("Three.", 0),
        ("Four.", 1),
        ("Five.", 2),
        ("Six", 2),
    ]


def test_a_hard_wrapped_line_stays_one_sentence_with_exact_offsets():
    text = "Border guards clashed with\r\nsmugglers near Panj; two were killed.\r\nCalm now."
    sentences = split_sentences(text)
    first = text[sentences[0].start : sentences[0].end]
    assert first == "Border guards clashed with\r\nsmugglers near Panj; two were killed."
    props = _only(text, lang="en")
    src = props["sources"][0]
    assert text[src["start"] : src["end"]] == src["excerpt"] == first
    assert (props["place_id"], props["fatalities"]) == ("panj", 2)


@pytest.mark.parametrize(
    ("text", "lang", "day", "words"),
    [
        (
            "ДУШАНБЕ, 4 декабря 2025 года. " + "Текст статьи. " * 12,
            "ru",
            "2025-12-04",
            "4 декабря 2025 года",
        ),
        ("کابل، ۱۲ قوس ۱۴۰۴ – " + "متن خبر. " * 20, "fa", "2025-12-03", "۱۲ قوس ۱۴۰۴"),
        ("۱۲ قوس ۱۴۰۴\nمتن خبر.", "fa", "2025-12-03", "۱۲ قوس ۱۴۰۴"),
        ("مزار شریف (۱۲ آذر ۱۴۰۴) " + "متن خبر. " * 20, "fa", "2025-12-03", "۱۲ آذر ۱۴۰۴"),
        (
            "كابول، ١٢ جمادى الآخرة ١٤٤٧ هـ - " + "نص الخبر. " * 20,
            "ar",
            "2025-12-03",
            "١٢ جمادى الآخرة ١٤٤٧",
        ),
        (
            "KHOROG, 3 December 2025 (Atlas) - " + "Text. " * 30,
            "en",
            "2025-12-03",
            "3 December 2025",
        ),
    ],
    ids=["ru-long-line", "fa-afghan-solar", "fa-short-line", "fa-iranian-solar", "ar-hijri", "en"],
)
def test_dateline_at_the_start_of_the_first_line(text, lang, day, words):
    line = find_dateline(text, lang)
    assert line is not None and line.date.isoformat() == day
    assert text[line.date_start : line.date_end].startswith(words)
    assert propose(text, "x.txt", lang)["ingest"]["published"] == day


def test_a_date_inside_a_long_first_sentence_is_not_a_dateline():
    text = (
        "Таджикские пограничники вступили в перестрелку с контрабандистами 30 ноября 2025 года "
        "на участке границы близ Пянджа, погибли двое нарушителей, сообщили в ведомстве."
    )
    assert find_dateline(text, "ru") is None
    assert _only(text)["date_start"] == "2025-11-30"


def test_dateline_date_and_town_give_way_to_what_the_sentence_states():
    props = _only(_read("dari_solar_dateline.txt"))
    assert props["date_text"] == "شب گذشته"  # last night, counted from the dateline's day
    assert (props["date_start"], props["date_end"]) == ("2025-12-02", "2025-12-03")
    assert props["place_id"] == "chah-ab-district"  # not Kabul, the dateline's town
    props = _only(_read("arabic_hijri_dateline.txt"))
    assert (props["date_start"], props["place_id"], props["fatalities"]) == (
        "2025-12-02",
        "panj",
        3,
    )


def test_the_dateline_alone_is_used_and_said_so():
    text = "ДУШАНБЕ, 4 декабря 2025 года — Пограничники вступили в перестрелку с контрабандистами."
    props = _only(text)
    assert props["date_start"] == "2025-12-04" and "dateline" in props["date_note"]
    assert props["place_id"] == "dushanbe" and props["geo_precision"] == 2
    assert "dateline's town" in props["location_note"]


def test_the_dateline_town_is_not_borrowed_by_later_sentences():
    text = "ДУШАНБЕ, 4 декабря 2025 года. Вчера пограничники вступили в перестрелку."
    props = _only(text)
    assert props["place_id"] is None and props["date_start"] == "2025-12-03"


@pytest.mark.parametrize(
    ("words", "place_id"),
    [
        ("в Фархорском районе", "farkhor-district"),
        ("в Пянджском районе", "panj-district"),
        ("Хатлонской области", "khatlon"),
        ("в Шамсиддин Шохинском районе", "shamsiddin-shohin-district"),
        ("в Шамсиддин-Шохинском районе", "shamsiddin-shohin-district"),
        ("Горно-Бадахшанской автономной области", "gbao"),
        ("на таджикско-афганской границе", "tjk-afg-border"),
        ("в провинции Тахар", "takhar"),
        ("в районе Хвахан", "khwahan-district"),
        ("Джиликульского района", "dusti-district"),
    ],
)
def test_russian_case_forms_of_area_names(words, place_id):
    hits = find_places(f"Инцидент произошёл {words} вечером.", PLACES)
    assert [h.key for h in hits] == [place_id]


def test_tajik_clash_without_the_letter_u_and_border_guards():
    assert str(event_type("Дар сарҳад задухурд шуд.", "tg")[0]) == "Battles"
    text = _read("tajik_clash.txt")
    props = _only(text)
    assert props["event_type"] == "Battles" and props["fatalities"] == 3
    assert {"Tajik Border Forces", "Drug smugglers"} <= set(props["actors"])
    assert props["place_id"] == "panj-district"


def test_tajik_border_guards_of_the_other_side_are_not_tajik():
    actors = load_actors()
    assert "сарҳадбон" in actors["Tajik Border Forces"].aliases["tg"]
    named = [h.key for h in find_actors("сарҳадбонони афғон тир холӣ карданд", actors)]
    assert "Tajik Border Forces" not in named
    named = [h.key for h in find_actors("Сарҳадбонон ҳамларо дафъ карданд", actors)]
    assert named == ["Tajik Border Forces"]


def test_published_date_given_still_keeps_the_dateline_out_of_the_event():
    text = _read("dari_solar_dateline.txt")
    props = _only(text, published=dt.date(2025, 12, 3))
    assert props["place_id"] == "chah-ab-district" and props["date_text"] == "شب گذشته"


def test_a_clock_time_in_am_or_pm_does_not_end_the_sentence():
    text = (
        "Guards found the group at 9:40 a.m. near the river and a clash began. "
        "It ended at 4 p.m. The post was calm by night."
    )
    found = [text[s.start : s.end] for s in split_sentences(text)]
    assert found == [
        "Guards found the group at 9:40 a.m. near the river and a clash began.",
        "It ended at 4 p.m.",
        "The post was calm by night.",
    ]
