"""Per-field provenance: do the cited words exist in the seed, and do they state the value?

A feature's `evidence` cites, for a fact (date, place, a count, an actor, a site's
period), a span of one of its sources' seeds. The span must lie in that seed and equal
its `words`, and the words must contain the value in some spelling (`geo.spellings`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from geo.context import Context
from geo.model import EventProperties, Evidence, EvidenceField
from geo.spellings import Span, date_ways, find_any, number_spellings, place_spellings
from geo.text import hidden_controls

_DATE_FIELDS = {
    EvidenceField.DATE,
    EvidenceField.DATE_START,
    EvidenceField.DATE_END,
    EvidenceField.VALID_FROM,
    EvidenceField.VALID_TO,
}


def field_label(ev: Evidence) -> str:
    """The fact an evidence backs, as the panel and messages name it."""
    return f"actor {ev.actor}" if ev.actor else str(ev.field)


def dates_of(props: EventProperties, ev: Evidence) -> list[tuple[dt.date, str]]:
    """The dates (with precision) an evidence of a date field must state."""
    p, f = props, ev.field
    if f in (EvidenceField.DATE, EvidenceField.DATE_START, EvidenceField.DATE_END):
        if p.date_start is None or p.date_end is None:
            return []
        picked = {
            EvidenceField.DATE: [p.date_start, p.date_end],
            EvidenceField.DATE_START: [p.date_start],
            EvidenceField.DATE_END: [p.date_end],
        }[f]
        return [(d, p.date_precision) for d in dict.fromkeys(picked)]
    bound = p.valid_from if f == EvidenceField.VALID_FROM else p.valid_to
    return [(bound.start, bound.precision)] if bound else []


# Ways a value may be written: any one alternative, each a list of groups the words must
# contain one spelling of (a day needs its number and its month).
Alternatives = list[list[tuple[str, ...]]]


def spellings(props: EventProperties, ev: Evidence, ctx: Context) -> Alternatives | None:
    """How the field's value may be spelled; None when the feature gives no value."""
    if ev.field in _DATE_FIELDS:
        # Either end spelled out backs the field ("late October": the month), in any calendar.
        return [way for d, prec in dates_of(props, ev) for way in date_ways(d, prec)] or None
    if ev.field in (EvidenceField.FATALITIES, EvidenceField.INJURED):
        value = getattr(props, str(ev.field))
        return None if value is None else [[number_spellings(value)]]
    if ev.field == EvidenceField.ACTOR:
        actor = ctx.actors.get(ev.actor or "")
        aliases = [a for names in actor.aliases.values() for a in names] if actor else []
        return [[(ev.actor or "", *aliases)]]
    place = ctx.places.get(props.place_id or "")
    return [[place_spellings(place)]] if place else [[(props.place,)]]


def is_name(ev: Evidence) -> bool:
    """Names (actors, places) may carry clitics; numbers and months must match whole."""
    return ev.field in (EvidenceField.ACTOR, EvidenceField.PLACE)


def states_value(words: str, alternatives: Alternatives, loose: bool = False) -> bool:
    """Whether the words contain one spelling of every group of some alternative."""
    return any(all(find_any(words, g, loose=loose) for g in alt) for alt in alternatives)


def candidate_spans(text: str, alternatives: Alternatives, loose: bool = False) -> list[Span]:
    """Where in text a spelling of the value's first group occurs (for the curator's tool)."""
    return find_any(text, alternatives[0][0], loose=loose) if alternatives else []


def check_evidence(props: EventProperties, ctx: Context) -> Iterator[tuple[str, str]]:
    """Every cited span exists in its seed, equals its words and states the field's value."""
    for i, ev in enumerate(props.evidence):
        where = f"evidence[{i}]"
        if ev.actor is not None and ev.actor not in props.actors:
            yield where, f"backs actor {ev.actor!r}, who is not in `actors`"
            continue
        groups = spellings(props, ev, ctx)
        if groups is None:
            yield where, f"backs {field_label(ev)}, but the feature gives no value for it"
            continue
        if not ev.is_cited:
            if bad := hidden_controls(ev.inferred or ""):
                yield f"{where}.inferred", f"hidden control characters {', '.join(bad)}"
            continue
        yield from _check_span(props, ev, where, groups, ctx)


def _check_span(
    props: EventProperties,
    ev: Evidence,
    where: str,
    groups: Alternatives,
    ctx: Context,
) -> Iterator[tuple[str, str]]:
    assert ev.source is not None and ev.start is not None and ev.end is not None
    doc = props.sources[ev.source].doc
    text = ctx.seeds.get(doc)
    if text is None:
        return  # the source check already reports the missing seed
    if ev.end > len(text):
        yield where, f"span {ev.start}:{ev.end} runs past the end of {doc} ({len(text)} chars)"
        return
    if text[ev.start : ev.end] != ev.words:
        at = text.find(ev.words or "")
        hint = f"; the words occur at {at}:{at + len(ev.words or '')}" if at >= 0 else ""
        yield where, f"text at {ev.start}:{ev.end} of {doc} is not the cited words{hint}"
        return
    if not states_value(ev.words or "", groups, is_name(ev)):
        yield (
            f"{where}.words",
            f"{ev.words!r} does not state the {field_label(ev)} in any spelling known "
            f"(looked for {', '.join(dict.fromkeys(groups[0][0]))[:160]})",
        )


def evidence_for(props: EventProperties, name: str) -> list[Evidence]:
    """The evidence backing one fact: 'date' (either end), 'place', a count, 'actor:NAME'."""
    if name == "date":
        date_fields = {EvidenceField.DATE, EvidenceField.DATE_START, EvidenceField.DATE_END}
        return [e for e in props.evidence if e.field in date_fields]
    if name.startswith("actor:"):
        return [e for e in props.evidence if e.actor == name[len("actor:") :]]
    return [e for e in props.evidence if str(e.field) == name]
