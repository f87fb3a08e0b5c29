"""Every language the ingest reads has every word table (`geo.ingest.packs`); the month
names are CLDR's, one table with the evidence check's; one token layer for every matcher."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from babel.dates import get_month_names

from geo.evidence import states_value
from geo.ingest.counts import _TOKEN as counts_tokens
from geo.ingest.counts import casualties
from geo.ingest.lang import LANGS
from geo.ingest.packs import pack
from geo.spellings import MONTH_NAMES, WORD, date_spellings, find_any, number_spellings


@pytest.mark.parametrize("lang", LANGS)
def test_a_language_pack_lacks_no_table(lang):
    p = pack(lang)
    for f in dataclasses.fields(p):
        value = getattr(p, f.name)
        assert value, f"{lang}: {f.name} is empty"
    assert all(p.triggers.values()), f"{lang}: an event type has no trigger words"
    assert all(p.victims.values()), f"{lang}: a class of victims has no nouns"
    assert len(p.months) == 12 and all(p.months)
    assert len(p.weekdays) == 7 and all(p.weekdays)


@pytest.mark.parametrize("lang", LANGS)
def test_numbers_one_to_five_are_read_in_every_language(lang):
    assert {1, 2, 3, 4, 5} <= set(pack(lang).numbers.values())


@pytest.mark.parametrize(
    ("lang", "locales"),
    [("fa", ("fa", "fa_AF")), ("ar", ("ar",)), ("ru", ("ru",)), ("tg", ("tg",)), ("en", ("en",))],
)
def test_the_evidence_check_reads_every_cldr_month_name(lang, locales):
    # One table per fact: the evidence check's month names are the ingest's, from CLDR.
    for locale in locales:
        for context in ("format", "stand-alone"):
            for month, name in get_month_names("wide", context, locale).items():
                assert states_value(
                    f"5 {name} 2025", [date_spellings(dt.date(2025, month, 5), "day")]
                )
    assert set(pack(lang).months[0]) <= set(MONTH_NAMES[1])


@pytest.mark.parametrize(
    "words",
    ["в январе", "5 января", "5 январи 2025", "Jan 5", "5 جنوری", "٥ يناير", "5 كانون الثاني"],
)
def test_the_evidence_check_reads_case_forms_and_outlets_spellings(words):
    assert states_value(words, [date_spellings(dt.date(2025, 1, 5), "month")])


@pytest.mark.parametrize(
    "text",
    [
        "ســه مرزبان کشته شدند",  # a tatweel inside "three"
        "سه\u200f مرزبان کشته شدند",  # a right-to-left mark pasted after it
        "سه مرز\u200cبان کشته شدند",  # a ZWNJ inside the noun
    ],
)
def test_one_token_layer_reads_marks_inside_words_alike(text):
    # The ingest's counts and the evidence check split the words in the same places and
    # both read the toll.
    assert casualties(text, "fa").killed == 3
    assert find_any(text, number_spellings(3))
    assert [m.span() for m in WORD.finditer(text)] == [
        m.span() for m in counts_tokens.finditer(text) if m.group(0) not in ",،;؛"
    ]
