"""What one sentence tells, read before any incident is assembled: its kind (violence,
talk, a denial, another act, a detail), and why a date in it is not its event's (the day
of a report, a deadline). `geo.ingest.analysis` reads every sentence with these."""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum

from geo.ingest import words as w
from geo.ingest.counts import Counts, mentions_casualty
from geo.ingest.cues import OCCURRED, PUBLISHED
from geo.ingest.dates import DateFind
from geo.ingest.events import event_type, mentions
from geo.ingest.matching import cue_before
from geo.ingest.reasons import Aside
from geo.ingest.reporting import (
    DEADLINE,
    clause_around,
    content_start,
    has_report_verb,
    is_denial,
    trailing_attribution,
)
from geo.ingest.sentences import Sentence
from geo.ingest.toll_words import ACCIDENT
from geo.ingest.triggers import TRIGGERS
from geo.model import EventType

VIOLENT = frozenset({EventType.BATTLES, EventType.EXPLOSIONS, EventType.VIOLENCE_AGAINST_CIVILIANS})
TALK = frozenset({EventType.MEETING, EventType.STATEMENT})


class Kind(StrEnum):
    """What a sentence tells of."""

    VIOLENCE = "violence"  # a clash, a blast, an attack, or a toll
    TALK = "talk"  # a meeting or a statement
    DENIAL = "denial"
    OTHER = "other"  # an arrest, a seizure, a decision
    DETAIL = "detail"  # no trigger, but a date or a place of its own
    NONE = "none"


def _is_report_date(text: str, s: Sentence, find: DateFind, lang: str) -> bool:
    """A date in the clause of a verb of reporting, a clause telling of no event. A date set
    off by commas alone ("أعلنت الوزارة، اليوم الأحد، أن …") belongs to the clause before."""
    sentence = text[s.start : s.end]
    start, end = find.start - s.start, find.end - s.start
    lo, hi = clause_around(sentence, start, end, lang)
    if not (sentence[lo:start] + sentence[end:hi]).strip() and lo > 0:
        lo = clause_around(sentence, lo - 1, lo - 1, lang)[0]
    clause = sentence[lo:hi]
    around = sentence[lo:start] + " " + sentence[end:hi]
    if not has_report_verb(around, lang) and not _statement_noun(around, lang):
        return False
    if mentions_casualty(clause, lang) or mentions(w.fold(clause).lower(), OCCURRED[lang], lang):
        return False  # "said the incident occurred on 2 December": the incident's date
    return event_type(clause, lang)[0] in (None, EventType.STATEMENT)


def _statement_noun(clause: str, lang: str) -> bool:
    """A statement named beside the date: "في بيان أمس", "in a statement on Monday"."""
    return mentions(w.fold(clause).lower(), TRIGGERS[EventType.STATEMENT][lang], lang)


def aside_of(text: str, lang: str, find: DateFind, s: Sentence) -> Aside | None:
    """Why a date is not the event's: "deadline" ("by 11 September"), "report"."""
    if cue_before(text, find.start, DEADLINE.get(lang, [])):
        return Aside.DEADLINE
    if cue_before(text, find.start, PUBLISHED.get(lang, [])):
        return Aside.REPORT  # "published on 25 December", "Дата: …"
    return Aside.REPORT if _is_report_date(text, s, find, lang) else None


def of_saying(sentence: str, lang: str, at: int) -> bool:
    """Whether a date at this offset of the sentence dates the saying: before what was said
    ("said on Monday that …"), or after it in a closing attribution ("…, he said on Monday")."""
    cut = content_start(sentence, lang)
    if cut is not None:
        return at < cut
    trail = trailing_attribution(sentence, lang)
    return trail is None or at > trail


def _tells_violence(sentence: str, lang: str) -> bool:
    """A statement whose words tell of the violence ("a statement said the attackers
    crossed on Tuesday and opened fire"): it reports the incident, it is no event of its own."""
    cut, trail = content_start(sentence, lang), trailing_attribution(sentence, lang)
    told = sentence[cut:] if cut is not None else sentence[:trail] if trail else sentence
    if event_type(told, lang)[0] in VIOLENT:  # a trigger read in context: not "after the attack"
        return True
    # "the statement says the incident occurred on 2 December"
    return mentions(w.fold(told).lower(), OCCURRED[lang], lang) or mentions_casualty(told, lang)


def sentence_kind(
    text: str, lang: str, s: Sentence, etype: EventType | None, counts: Counts
) -> Kind:
    sentence = text[s.start : s.end]
    if is_denial(sentence, lang) and etype not in VIOLENT:  # not "bombed …, but X denied"
        return Kind.DENIAL
    stated = (counts.killed or counts.injured) is not None or counts.either is not None
    toll = stated and mentions_casualty(sentence, lang)
    if etype not in VIOLENT and has_cue(sentence, lang, ACCIDENT):
        return Kind.NONE  # a road accident's toll is no violence
    if etype in VIOLENT or (toll and etype not in (EventType.MEETING,)):
        return Kind.VIOLENCE
    if etype in TALK:
        return Kind.DETAIL if _tells_violence(sentence, lang) else Kind.TALK
    return Kind.OTHER if etype is not None else Kind.NONE


def has_cue(text: str, lang: str, table: Mapping[str, list[str]]) -> bool:
    """Whether a cue of the table starts a word of the text; a cue written with a
    zero-width non-joiner is also found where the text dropped it ("حمله‌ای" as "حملهای")."""
    folded = re.sub(r"[\s\u200c]+", " ", w.fold(text)).lower()
    return any(
        re.search(r"(?<![\w])" + re.escape(variant), folded)
        for c in table.get(lang, [])
        for variant in _spellings(w.fold(c).lower())
    )


def _spellings(cue: str) -> set[str]:
    return {re.sub(r"[\s\u200c]+", " ", cue), re.sub(r"\s+", " ", cue.replace("\u200c", ""))}
