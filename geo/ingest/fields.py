"""One candidate feature from what its sentences name: date, place, actors, counts, type,
confidence, an English summary, and the words that back each field (`evidence`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from geo.ingest.analysis import Article, Vocab
from geo.ingest.dates import DateFind
from geo.ingest.evidence import Read, evidence
from geo.ingest.matching import Hit, is_near
from geo.ingest.placing import best_place
from geo.ingest.reasons import ASIDE, DOUBTS, SEATED, VAGUE, describe
from geo.model import EventType
from geo.uncertainty import default_uncertainty
from geo.vocab import Place


@dataclass(frozen=True)
class Toll:
    """Killed and injured for one incident, and the words each group was read from
    (article offsets, and how the group adds to the total)."""

    killed: int | None = None
    injured: int | None = None
    reads: tuple[Read, ...] = ()
    # Fields left empty because some victims are counted with no number ("several").
    unstated: tuple[str, ...] = ()


@dataclass(frozen=True)
class Parts:
    """What the article says of one incident: its excerpt, type, and the dates and places
    stated for it, best first (`geo.ingest.facts` gathers them)."""

    span: tuple[int, int]
    etype: EventType | None
    trigger: str | None
    dates: list[DateFind]
    places: list[Hit]
    actors: list[Hit]
    toll: Toll
    elsewhere: tuple[tuple[str, int, int], ...] = ()  # (kind, start, end) told or said of it


def _iso(day: Any) -> str | None:
    return day.isoformat() if day else None


def _chosen_date(dates: list[DateFind]) -> DateFind | None:
    """The first date that became an interval, in the order given (`geo.ingest.facts` puts
    the event's own first); an aside used is said so."""
    for find in dates:  # best first (`geo.ingest.facts`): the first resolved
        if find.resolved and find.aside:
            return replace(find, note=f"{find.note} {ASIDE[find.aside]}".strip())
        if find.resolved:
            return find
    return dates[0] if dates else None


def _date_fields(chosen: DateFind | None) -> dict[str, Any]:
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


NO_PLACE = {
    "place": "not stated",
    "place_id": None,
    "country": None,
    "geo_precision": None,
    "location_note": "The sentences name no place in the gazetteer.",
    "uncertainty": None,
    "_point": None,
}


def _place_note(hit: Hit, places: Mapping[str, Place], near: bool) -> list[str]:
    place = places[hit.key]
    named = not hit.reasons & SEATED
    note = [f"The text names '{hit.text}' ({place.names['en']})."] if named else []
    if near:
        note.append("It says 'near': a 10 km circle around the place.")
    if place.anchor is not None:
        anchor = places[place.anchor].names["en"] if place.anchor in places else place.anchor
        note.append(
            f"A district with no seat in the shipped GeoNames data: the point is {anchor}, "
            "a GeoNames place inside it (not its seat); the area a circle around it."
        )
    elif place.kind in ("district", "province"):
        note.append(f"A {place.kind}: the point is its seat; the area a circle around it.")
    told = [*describe(hit.reasons), *([hit.note] if hit.note else [])]
    note += [t[0].upper() + t[1:] + "." for t in told]
    return note


def _place_fields(art: Article, hit: Hit | None, places: Mapping[str, Place]) -> dict[str, Any]:
    if hit is None:
        return dict(NO_PLACE)
    place = places[hit.key]
    near = is_near(art.text, hit, art.lang)
    # Near a town, or a town borrowed from elsewhere (a sentence, the speaker): precision 2.
    vague = near or bool(hit.reasons & VAGUE)
    precision = {"town": 2 if vague else 1, "city": 2 if vague else 1, "district": 2}.get(
        place.kind, 3
    )
    area = place.area if place.kind in ("district", "province") else None
    return {
        "place": place.names["en"],
        "place_id": place.id,
        "country": place.country,
        "geo_precision": precision,
        "location_note": " ".join(_place_note(hit, places, near))
        if precision > 1 or hit.note or hit.reasons
        else None,
        "uncertainty": area or default_uncertainty(place, precision),
        "_point": [place.lon, place.lat],
    }


def _confidence(
    etype: EventType | None, fields: dict[str, Any], n_actors: int, doubts: int
) -> float:
    """0–1: what was found, less 0.1 for each doubt about the place (`reasons.DOUBTS`)."""
    score = 0.2 + 0.2 * (etype is not None) + 0.2 * (fields["date_start"] is not None)
    score += 0.2 * (fields["place_id"] is not None) + 0.1 * (n_actors > 0)
    score += 0.1 * (fields["fatalities"] is not None or fields["injured"] is not None)
    return round(min(score - 0.1 * doubts, 1.0), 2)


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


def _reads(date: DateFind | None, place: Hit | None, parts: Parts) -> list[Read]:
    """Where each field was read, in article offsets."""
    reads = [Read("date", date.start, date.end, how=date.note or None)] if date else []
    if place is not None:
        reads.append(Read("place", place.start, place.end, how=place.note))
    reads += parts.toll.reads
    first: dict[str, Hit] = {}
    for hit in parts.actors:
        first.setdefault(hit.key, hit)
    reads += [Read("actor", h.start, h.end, actor=h.key) for h in first.values()]
    return reads


def _fields(art: Article, parts: Parts, vocab: Vocab) -> dict[str, Any]:
    date, place = _chosen_date(parts.dates), best_place(parts.places, vocab.places)
    fields: dict[str, Any] = {
        **_date_fields(date),
        **_place_fields(art, place, vocab.places),
    }
    fields["actors"] = list(dict.fromkeys(h.key for h in parts.actors))
    fields["fatalities"], fields["injured"] = parts.toll.killed, parts.toll.injured
    fields["_doubts"] = len(place.reasons & DOUBTS) if place else 0
    reads = _reads(date, place, parts)
    fields["_evidence"] = evidence(art.text, reads, fields, vocab.places, vocab.actors)
    return fields


_UNSTATED = {
    "fatalities": "the number killed (some are counted with no number, such as 'several')",
    "injured": "the number injured (some are counted with no number, such as 'several')",
}


def _needs(art: Article, etype: EventType | None, fields: dict[str, Any], toll: Toll) -> list[str]:
    needs = [] if art.lang == "en" else ["an English translation of the excerpt"]
    needs += [_UNSTATED[f] for f in toll.unstated]
    if etype is None:
        needs.append("an event type")
    if fields["place_id"] is None:
        needs.append("a place")
    return needs


def _source(art: Article, span: tuple[int, int]) -> dict[str, Any]:
    excerpt = art.text[span[0] : span[1]]
    return {
        "doc": art.doc,
        "lang": art.lang,
        "excerpt": excerpt,
        "start": span[0],
        "end": span[1],
        "translation": excerpt if art.lang == "en" else "",
    }


def _elsewhere(parts: Parts) -> dict[str, list[dict[str, Any]]]:
    """Later tellings of the incident (`restated`) and what is said about it (`context`:
    a statement, a denial, a meeting), as offsets for the reviewer."""
    out: dict[str, list[dict[str, Any]]] = {}
    for kind, start, end in parts.elsewhere:
        if kind == "restated":
            out.setdefault("restated", []).append({"start": start, "end": end})
        else:
            out.setdefault("context", []).append({"kind": kind, "start": start, "end": end})
    return out


def candidate_id(n: int, fields: Mapping[str, Any]) -> str:
    """The n-th candidate's id, from its place and first day."""
    return f"proposed-{n}-{fields['place_id'] or 'unplaced'}-{fields['date_start'] or 'undated'}"


def build_candidate(art: Article, parts: Parts, vocab: Vocab, n: int) -> dict[str, Any]:
    """One proposed feature from what the article says of one incident."""
    etype, trigger, span = parts.etype, parts.trigger, parts.span
    fields = _fields(art, parts, vocab)
    point, cited, doubts = fields.pop("_point"), fields.pop("_evidence"), fields.pop("_doubts")
    slug = candidate_id(n, fields)
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
        "sources": [_source(art, span)],
        "evidence": cited,
        "ingest": {
            "confidence": _confidence(etype, fields, len(fields["actors"]), doubts),
            "trigger": trigger,
            "published_note": art.published_note,
            "needs": _needs(art, etype, fields, parts.toll),
            **_elsewhere(parts),
        },
    }
    geometry = {"type": "Point", "coordinates": point} if point else None
    return {"type": "Feature", "id": slug, "geometry": geometry, "properties": props}
