"""Curator's tool: `atlas-evidence LAYER.geojson ...` suggests the words that back each fact.

For every fact a feature states (date, place, each actor, fatalities, injured, a site's
period) that no `evidence` entry backs yet, it looks inside the feature's own excerpts
for a spelling of the value and prints the candidates with their context. With
`--write` it records the first candidate of each fact (atomically, only if the layer
still validates). A person then reads every span: a match is a suggestion, not proof
(a "five" may count the injured, not the dead).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from geo import settings
from geo.context import Context, load_context
from geo.errors import Problem
from geo.evidence import candidate_spans, is_name, spellings, states_value
from geo.io import read_json
from geo.layers import load_layer
from geo.model import EventProperties, Evidence, EvidenceField
from geo.spellings import Span
from geo.writing import write_validated

_CONTEXT_CHARS = 30


def wanted(props: EventProperties) -> list[Evidence]:
    """Placeholder evidence (inferred) for each stated fact that nothing backs yet."""
    have = {(e.field, e.actor) for e in props.evidence}
    facts: list[tuple[EvidenceField, str | None]] = [(EvidenceField.PLACE, None)]
    if props.date_start is not None:
        facts.append((EvidenceField.DATE, None))
    facts += [(EvidenceField.ACTOR, a) for a in props.actors]
    facts += [
        (f, None)
        for f, v in (
            (EvidenceField.FATALITIES, props.fatalities),
            (EvidenceField.INJURED, props.injured),
        )
        if v is not None
    ]
    facts += [(EvidenceField.VALID_FROM, None)] if props.valid_from else []
    facts += [(EvidenceField.VALID_TO, None)] if props.valid_to else []
    date_done = any(
        f in have for f in ((EvidenceField.DATE_START, None), (EvidenceField.DATE_END, None))
    )
    return [
        Evidence(field=f, actor=a, inferred="?")
        for f, a in facts
        if (f, a) not in have and not (f == EvidenceField.DATE and date_done)
    ]


def _spans(props: EventProperties, ev: Evidence, excerpt: str, ctx: Context) -> list[Span]:
    """Candidate spans in one excerpt; for a date, its source phrase `date_text` first."""
    groups = spellings(props, ev, ctx) or []
    phrase = props.date_text if ev.field == EvidenceField.DATE else None
    if phrase and phrase in excerpt and states_value(phrase, groups, is_name(ev)):
        at = excerpt.index(phrase)
        return [(at, at + len(phrase))]
    return candidate_spans(excerpt, groups, is_name(ev))


def suggest(props: EventProperties, ev: Evidence, ctx: Context) -> dict[str, Any] | None:
    """The first span inside one of the feature's excerpts that spells the value."""
    for index, src in enumerate(props.sources):
        for start, end in _spans(props, ev, src.excerpt, ctx):
            text = ctx.seeds[src.doc]
            return {
                "field": str(ev.field),
                **({"actor": ev.actor} if ev.actor else {}),
                "source": index,
                "start": src.start + start,
                "end": src.start + end,
                "words": text[src.start + start : src.start + end],
            }
    return None


def _context(ctx: Context, props: EventProperties, found: dict[str, Any]) -> str:
    text = ctx.seeds[props.sources[found["source"]].doc]
    left = text[max(0, found["start"] - _CONTEXT_CHARS) : found["start"]]
    right = text[found["end"] : found["end"] + _CONTEXT_CHARS]
    return f"…{left}[{found['words']}]{right}…".replace("\n", " ")


def run(path: Path, ctx: Context, write: bool) -> list[Problem]:
    """Print (and with write, record) candidate evidence for one layer file."""
    layer = load_layer(path, ctx)
    if layer.problems or layer.reference is not None:
        return layer.problems
    data, problems = read_json(path)
    raw = {f["properties"]["id"]: f["properties"] for f in data["features"]}
    for feat in layer.features:
        props = feat.properties
        for ev in wanted(props):
            label = ev.actor or str(ev.field)
            found = suggest(props, ev, ctx)
            if found is None:
                print(f"{props.id}: {label}: no spelling in the excerpts (cite or infer by hand)")
                continue
            print(f"{props.id}: {label}: {_context(ctx, props, found)}")
            if write:
                raw[props.id].setdefault("evidence", []).append(found)
    return write_validated(path, data, ctx) if write else problems


def main(argv: list[str] | None = None) -> int:
    """Suggest evidence spans for the given layer files; exit 1 if any problem remains."""
    parser = argparse.ArgumentParser(prog="atlas-evidence", description=__doc__)
    parser.add_argument("layers", nargs="+", type=Path)
    parser.add_argument("--seeds", default=settings.from_env().seeds_dir, type=Path)
    parser.add_argument("--write", action="store_true", help="record the first candidates")
    args = parser.parse_args(argv)
    ctx = load_context(args.seeds)
    problems = [p for path in args.layers for p in run(path, ctx, args.write)]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
