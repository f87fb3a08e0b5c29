"""Candidate events from an article: sentences with a trigger or a toll, and what they name."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from geo.ingest.dates import DateFind, find_dates
from geo.ingest.events import casualties, event_type, mentions_casualty
from geo.ingest.lang import detect_lang
from geo.ingest.matching import KIND_RANK, Hit, find_actors, find_places, is_near
from geo.ingest.sentences import Sentence, split_sentences
from geo.model import EventType
from geo.uncertainty import default_uncertainty
from geo.vocab import Actor, Place, load_actors, load_gazetteer

_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
ISO_DATELINE_CHARS = 40  # an ISO date this close to the top is the article's date line
SHORT_LINE = 120  # a first line this short holding a full date is a date line


@dataclass(frozen=True)
class Article:
    """An article as given, with the language and publication date it is read against."""

    text: str
    doc: str
    lang: str
    published: dt.date | None
    published_note: str


def find_dateline(text: str, lang: str) -> tuple[dt.date | None, str]:
    """A publication date stated at the top of the text (ISO, or a full date), and where."""
    head = text.split("\n", 1)[0]
    if m := _ISO.search(head[:ISO_DATELINE_CHARS]):
        try:
            return dt.date(*map(int, m.groups())), f"dateline '{m.group(0)}' on the first line"
        except ValueError:
            pass
    for find in find_dates(head, lang, None) if len(head) <= SHORT_LINE else []:
        if find.kind == "gregorian" and find.resolved:
            return find.date_start, f"dateline '{find.text}' on the first line"
    return None, "no publication date given and no dateline found"


def read_article(
    text: str, doc: str, lang: str | None = None, published: dt.date | None = None
) -> Article:
    """Settle the language (from the script when not given) and the publication date."""
    lang = lang or detect_lang(text) or "en"
    if published is not None:
        return Article(text, doc, lang, published, "publication date given")
    found, note = find_dateline(text, lang)
    return Article(text, doc, lang, found, note)


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
        has_date = bool(_inside(dates, (s.start, s.end)))
        if last is not None and last.paragraph == s.paragraph and not has_date:
            spans[-1] = (spans[-1][0], s.end)
        else:
            spans.append((s.start, s.end))
        last = s
    return spans


INHERITED = "named in an earlier sentence of the same paragraph, not in this one"
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
AUTHOR_SEAT = "no place named; drawn at the seat of the speaker"


def _author_seat(art: Article, span: tuple[int, int], who: list[Hit]) -> list[Hit]:
    """For a statement naming no place, the seat of its first actor that has one."""
    if event_type(art.text[span[0] : span[1]], art.lang)[0] != EventType.STATEMENT:
        return []
    for hit in who:
        if hit.key in SEATS:
            note = f"{AUTHOR_SEAT} ({hit.key}, named as '{hit.text}')"
            return [Hit(hit.start, hit.end, SEATS[hit.key], hit.text, note)]
    return []


def _inside(items: list[Any], span: tuple[int, int]) -> list[Any]:
    """Items (sorted by start) lying within span, found by bisection: articles can be long."""
    first = bisect.bisect_left(items, span[0], key=lambda x: x.start)
    last = bisect.bisect_left(items, span[1], key=lambda x: x.start)
    return [x for x in items[first:last] if x.end <= span[1]]


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
    places = places if places is not None else load_gazetteer()
    actors = actors if actors is not None else load_actors()
    dates = find_dates(text, art.lang, art.published)
    place_hits, actor_hits = find_places(text, places), find_actors(text, actors)
    features = []
    for n, span in enumerate(_groups(art, dates), 1):
        who = _inside(actor_hits, span)
        here = _inside(place_hits, span) or _author_seat(art, span, who)
        here = here or _earlier_in_paragraph(text, place_hits, span)
        parts = Parts(_inside(dates, span), here, who)
        features.append(build_candidate(art, span, parts, places, n))
    return {
        "type": "FeatureCollection",
        "features": features,
        "ingest": {
            "doc": doc,
            "lang": art.lang,
            "published": _iso(art.published),
            "published_note": art.published_note,
        },
    }


@dataclass(frozen=True)
class Parts:
    """What was found inside one candidate's sentences."""

    dates: list[DateFind]
    places: list[Hit]
    actors: list[Hit]


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _date_fields(dates: list[DateFind]) -> dict[str, Any]:
    chosen = next((d for d in dates if d.resolved), dates[0] if dates else None)
    if chosen is None:
        return {
            "date_start": None,
            "date_end": None,
            "date_precision": "unknown",
            "date_text": None,
            "date_note": "The sentences give no date.",
        }
    return {
        "date_start": _iso(chosen.date_start),
        "date_end": _iso(chosen.date_end),
        "date_precision": chosen.precision,
        "date_text": chosen.text,
        "date_note": chosen.note or None,
    }


def _best_place(hits: list[Hit], places: Mapping[str, Place]) -> Hit | None:
    return min(hits, key=lambda h: KIND_RANK.get(places[h.key].kind, 5), default=None)


def _place_fields(art: Article, hits: list[Hit], places: Mapping[str, Place]) -> dict[str, Any]:
    hit = _best_place(hits, places)
    if hit is None:
        return {
            "place": "not stated",
            "place_id": None,
            "country": None,
            "geo_precision": None,
            "location_note": "The sentences name no place in the gazetteer.",
            "uncertainty": None,
            "_point": None,
        }
    place = places[hit.key]
    near = is_near(art.text, hit, art.lang)
    # Near a town, or a town borrowed from another sentence or from the speaker: precision 2.
    vague = near or any(why in (hit.note or "") for why in (INHERITED, AUTHOR_SEAT))
    precision = {"town": 2 if vague else 1, "city": 2 if vague else 1, "district": 2}.get(
        place.kind, 3
    )
    named = AUTHOR_SEAT not in (hit.note or "")
    note = [f"The text names '{hit.text}' ({place.names['en']})."] if named else []
    if near:
        note.append("It says 'near': a 10 km circle around the place.")
    if place.kind in ("district", "province"):
        note.append(f"A {place.kind}: the point is its seat; the area a circle around it.")
    if hit.note:
        note.append(hit.note[0].upper() + hit.note[1:] + ".")
    area = place.area if place.kind in ("district", "province") else None
    return {
        "place": place.names["en"],
        "place_id": place.id,
        "country": place.country,
        "geo_precision": precision,
        "location_note": " ".join(note) if precision > 1 or hit.note else None,
        "uncertainty": area or default_uncertainty(place, precision),
        "_point": [place.lon, place.lat],
    }


def _confidence(etype: EventType | None, fields: dict[str, Any], n_actors: int) -> float:
    score = 0.2 + 0.2 * (etype is not None) + 0.2 * (fields["date_start"] is not None)
    score += 0.2 * (fields["place_id"] is not None) + 0.1 * (n_actors > 0)
    score += 0.1 * (fields["fatalities"] is not None or fields["injured"] is not None)
    note = fields["location_note"] or ""
    score -= 0.1 * sum(why in note.lower() for why in ("both", "two towns", INHERITED, AUTHOR_SEAT))
    return round(min(score, 1.0), 2)


def _summary(etype: EventType | None, fields: dict[str, Any]) -> str:
    what = str(etype) if etype else "Possible event (type not recognised)"
    when = fields["date_start"] or "undated"
    if fields["date_end"] and fields["date_end"] != fields["date_start"]:
        when += f" to {fields['date_end']}"
    toll = ", ".join(
        f"{fields[k]} {word}"
        for k, word in (("fatalities", "killed"), ("injured", "injured"))
        if fields[k] is not None
    )
    who = ", ".join(fields["actors"]) or "actors not named"
    return f"{what} at {fields['place']}, {when}: {who}" + (f"; {toll}" if toll else "") + "."


def _fields(art: Article, excerpt: str, parts: Parts, places: Mapping[str, Place]) -> dict:
    counts = casualties(excerpt, art.lang)
    fields: dict[str, Any] = {
        **_date_fields(parts.dates),
        **_place_fields(art, parts.places, places),
    }
    fields["actors"] = list(dict.fromkeys(h.key for h in parts.actors))
    fields["fatalities"], fields["injured"] = counts.killed, counts.injured
    return fields


def build_candidate(
    art: Article, span: tuple[int, int], parts: Parts, places: Mapping[str, Place], n: int
) -> dict[str, Any]:
    """One proposed feature from the sentences at span."""
    excerpt = art.text[span[0] : span[1]]
    etype, trigger = event_type(excerpt, art.lang)
    fields = _fields(art, excerpt, parts, places)
    point = fields.pop("_point")
    slug = f"proposed-{n}-{fields['place_id'] or 'unplaced'}-{fields['date_start'] or 'undated'}"
    source = {
        "doc": art.doc,
        "lang": art.lang,
        "excerpt": excerpt,
        "start": span[0],
        "end": span[1],
        "translation": excerpt if art.lang == "en" else "",
    }
    props = {
        "id": slug,
        "title": _summary(etype, fields).split(":")[0],
        "summary": _summary(etype, fields),
        "event_type": str(etype) if etype else None,
        "sub_event_type": None,
        **fields,
        "status": "proposed",
        "related": [],
        "claims": [],
        "disagreements": [],
        "sources": [source],
        "ingest": {
            "confidence": _confidence(etype, fields, len(fields["actors"])),
            "trigger": trigger,
            "published_note": art.published_note,
            "needs": _needs(art, etype, fields),
        },
    }
    geometry = {"type": "Point", "coordinates": point} if point else None
    return {"type": "Feature", "id": slug, "geometry": geometry, "properties": props}


def _needs(art: Article, etype: EventType | None, fields: dict[str, Any]) -> list[str]:
    needs = [] if art.lang == "en" else ["an English translation of the excerpt"]
    if etype is None:
        needs.append("an event type")
    if fields["place_id"] is None:
        needs.append("a place")
    return needs
