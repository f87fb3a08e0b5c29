"""Per-field evidence for a candidate: for each field the ingest filled, the words it read.

Each entry cites source 0 (the article) with offsets into the whole article, and
`words == text[start:end]`. The validator (`geo.evidence`) also asks that the words state
the value in some spelling (any calendar, any case of a name, an alias); where they do not
("вчера" for 2 December, a weekday, a speaker's name for the place of the seat), the entry
says `inferred` and quotes them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from geo.evidence import states_value
from geo.spellings import date_ways, number_spellings, place_spellings
from geo.vocab import Actor, Place

Alternatives = list[list[tuple[str, ...]]]


@dataclass(frozen=True)
class Read:
    """The words at text[start:end] that the ingest read one field from, and how."""

    field: str  # "date", "place", "fatalities", "injured" or "actor"
    start: int
    end: int
    actor: str | None = None
    how: str | None = None  # how the value follows from the words, when it is not spelled


def _date_ways(fields: Mapping[str, Any]) -> Alternatives | None:
    ends = [fields["date_start"], fields["date_end"]]
    if None in ends:
        return None
    days = [dt.date.fromisoformat(d) for d in dict.fromkeys(ends)]
    return [way for d in days for way in date_ways(d, fields["date_precision"])]


def _ways(
    read: Read,
    fields: Mapping[str, Any],
    places: Mapping[str, Place],
    actors: Mapping[str, Actor],
) -> Alternatives | None:
    """How the field's value may be spelled, as the validator counts it."""
    if read.field == "date":
        return _date_ways(fields)
    if read.field in ("fatalities", "injured"):
        value = fields[read.field]
        return None if value is None else [[number_spellings(value)]]
    if read.field == "actor":
        actor = actors.get(read.actor or "")
        aliases = [a for names in actor.aliases.values() for a in names] if actor else []
        return [[(read.actor or "", *aliases)]]
    place = places.get(fields["place_id"] or "")
    return [[place_spellings(place)]] if place else None


def _quoted(words: str) -> str:
    return re.sub(r"\s+", " ", words).strip()


def entry(text: str, read: Read, ways: Alternatives) -> dict[str, Any]:
    """One evidence entry: the words cited, or (when they do not spell the value) inferred."""
    words = text[read.start : read.end]
    out: dict[str, Any] = {"field": read.field}
    if read.actor is not None:
        out["actor"] = read.actor
    loose = read.field in ("actor", "place")  # names may carry clitics and case endings
    if words.strip() and states_value(words, ways, loose):
        return {**out, "source": 0, "start": read.start, "end": read.end, "words": words}
    how = f": {read.how}" if read.how else ""
    where = f"characters {read.start}-{read.end} of the article"
    return {**out, "inferred": f"Read from '{_quoted(words)}' ({where}){how}"}


def evidence(
    text: str,
    reads: list[Read],
    fields: Mapping[str, Any],
    places: Mapping[str, Place],
    actors: Mapping[str, Actor],
) -> list[dict[str, Any]]:
    """Evidence entries for every read whose field has a value."""
    out = []
    for read in reads:
        ways = _ways(read, fields, places, actors)
        if ways is not None and read.end > read.start:
            out.append(entry(text, read, ways))
    return out
