"""Parts of the review page, built without Streamlit: labels, the highlighted article, the map."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import folium

from geo.model import ReferenceKind
from geo.spellings import find_any, number_spellings, place_spellings
from geo.view._branca import Tooltip
from geo.view.html import Html, escape, highlighted_document, join, tag
from geo.view.labels import town_labels
from geo.view.map import base_map
from geo.vocab import Place

SELECTED, OTHER = "#d62728", "#1f77b4"


def candidate_label(index: int, feature: Mapping[str, Any]) -> str:
    """A plain-text line naming a candidate: number, type, date, place, confidence."""
    p = feature["properties"]
    confidence = p.get("ingest", {}).get("confidence")
    parts = [
        f"{index + 1}.",
        p.get("event_type") or "type?",
        p.get("date_start") or "undated",
        p.get("place") or "place?",
        f"(confidence {confidence:.1f})" if isinstance(confidence, float) else "",
    ]
    return " ".join(x for x in parts if x)


def highlighted_article(text: str, feature: Mapping[str, Any]) -> Html:
    """The whole article, markup shown as text, with the candidate's excerpt marked."""
    src = feature["properties"]["sources"][0]
    return highlighted_document(text, src["start"], src["end"], src["lang"])


def candidate_facts(feature: Mapping[str, Any], text: str | None = None) -> Html:
    """What the ingest read and why, as a small escaped list; with the article's text, also
    where else it tells of the incident and what is said about it (a denial, a statement)."""
    p = feature["properties"]
    ingest = p.get("ingest", {})
    rows = [
        (
            "Date",
            f"{p.get('date_text') or '—'} → {p.get('date_start') or '?'} … "
            f"{p.get('date_end') or '?'} ({p.get('date_precision')})",
        ),
        ("How the date was read", p.get("date_note") or "—"),
        ("Place", f"{p.get('place')} (precision {p.get('geo_precision') or '?'})"),
        ("How the place was read", p.get("location_note") or "—"),
        ("Actors", ", ".join(p.get("actors") or []) or "—"),
        ("Killed / injured", f"{p.get('fatalities')} / {p.get('injured')}"),
        ("Words read", evidence_line(p.get("evidence") or [])),
        ("Trigger word", ingest.get("trigger") or "—"),
        ("Still needed", ", ".join(ingest.get("needs") or []) or "nothing"),
    ]
    if text is not None:
        rows += [("Told again", _spans(text, ingest.get("restated") or []))]
        rows += [("Said about it", _spans(text, ingest.get("context") or []))]
    return tag("ul", join(tag("li", tag("b", k + ": "), v) for k, v in rows))


def _spans(text: str, spans: Sequence[Mapping[str, Any]]) -> str:
    """Quoted words of each span (its kind first, when it has one), or a dash."""
    parts = []
    for span in spans:
        words = " ".join(text[span["start"] : span["end"]].split())
        kind = f"{span['kind']}: " if span.get("kind") else ""
        parts.append(f"{kind}'{words[:300]}'")
    return "; ".join(parts) or "—"


def evidence_line(evidence: Sequence[Mapping[str, Any]]) -> str:
    """Each field with the words it was read from ("place: 'Пянджа'"), or how it was inferred."""
    parts = []
    for ev in evidence:
        name = f"actor {ev['actor']}" if ev.get("actor") else str(ev.get("field"))
        said = f"'{ev['words']}'" if ev.get("words") else f"inferred ({ev.get('inferred')})"
        parts.append(f"{name}: {said}")
    return "; ".join(parts) or "—"


def place_label(place: Place) -> str:
    """How a gazetteer place is offered in a picker."""
    return f"{place.names['en']} — {place.kind}, {place.country or 'border'} ({place.id})"


def candidates_map(
    features: Sequence[Mapping[str, Any]],
    selected: int,
    tiles: str | None,
    references: Mapping[ReferenceKind, dict[str, Any]] | None = None,
    towns: Iterable[Place] = (),
) -> folium.Map:
    """A small map of the candidates that have a point, the selected one in red, on the
    main page's base map: the countries, the border and, with no tiles, the towns."""
    m = base_map(tiles, references)
    if tiles is None:  # tiles carry their own names; else the main map's tiers of towns
        for labels in town_labels(towns):
            labels.add_to(m)
    for i, feature in enumerate(features):
        geometry = feature.get("geometry")
        if not geometry:
            continue
        lon, lat = geometry["coordinates"][:2]
        folium.CircleMarker(
            location=[lat, lon],
            radius=9 if i == selected else 6,
            fill=True,
            color=SELECTED if i == selected else OTHER,
            fill_opacity=0.8,
            tooltip=Tooltip(escape(candidate_label(i, feature))),  # never compiled
        ).add_to(m)
    return m


def summary_of(props: Mapping[str, Any]) -> str:
    """The summary the ingest writes, from the facts as they are now (the reviewer's):
    'Battles at Panj, 2025-10-25: Taliban; 2 killed.'"""
    what = props.get("event_type") or "Possible event (type not recognised)"
    when = props.get("date_start") or "undated"
    if props.get("date_end") and props.get("date_end") != props.get("date_start"):
        when += f" to {props['date_end']}"
    toll = ", ".join(
        f"{props[k]} {word}"
        for k, word in (("fatalities", "killed"), ("injured", "injured"))
        if props.get(k) is not None
    )
    who = ", ".join(props.get("actors") or []) or "actors not named"
    place = props.get("place") or "place not stated"
    return f"{what} at {place}, {when}: {who}" + (f"; {toll}" if toll else "") + "."


REVIEWER_SET = "set by the reviewer to {value}; the excerpt does not spell it"


def _cite(field: str, text: str, start: int, end: int) -> dict[str, Any]:
    return {"field": field, "source": 0, "start": start, "end": end, "words": text[start:end]}


def _find(text: str, excerpt: tuple[int, int], spellings: Sequence[str], loose: bool) -> Any:
    """The first span of the excerpt spelling the value. Only the excerpt: the same number
    elsewhere in the article most often counts something else ("three guards wounded")."""
    inside = find_any(text[excerpt[0] : excerpt[1]], spellings, loose=loose)
    return (inside[0][0] + excerpt[0], inside[0][1] + excerpt[0]) if inside else None


def reback(feature: Mapping[str, Any], text: str, places: Mapping[str, Place]) -> dict[str, Any]:
    """The edited candidate with evidence for each fact the reviewer changed: the words of
    the article that spell the new value (the excerpt first), or, when none do, that the
    reviewer set it. An edited fact never reads as "not stated in the sources"."""
    out = copy.deepcopy(dict(feature))
    props = out["properties"]
    src = props["sources"][0]
    excerpt = (src["start"], src["end"])
    have = {ev.get("field") for ev in props.get("evidence") or []}
    wanted: list[tuple[str, Any, Sequence[str], bool]] = [
        (field, props.get(field), number_spellings(props[field]), False)
        for field in ("fatalities", "injured")
        if props.get(field) is not None
    ]
    place = places.get(props.get("place_id") or "")
    if place is not None:
        wanted.append(("place", place.names.get("en", place.id), place_spellings(place), True))
    for field, value, spellings, loose in wanted:
        if field in have:
            continue
        span = _find(text, excerpt, spellings, loose)
        props.setdefault("evidence", []).append(
            _cite(field, text, *span)
            if span
            else {"field": field, "inferred": REVIEWER_SET.format(value=value)}
        )
    return out


def what_accept_writes(feature: Mapping[str, Any]) -> Html:
    """The candidate as Accept would write it now: its summary and each fact's words."""
    p = feature["properties"]
    rows = [
        ("Summary", p.get("summary") or "—"),
        ("Place", f"{p.get('place')} (precision {p.get('geo_precision') or '?'})"),
        ("Killed / injured", f"{p.get('fatalities')} / {p.get('injured')}"),
        ("Words that back the facts", evidence_line(p.get("evidence") or [])),
    ]
    return tag(
        "div",
        tag("b", "What Accept will write (rebuilt after each edit):"),
        tag("ul", join(tag("li", tag("b", k + ": "), v) for k, v in rows)),
        class_="atlas-will-write",
    )
