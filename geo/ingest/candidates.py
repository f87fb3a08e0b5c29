"""Candidate events from an article: sentences with a trigger or a toll, grouped into
incidents (`geo.ingest.grouping`), with what they name and where they are
(`geo.ingest.placing`). A candidate with neither a date phrase nor a place is dropped; one
that restates an earlier candidate is folded into it."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from geo.ingest.counts import casualties, mentions_casualty
from geo.ingest.dateline import Dateline, find_dateline
from geo.ingest.dates import DateFind, find_dates
from geo.ingest.events import event_type
from geo.ingest.fields import (
    DATELINE_DATE,
    DATELINE_TOWN,
    STANDS_IN,
    Parts,
    Vocab,
    build_candidate,
    candidate_id,
)
from geo.ingest.grouping import Clue, fold_restatements, group_sentences, is_heading
from geo.ingest.lang import detect_lang
from geo.ingest.matching import Hit, cue_before, find_actors, find_places
from geo.ingest.placing import borrowed_place, mark_governments, mark_origins, speaker_seat
from geo.ingest.reporting import (
    DEADLINE,
    clause_around,
    content_start,
    has_report_verb,
    is_denial,
)
from geo.ingest.sentences import Sentence, split_sentences
from geo.model import EventType
from geo.vocab import Actor, Place, load_actors, load_gazetteer

__all__ = ["Article", "find_dateline", "propose", "read_article"]


@dataclass(frozen=True)
class Article:
    """An article as given, with the language and publication date it is read against."""

    text: str
    doc: str
    lang: str
    published: dt.date | None
    published_note: str
    dateline: Dateline | None = None


def read_article(
    text: str, doc: str, lang: str | None = None, published: dt.date | None = None
) -> Article:
    """Settle the language (from the script when not given) and the publication date."""
    lang = lang or detect_lang(text) or "en"
    dateline = find_dateline(text, lang, published)
    if published is not None:
        return Article(text, doc, lang, published, "publication date given", dateline)
    if dateline is None:
        note = "no publication date given and no dateline found"
        return Article(text, doc, lang, None, note, None)
    if dateline.date is None:
        return Article(
            text, doc, lang, None, f"no publication date given; {dateline.note}", dateline
        )
    return Article(text, doc, lang, dateline.date, dateline.note, dateline)


VIOLENT = frozenset({EventType.BATTLES, EventType.EXPLOSIONS, EventType.VIOLENCE_AGAINST_CIVILIANS})
TALK = frozenset({EventType.MEETING, EventType.STATEMENT})
TOWN_KINDS = ("town", "city", "district")


@dataclass(frozen=True)
class _Found:
    dates: list[DateFind]
    places: list[Hit]
    actors: list[Hit]
    sentences: list[Sentence]
    borrowable: list[Hit]  # places outside the dateline: a later sentence may borrow them


def _own_dates(art: Article, found: _Found, span: tuple[int, int]) -> list[DateFind]:
    return _outside_dateline(art, _inside(found.dates, span))


def _sentence_at(found: _Found, pos: int) -> Sentence | None:
    at = bisect.bisect_right(found.sentences, pos, key=lambda s: s.start) - 1
    return found.sentences[at] if at >= 0 and pos < found.sentences[at].end else None


def _speech(art: Article, found: _Found, span: tuple[int, int]) -> bool:
    """A verb of saying makes a statement when the span names an actor and dates the
    saying (a date not inside what was said: "said that on Monday …"), and tells of no toll
    ("guards killed two smugglers, the GKNB said on Thursday" is an incident)."""
    counts = casualties(art.text[span[0] : span[1]], art.lang)
    if not _inside(found.actors, span) or (counts.killed or counts.injured) is not None:
        return False
    for find in _own_dates(art, found, span):
        s = _sentence_at(found, find.start)
        cut = content_start(art.text[s.start : s.end], art.lang) if s else None
        if s is None or cut is None or find.start < s.start + cut:
            return True
    return False


def _event(art: Article, found: _Found, span: tuple[int, int]) -> EventType | None:
    """The span's type; verbs of saying count when it names an actor and dates the saying."""
    return event_type(art.text[span[0] : span[1]], art.lang, _speech(art, found, span))[0]


def _towns(found: _Found, span: tuple[int, int], places: Mapping[str, Place]) -> frozenset[str]:
    """Towns, cities and districts named as where something happened."""
    return frozenset(
        h.key
        for h in _inside(found.places, span)
        if places[h.key].kind in TOWN_KINDS and not any(why in (h.note or "") for why in STANDS_IN)
    )


def _clue(art: Article, found: _Found, s: Sentence, places: Mapping[str, Place]) -> Clue | None:
    """What grouping needs of a sentence; None when it tells of no event and names a place."""
    span, sentence = (s.start, s.end), art.text[s.start : s.end]
    if is_heading(art.text, s):
        return None
    etype = _event(art, found, span)
    own = _own_dates(art, found, span)
    dated = any(not d.aside for d in own)
    reported = any(d.aside == "report" for d in own)
    towns = _towns(found, span, places)
    if is_denial(sentence, art.lang):
        return Clue(s, dated, towns, "denial")
    counts = casualties(sentence, art.lang)
    toll = mentions_casualty(sentence, art.lang) and (counts.killed or counts.injured) is not None
    if etype is None and not toll:
        if dated:
            return Clue(s, True, towns, None, "detail")
        named = _outside_dateline(art, _inside(found.places, span))
        return None if named else Clue(s, False, towns, None, "neutral")
    # A statement announcing a toll ("أعلنت … مقتل اثنين") tells of violence, not talk.
    talk = etype in TALK and not (etype == EventType.STATEMENT and toll)
    kind = "violence" if etype in VIOLENT else "talk" if talk else "other" if etype else None
    return Clue(s, dated, towns, kind, reported=reported)


def _groups(art: Article, found: _Found, places: Mapping[str, Place]) -> list[tuple[int, int]]:
    """Spans of incidents: candidate sentences grouped (see geo.ingest.grouping)."""
    clues = [_clue(art, found, s, places) for s in found.sentences]
    return group_sentences(clues, art.text, art.lang)


Item = TypeVar("Item", Hit, DateFind)


def _inside(items: list[Item], span: tuple[int, int]) -> list[Item]:
    """Items (sorted by start) lying within span, found by bisection: articles can be long."""
    first = bisect.bisect_left(items, span[0], key=lambda x: x.start)
    last = bisect.bisect_left(items, span[1], key=lambda x: x.start)
    return [x for x in items[first:last] if x.end <= span[1]]


def _outside_dateline(art: Article, items: list[Item]) -> list[Item]:
    line = art.dateline
    return [x for x in items if line is None or not line.covers(x.start, x.end)]


def _dateline_dates(art: Article, dates: list[DateFind]) -> list[DateFind]:
    """The sentences' dates; the dateline's only when they state no other, and said so."""
    others = _outside_dateline(art, dates)
    if others or art.dateline is None or not art.dateline.shaped:
        return others or dates
    return [replace(d, note=f"{DATELINE_DATE} {d.note}".strip()) for d in dates]


def _dateline_places(art: Article, hits: list[Hit]) -> list[Hit]:
    """The sentences' places; the dateline's town only when they name no other, and said so."""
    others = _outside_dateline(art, hits)
    if others or art.dateline is None or not art.dateline.shaped:
        return others or hits
    return [
        replace(h, note=f"{h.note}; {DATELINE_TOWN}" if h.note else DATELINE_TOWN) for h in hits
    ]


def _parts(
    art: Article, span: tuple[int, int], found: _Found, places: Mapping[str, Place]
) -> Parts:
    who = _inside(found.actors, span)
    speech, etype = _speech(art, found, span), _event(art, found, span)
    here = _dateline_places(art, _inside(found.places, span))
    here = here or speaker_seat(etype, who)
    if etype not in TALK:  # a statement is made where its speaker is, not where the news was
        here = here or borrowed_place(art.text, found.borrowable, span, found.sentences, places)
    return Parts(_dateline_dates(art, _inside(found.dates, span)), here, who, speech)


def _is_report_date(text: str, s: Sentence, find: DateFind, lang: str) -> bool:
    """A date in the clause of a verb of reporting, a clause telling of no event. A date set
    off by commas alone ("أعلنت الوزارة، اليوم الأحد، أن …") belongs to the clause before."""
    sentence = text[s.start : s.end]
    start, end = find.start - s.start, find.end - s.start
    lo, hi = clause_around(sentence, start, end, lang)
    if not (sentence[lo:start] + sentence[end:hi]).strip() and lo > 0:
        lo = clause_around(sentence, lo - 1, lo - 1, lang)[0]
    clause = sentence[lo:hi]
    if not has_report_verb(sentence[lo:start] + " " + sentence[end:hi], lang):
        return False
    if mentions_casualty(clause, lang):
        return False
    return event_type(clause, lang)[0] in (None, EventType.STATEMENT)


def _aside(text: str, lang: str, find: DateFind, s: Sentence | None) -> str | None:
    """Why a date is not the event's: "deadline" ("by 11 September"), "report"."""
    if cue_before(text, find.start, DEADLINE.get(lang, [])):
        return "deadline"
    return "report" if s is not None and _is_report_date(text, s, find, lang) else None


def _mark_asides(
    text: str, lang: str, dates: list[DateFind], sentences: list[Sentence]
) -> list[DateFind]:
    """The dates, each that is not the event's (a report's day, a deadline) marked so."""
    out = []
    for find in dates:
        at = bisect.bisect_right(sentences, find.start, key=lambda s: s.start) - 1
        s = sentences[at] if at >= 0 and find.end <= sentences[at].end else None
        out.append(replace(find, aside=_aside(text, lang, find, s)))
    return out


def _worth_reviewing(feature: dict[str, Any]) -> bool:
    """A candidate with neither a date phrase nor a place cannot become an event."""
    props = feature["properties"]
    return props["date_text"] is not None or props["place_id"] is not None


def _renumbered(features: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for n, feature in enumerate(features, 1):
        feature["id"] = feature["properties"]["id"] = candidate_id(n, feature["properties"])
    return features


def propose(
    text: str,
    doc: str = "article.txt",
    lang: str | None = None,
    published: dt.date | None = None,
    places: Mapping[str, Place] | None = None,
    actors: Mapping[str, Actor] | None = None,
) -> dict[str, Any]:
    """Candidate events of an article as a GeoJSON FeatureCollection (status 'proposed')."""
    art = read_article(text, doc, lang, published)
    vocab = Vocab(
        places if places is not None else load_gazetteer(),
        actors if actors is not None else load_actors(),
    )
    places_named = mark_governments(text, find_places(text, vocab.places), art.lang)
    places_named = mark_origins(text, places_named, art.lang)
    sentences = split_sentences(text)
    found = _Found(
        _mark_asides(text, art.lang, find_dates(text, art.lang, art.published), sentences),
        places_named,
        find_actors(text, vocab.actors),
        sentences,
        _outside_dateline(art, places_named),
    )
    features = [
        build_candidate(art, span, _parts(art, span, found, vocab.places), vocab, n)
        for n, span in enumerate(_groups(art, found, vocab.places), 1)
    ]
    features = _renumbered(fold_restatements([f for f in features if _worth_reviewing(f)]))
    return {
        "type": "FeatureCollection",
        "features": features,
        "ingest": {
            "doc": doc,
            "lang": art.lang,
            "published": art.published.isoformat() if art.published else None,
            "published_note": art.published_note,
        },
    }
