"""Every part of the source panel, built only from escaped parts. Pure; app.py places them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from geo.dataset import Dataset, event_title, has_event
from geo.kinds import Relation
from geo.model import WARNING_STATUSES, EventFeature, EventProperties, Source
from geo.seeds import SeedInfo
from geo.view.citation import dataset_part
from geo.view.evidence import (
    EVIDENCE_CSS,
    evidence_document,
    evidence_excerpt,
    evidence_style,
    fact_evidence,
)
from geo.view.html import Html, join, tag, web_link
from geo.view.scripts import inline_js
from geo.view.words import (
    RELATION_WORDS,
    STATUS_WORDS,
    area_in_words,
    count_in_words,
    date_in_words,
    period_in_words,
    precision_in_words,
)
from geo.vocab import COUNTRY_ADJECTIVES

PANEL_CSS = Html(
    "<style>"
    ".atlas-facts td{padding:2px 8px;vertical-align:top}"
    ".atlas-facts td:first-child{color:#555;white-space:nowrap}"
    # Sized for the panel's column (about 340 px at 1280 wide with the sidebar open): the
    # quote stays larger than the text round it, and a line holds 8–12 words.
    ".atlas-excerpt{font-size:1.05em;line-height:1.8;margin:0;padding:4px 8px;"
    "border-inline-start:3px solid #c77;background:#fbf7f2}"
    ".atlas-translation{font-size:.9em;margin:0;padding:4px 8px;"
    "border-inline-start:3px solid #79a}"
    "</style>"
)


def _row(label: str, *value: object) -> Html:
    return tag("tr", tag("td", label), tag("td", *value))


def place_words(feat: EventFeature) -> Html:
    """Place, its precision in words, and how the point was chosen."""
    p = feat.properties
    parts: list[object] = [
        tag("bdi", p.place, dir="auto"),
        " — ",
        precision_in_words(p.geo_precision),
    ]
    if p.uncertainty:
        u = p.uncertainty
        parts += [": ", area_in_words(u.shape, u.radius_km, u.iso_a3)]
    if p.location_note:
        parts += [tag("br"), tag("small", p.location_note)]
    return join(x if isinstance(x, Html) else tag("span", x) for x in parts)


def _actor_lines(p: EventProperties) -> list[object]:
    """Each actor on its own line with the words that name it."""
    lines: list[object] = []
    for i, actor in enumerate(p.actors):
        lines += [tag("br")] if i else []
        lines += [tag("span", actor), fact_evidence(p, f"actor:{actor}")]
    if not p.actors:
        lines.append("none named")
    if p.actor_note:
        lines += [tag("br"), tag("small", p.actor_note)]
    return lines


def _when(p: EventProperties) -> list[object]:
    when: list[object] = [date_in_words(p.date_start, p.date_end, p.date_precision)]
    if p.date_start is not None:
        when.append(fact_evidence(p, "date"))
    if p.date_text:
        wording = "The dataset's dates: " if p.dataset else "Source wording: "
        when += [tag("br"), tag("small", wording), tag("bdi", p.date_text, dir="auto")]
    if p.date_note:
        when += [tag("br"), tag("small", p.date_note)]
    return when


def period_row(p: EventProperties) -> Html | None:
    """'Exists: since late 2023 (no end stated)' with the words, for a site with a period."""
    if p.valid_from is None and p.valid_to is None:
        return None
    ends = [(b.start, b.end) if b else None for b in (p.valid_from, p.valid_to)]
    parts: list[object] = [period_in_words(ends[0], ends[1])]
    for name, bound in (("valid_from", p.valid_from), ("valid_to", p.valid_to)):
        if bound:
            parts.append(fact_evidence(p, name))
            parts += [
                tag("br"),
                tag("small", "Source wording: "),
                tag("bdi", bound.text, dir="auto"),
            ]
            parts += [tag("br"), tag("small", bound.note)] if bound.note else []
    return _row("Exists", *parts)


def _count(p: EventProperties, name: str) -> list[object]:
    value = getattr(p, name)
    if value is None and p.dataset is not None:  # the dataset has no such column
        return [f"not coded by {p.dataset.dataset}"]
    out: list[object] = [count_in_words(value)]
    return out + ([fact_evidence(p, name)] if value is not None else [])


def facts_table(
    feat: EventFeature, layer_title: str, features: Mapping[str, EventFeature] | None = None
) -> Html:
    """The event's facts as a two-column table, each with the words that back it."""
    p = feat.properties
    side = p.country or "not stated (on or near the border)"
    rows = [
        _row("When", *_when(p)),
        period_row(p),
        _row("Where", place_words(feat), fact_evidence(p, "place")),
        _row("Country", side),
        _row("Border", border_row_words(p)),
        _row("Actors", *_actor_lines(p)),
        _row("Fatalities", *_count(p, "fatalities")),
        _row("Injured", *_count(p, "injured")),
        _row("Type", str(p.event_type) + (f" — {p.sub_event_type}" if p.sub_event_type else "")),
        _row("Status", status_words(p, features)),
        _row("Layer", layer_title),
    ]
    return tag("table", *(r for r in rows if r is not None), class_="atlas-facts")


# Who took a report back, by the relation that links their report, in words.
_TAKEN_BACK = ((Relation.RETRACTED_BY, "retracted"), (Relation.DENIED_BY, "denied"))


def _taken_back(
    p: EventProperties, features: Mapping[str, EventFeature], relation: Relation, word: str
) -> str | None:
    linked = [features[r.id] for r in p.related if r.relation == relation and r.id in features]
    if not linked:
        return None
    parties = ", ".join(dict.fromkeys(a for f in linked for a in f.properties.actors))
    titles = "; ".join(f"“{f.properties.title}”" for f in linked)
    return f"{word} by {parties or 'a party the sources name'}, in {titles}"


def status_words(p: EventProperties, features: Mapping[str, EventFeature] | None = None) -> str:
    """The status in words, naming who denied or retracted the report: the actors of each
    linked denial or retraction ("Denied by Ministry of Foreign Affairs of Tajikistan, in
    'Tajik foreign ministry calls …'"); with none linked, where the sources say it."""
    status = str(p.status)
    if status not in ("denied", "retracted"):
        return STATUS_WORDS[status]
    said = [_taken_back(p, features or {}, rel, word) for rel, word in _TAKEN_BACK]
    named = [s for s in said if s]
    if not named:
        if status == "denied":
            return "Denied; no report of the denial is linked: the summary and excerpts say who"
        return STATUS_WORDS[status]
    text = "; ".join(named)
    return text[0].upper() + text[1:]


def border_words(km: float | None, side: str | None) -> str:
    """'3.6 km from the border, Tajik side' — or why there is no side."""
    if km is None:
        return "distance not computed"
    names = {iso: f"{adjective} side" for iso, adjective in COUNTRY_ADJECTIVES.items()}
    where = names.get(
        side or "",
        "on the line (side not stated)" if km < 1 else "outside Tajikistan and Afghanistan",
    )
    return f"{km:,.1f} km from the border, {where} (geodesic, to the 1:10m line)"


_WITHIN = {
    "border": "somewhere in the band along the border",
    "country": "somewhere in the country",
}


def border_row_words(p: EventProperties) -> str:
    """The border row; for an event placed only in a band or a country, the measured
    distance is its stand-in point's, and says so."""
    measured = border_words(p.border_distance_km, p.border_side)
    area = p.uncertainty
    if area is None or area.shape == "circle" or p.border_distance_km is None:
        return measured
    within = _WITHIN.get(area.shape, "somewhere in the band on one side of the border")
    return f"{within} (no source is more exact); the map's stand-in point is {measured}"


def disagreement(note: str) -> Html:
    """A note on where the sources disagree, styled as a warning."""
    return tag(
        "div",
        tag("b", "Sources disagree: "),
        tag("span", note, dir="auto"),
        class_="atlas-disagreement",
        style="background:#fff8e1;border-left:4px solid #f0ad00;padding:6px 10px;"
        "margin:4px 0;border-radius:4px",
    )


# A link found when the data loads (geo/importers/matches.py), not written in a file.
SAME_INCIDENT = "possibly the same incident (dates within a day, points within 25 km)"


def relation_label(relation: str, title: str) -> str:
    """Words for a related-event link: 'retracted by: Reuters withdraws …'."""
    return f"{RELATION_WORDS.get(relation, relation).capitalize()}: {title}"


def source_heading(index: int, src: Source, info: SeedInfo | None) -> str:
    """'Source 1 — RFE/RL …, published 2025-12-03 (000_….txt)'."""
    outlet = info.outlet if info and info.outlet else "outlet not stated"
    when = "publication date not stated"
    if info and info.published:
        when = f"published {info.published}"
    return f"Source {index + 1} — {outlet}, {when} ({src.doc})"


def excerpt_pair(props: EventProperties, index: int) -> tuple[Html, Html]:
    """The original excerpt (its own script and direction, cited words marked) and its
    English translation."""
    src = props.sources[index]
    original = evidence_excerpt(props, index)
    translation = tag(
        "blockquote", src.translation, class_="atlas-translation", lang="en", dir="ltr"
    )
    return original, translation


@dataclass(frozen=True)
class RelatedLink:
    """A button to another event: its label, its id, and whether it is loaded."""

    label: str
    target_id: str
    loaded: bool


@dataclass(frozen=True)
class SourcePart:
    """One source of an event: heading, excerpt, translation, the whole article."""

    heading: Html
    original: Html
    translation: Html
    document: Html
    document_page: Html  # a whole page for an iframe, scrolled to the excerpt


@dataclass(frozen=True)
class Panel:
    """Everything the source panel shows for one event, in order."""

    heading: Html
    warning: str | None  # plain text for a warning banner (denied, retracted, disputed)
    facts: Html
    summary: Html
    disagreements: tuple[Html, ...]
    related: tuple[RelatedLink, ...]
    sources: tuple[SourcePart, ...]
    dataset: Html  # what an imported event's dataset row cites ("" for a curated event)


def related_links(feat: EventFeature, data: Dataset) -> tuple[RelatedLink, ...]:
    """The event's related links, titled by their targets (or 'not loaded'): the titles
    from the frame, no target decoded (an imported event may match dozens)."""
    links = []
    for rel in feat.properties.related:
        loaded = has_event(data, rel.id)
        title = event_title(data, rel.id) if loaded else f"{rel.id} (not loaded)"
        links.append(RelatedLink(relation_label(str(rel.relation), title), rel.id, loaded))
    for other in data.matches.get(feat.properties.id, ()):
        title = event_title(data, other)
        links.append(RelatedLink(relation_label(SAME_INCIDENT, title), other, True))
    return tuple(links)


def source_part(props: EventProperties, index: int, data: Dataset) -> SourcePart:
    """Heading, excerpt pair and highlighted article of one source."""
    src = props.sources[index]
    original, translation = excerpt_pair(props, index)
    info = data.manifest.get(src.doc)
    heading = tag("h5", source_heading(index, src, info))
    link = web_link(info.url if info else None)
    if link is not None:
        heading = join([heading, tag("div", "Read it at ", link, class_="atlas-source-at")])
    document = evidence_document(props, index, data.seeds.get(src.doc, ""))
    return SourcePart(heading, original, translation, document, document_page(document, src))


_PAGE_HEAD = Html(
    "<!doctype html><html><head><meta charset='utf-8'><style>"
    "body{font:15px/1.8 sans-serif;margin:8px;color:#222}"
    "mark{background:#ffe08a;padding:2px 0}"
    ".atlas-note{font-size:13px;color:#555;border-bottom:1px solid #ddd;margin-bottom:6px}"
    "</style></head><body>"
)
# Static script, no data in it (static/atlas/excerpt.js, inlined: the page is a frame's
# own document): scroll the article so the highlighted excerpt is in view.
_PAGE_TAIL = Html(f"<script>{inline_js('excerpt.js')}</script></body></html>")


def document_page(document: Html, src: Source) -> Html:
    """The highlighted article as a page of its own, with the excerpt's translation on top."""
    note = tag(
        "div",
        tag("b", "Highlighted excerpt, in English: "),
        src.translation,
        class_="atlas-note",
        lang="en",
        dir="ltr",
    )
    return join([_PAGE_HEAD, note, document, _PAGE_TAIL])


def build_panel(event_id: str, data: Dataset) -> Panel:
    """Every part of the source panel of one loaded event."""
    feat = data.features[event_id]
    p = feat.properties
    return Panel(
        heading=tag("h3", p.title, dir="auto"),
        warning=status_words(p, data.features) if p.status in WARNING_STATUSES else None,
        facts=join(
            [
                PANEL_CSS,
                EVIDENCE_CSS,
                evidence_style(p),
                facts_table(feat, data.layer_title(event_id), data.features),
            ]
        ),
        summary=tag("p", p.summary, dir="auto"),
        disagreements=tuple(disagreement(note) for note in p.disagreements),
        related=related_links(feat, data),
        sources=tuple(source_part(p, i, data) for i in range(len(p.sources))),
        dataset=dataset_part(p.dataset),
    )
