"""Candidate events from an article: sentences with a trigger or a toll, and what they name."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from geo.ingest.dateline import Dateline, find_dateline
from geo.ingest.dates import DateFind, find_dates
from geo.ingest.events import casualties, event_type, mentions_casualty
from geo.ingest.fields import (
    AUTHOR_SEAT,
    DATELINE_DATE,
    DATELINE_TOWN,
    INHERITED,
    Parts,
    Vocab,
    build_candidate,
)
from geo.ingest.lang import detect_lang
from geo.ingest.matching import Hit, find_actors, find_places
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
    dateline = find_dateline(text, lang)
    if published is not None:
        return Article(text, doc, lang, published, "publication date given", dateline)
    if dateline is None:
        note = "no publication date given and no dateline found"
        return Article(text, doc, lang, None, note, None)
    return Article(text, doc, lang, dateline.date, dateline.note, dateline)


def _is_candidate(text: str, s: Sentence, lang: str) -> bool:
    sentence = text[s.start : s.end]
    if event_type(sentence, lang)[0] is not None:
        return True
    counts = casualties(sentence, lang)
    return mentions_casualty(sentence, lang) and (counts.killed or counts.injured) is not None


def _groups(art: Article, dates: list[DateFind]) -> list[tuple[int, int]]:
    """Spans of candidate sentences; a dateless sentence joins the one before it."""
    spans: list[tuple[int, int]] = []
    last: Sentence | None = None
    for s in split_sentences(art.text):
        if not _is_candidate(art.text, s, art.lang):
            last = None
            continue
        has_date = bool(_outside_dateline(art, _inside(dates, (s.start, s.end))))
        if last is not None and last.paragraph == s.paragraph and not has_date:
            spans[-1] = (spans[-1][0], s.end)
        else:
            spans.append((s.start, s.end))
        last = s
    return spans


LOOK_BACK = 400


def _earlier_in_paragraph(text: str, hits: list[Hit], span: tuple[int, int]) -> list[Hit]:
    """The last place named before the span in its paragraph, marked as borrowed."""
    # A paragraph ends at a blank line; look no further back than LOOK_BACK characters.
    blank = max(text.rfind("\n\n", 0, span[0]), text.rfind("\n\r\n", 0, span[0]))
    paragraph_start = max(blank + 1, span[0] - LOOK_BACK)
    before = _inside(hits, (paragraph_start, span[0]))
    if not before:
        return []
    last = before[-1]
    note = f"{last.note}; {INHERITED}" if last.note else INHERITED
    return [Hit(last.start, last.end, last.key, last.text, note)]


# Where an actor speaks from when a statement names no place (the atlas's curating rule).
SEATS = {
    "Government of Tajikistan": "dushanbe",
    "Ministry of Foreign Affairs of Tajikistan": "dushanbe",
    "Security Council of Tajikistan": "dushanbe",
    "State Committee for National Security (Tajikistan)": "dushanbe",
    "Taliban": "kabul",
    "Government of Russia": "moscow",
    "Ministry of Foreign Affairs of Russia": "moscow",
    "United Nations": "new-york",
}


def _author_seat(art: Article, span: tuple[int, int], who: list[Hit]) -> list[Hit]:
    """For a statement naming no place, the seat of its first actor that has one."""
    if event_type(art.text[span[0] : span[1]], art.lang)[0] != EventType.STATEMENT:
        return []
    for hit in who:
        if hit.key in SEATS:
            note = f"{AUTHOR_SEAT} ({hit.key}, named as '{hit.text}')"
            return [Hit(hit.start, hit.end, SEATS[hit.key], hit.text, note)]
    return []


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


def _parts(art: Article, span: tuple[int, int], found: _Found) -> Parts:
    who = _inside(found.actors, span)
    here = _dateline_places(art, _inside(found.places, span)) or _author_seat(art, span, who)
    borrowable = _outside_dateline(art, found.places)
    here = here or _earlier_in_paragraph(art.text, borrowable, span)
    return Parts(_dateline_dates(art, _inside(found.dates, span)), here, who)


@dataclass(frozen=True)
class _Found:
    dates: list[DateFind]
    places: list[Hit]
    actors: list[Hit]


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
    dates = find_dates(text, art.lang, art.published)
    found = _Found(dates, find_places(text, vocab.places), find_actors(text, vocab.actors))
    features = [
        build_candidate(art, span, _parts(art, span, found), vocab, n)
        for n, span in enumerate(_groups(art, dates), 1)
    ]
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
