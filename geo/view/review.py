"""Parts of the review page, built without Streamlit: labels, the highlighted article, the map."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import folium

from geo.view.html import Html, escape, highlighted_document, join, tag
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
    features: Sequence[Mapping[str, Any]], selected: int, tiles: str | None
) -> folium.Map:
    """A small map of the candidates that have a point, the selected one in red."""
    m = base_map(tiles)
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
            tooltip=folium.Tooltip(escape(candidate_label(i, feature))),
        ).add_to(m)
    return m
