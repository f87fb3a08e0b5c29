"""Which words back each fact: links in the facts table, marked spans in the excerpts.

No JavaScript: each cited span is a run of `<mark class="ev-…">` siblings preceded by an
empty anchor `<span id="ev-…">`. A fact links to that anchor (`<a href="#ev-…">`);
`:target` then lights the anchor's following siblings of the span's class, and hovering
the link lights them too (`:has`). Both work inside `st.html` and in a saved file.
"""

from __future__ import annotations

import itertools
import re

from geo.evidence import evidence_for
from geo.model import EventProperties, Evidence, Source
from geo.text import text_direction
from geo.view.html import Html, escape, join, tag

NOT_STATED = "not stated in the sources"
_HIGHLIGHT = "background:#ffd54f;outline:2px solid #e0a800;border-radius:2px"
EVIDENCE_CSS = Html(
    "<style>"
    ".atlas-ev-link{font-size:.8em;margin-inline-start:4px;text-decoration:none;"
    "border-bottom:1px dotted #555;color:#1a5fb4}"
    "mark.atlas-ev{background:#fff3c4;color:inherit}"
    ".atlas-inferred,.atlas-not-stated{color:#666;font-style:italic}"
    "</style>"
)

# A mark: [start, end) in seed offsets and the key (CSS class) of its evidence.
Mark = tuple[int, int, str]


def _ident(text: str) -> str:
    """Keep only characters safe in a CSS identifier (ids are slugs already)."""
    return re.sub(r"[^a-z0-9-]", "", text.lower())


def evidence_key(event_id: str, index: int) -> str:
    """The class shared by every marked piece of one evidence span."""
    return f"ev-{_ident(event_id)}-{index}"


def anchor_id(key: str, where: str) -> str:
    """The id a fact links to: the span in the excerpt ('x') or the whole article ('d')."""
    return f"{key}-{where}"


def in_excerpt(ev: Evidence, src: Source) -> bool:
    """Whether a cited span lies inside its source's quoted excerpt."""
    return (
        ev.start is not None and ev.end is not None and src.start <= ev.start <= ev.end <= src.end
    )


def marks_for(props: EventProperties, source_index: int) -> list[Mark]:
    """The cited spans of one source, keyed by their position in `evidence`."""
    return [
        (e.start, e.end, evidence_key(props.id, i))
        for i, e in enumerate(props.evidence)
        if e.is_cited and e.source == source_index and e.start is not None and e.end is not None
    ]


def marked_text(text: str, offset: int, marks: list[Mark], where: str) -> Html:
    """Text starting at seed offset `offset`, each mark's words wrapped, as flat siblings."""
    cuts = {0, len(text)}
    for start, end, _ in marks:
        cuts |= {min(max(start - offset, 0), len(text)), min(max(end - offset, 0), len(text))}
    bounds = sorted(cuts)
    parts: list[Html] = []
    for a, b in itertools.pairwise(bounds):
        keys = [k for s, e, k in marks if s - offset <= a and b <= e - offset]
        parts += [
            tag("span", id=anchor_id(k, where), class_="atlas-ev-anchor")
            for s, _e, k in marks
            if s - offset == a
        ]
        piece = text[a:b]
        parts.append(
            tag("mark", piece, class_=" ".join(["atlas-ev", *keys])) if keys else escape(piece)
        )
    return join(parts)


def evidence_style(props: EventProperties) -> Html:
    """CSS that lights each span when its link is the target or is hovered."""
    rules = []
    for i, ev in enumerate(props.evidence):
        if not ev.is_cited:
            continue
        key = evidence_key(props.id, i)
        for where in ("x", "d"):
            rules.append(f"#{anchor_id(key, where)}:target~.{key}{{{_HIGHLIGHT}}}")
        rules.append(f"body:has(a.atlas-ev-link.{key}:hover) mark.{key}{{{_HIGHLIGHT}}}")
    return Html(f"<style>{''.join(rules)}</style>") if rules else Html("")


def _link(props: EventProperties, index: int, ev: Evidence) -> Html:
    """A link to the words of one cited span, carrying where they are as data attributes."""
    assert ev.source is not None and ev.start is not None and ev.end is not None
    src = props.sources[ev.source]
    key = evidence_key(props.id, index)
    inside = in_excerpt(ev, src)
    base = src.start if inside else 0
    return tag(
        "a",
        f"[source {ev.source + 1}]",
        href=f"#{anchor_id(key, 'x' if inside else 'd')}",
        class_=f"atlas-ev-link {key}",
        title=ev.words,
        data_source=ev.source,
        data_scope="excerpt" if inside else "document",
        data_start=ev.start - base,
        data_end=ev.end - base,
    )


def fact_evidence(props: EventProperties, name: str) -> Html:
    """Where a fact comes from: links to its words, 'inferred: …', or 'not stated'."""
    found = evidence_for(props, name)
    if not found and props.dataset is not None:
        # An imported event's facts are the dataset's coding of its row (cited below).
        coded = f" — as {props.dataset.dataset} codes it"
        return tag("small", coded, class_="atlas-inferred")
    if not found:
        return tag("small", f" — {NOT_STATED}", class_="atlas-not-stated")
    parts = []
    for ev in found:
        index = props.evidence.index(ev)
        if ev.is_cited:
            parts.append(_link(props, index, ev))
        elif ev.inferred in (props.location_note, props.date_note):
            # The note is already on the page, right above: say so rather than repeat it.
            parts.append(tag("small", " — inferred, as the note says", class_="atlas-inferred"))
        else:
            parts.append(tag("small", f" — inferred: {ev.inferred}", class_="atlas-inferred"))
    return join(parts)


def evidence_excerpt(props: EventProperties, index: int) -> Html:
    """A source's excerpt in its own script and direction, its cited words marked."""
    src = props.sources[index]
    marks = [m for m in marks_for(props, index) if src.start <= m[0] < src.end]
    body = tag(
        "bdi",
        marked_text(src.excerpt, src.start, marks, "x"),
        lang=src.lang,
        dir=text_direction(src.lang),
    )
    return tag(
        "blockquote",
        body,
        class_="atlas-excerpt",
        lang=src.lang,
        dir=text_direction(src.lang),
        style="white-space: pre-wrap",  # keep the source's own line breaks
    )


def evidence_document(props: EventProperties, index: int, text: str) -> Html:
    """The whole seed, the excerpt marked `#excerpt` and every cited span of this source."""
    src = props.sources[index]
    marks = marks_for(props, index)
    pieces = [
        marked_text(text[: src.start], 0, marks, "d"),
        tag("mark", marked_text(text[src.start : src.end], src.start, marks, "d"), id="excerpt"),
        marked_text(text[src.end :], src.end, marks, "d"),
    ]
    return tag(
        "div",
        join(pieces),
        class_="atlas-seed",
        lang=src.lang,
        dir=text_direction(src.lang),
        style="white-space: pre-wrap; line-height: 1.8",
    )
