"""One language pack per language: every word table the ingest reads for it, in one view.

The tables live by the fact they serve (triggers and tolls in `triggers.py` and
`toll_words.py`, months and weekdays in `geo.spellings` from CLDR and by hand, "ago" units
in `patterns.py`, numbers in `geo.numbers`, place kinds in `place_words.py`, reporting words
in `reporting.py`, the cues of another incident in `grouping.py`, back-references,
assailants and period words in `cues.py`); `pack(lang)` gathers a
language's share of each, so a reviewer reads one language at a time and
`tests/test_ingest_packs.py` checks that no language lacks a table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from geo.ingest import words as w
from geo.ingest.cues import ASSAILANTS, BACK_REFERENCES, BACKGROUND
from geo.ingest.grouping import NEW_INCIDENT, SEVERAL
from geo.ingest.lang import LANGS
from geo.ingest.patterns import AGO_UNITS
from geo.ingest.place_words import PLACE_KINDS
from geo.ingest.placing import CALL_WORDS, LOCATIVE, ORIGIN_CUES
from geo.ingest.reporting import DENIAL, REPORT_VERBS, THAT
from geo.ingest.toll_words import ACCIDENT, CONDITIONAL
from geo.ingest.triggers import INCLUDING, INJURED, KILLED, TRIGGERS, VICTIMS
from geo.model import EventType


@dataclass(frozen=True)
class Pack:
    """A language's words, by what they tell."""

    lang: str
    triggers: Mapping[EventType, list[str]]  # words that type an event
    killed: list[str]
    injured: list[str]
    victims: Mapping[str, list[str]]  # class of victims -> nouns
    numbers: Mapping[str, int]
    months: list[list[str]]  # January first
    weekdays: list[list[str]]  # Monday first
    back_references: list[str]  # "the attack", "в результате"
    new_incident: list[str]  # "Meanwhile", "в другом инциденте"
    several: tuple[str, ...]  # incident nouns after "two": the sentence sums several up
    background: list[str]  # aggregates over a period
    including: list[str]  # a number after these is part of a total
    reporting: list[str]  # verbs of saying
    that: list[str]
    denial: list[str]
    locative: list[str]  # "in", "at" before a place
    origin: list[str]  # "from", "opposite", "which borders" before a place
    place_kinds: tuple[str, ...]  # "district", "ноҳияи", "ولسوالی"
    assailants: list[str]  # "the attackers": a statement naming them speaks of the incident
    accident: list[str]  # a road accident: its toll is no violence
    conditional: tuple[str, ...]  # "if": a death in a condition is no toll
    ago_units: Mapping[str, int]  # "three days ago": days in each unit counted back
    call: list[str]  # "phone call": talk held at its ends, not where its subject lies


@cache
def pack(lang: str) -> Pack:
    """Everything the ingest reads in one language."""
    return Pack(
        *(lang, {t: by[lang] for t, by in TRIGGERS.items()}, KILLED[lang], INJURED[lang]),
        {cls: by[lang] for cls, by in VICTIMS.items()},
        *(w.NUMBER_WORDS[lang], w.GREGORIAN[lang], w.WEEKDAYS[lang], BACK_REFERENCES[lang]),
        *(NEW_INCIDENT[lang], SEVERAL[lang], BACKGROUND[lang], INCLUDING[lang]),
        *(REPORT_VERBS[lang], THAT[lang], DENIAL[lang], LOCATIVE[lang], ORIGIN_CUES[lang]),
        PLACE_KINDS[lang],
        *(ASSAILANTS[lang], ACCIDENT[lang], CONDITIONAL[lang], AGO_UNITS[lang]),
        CALL_WORDS[lang],
    )


def packs() -> dict[str, Pack]:
    """Every language's pack."""
    return {lang: pack(lang) for lang in LANGS}
