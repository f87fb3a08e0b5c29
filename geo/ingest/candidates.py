"""Candidate events from an article, in four stages read in one pass: the article analysed
once (`geo.ingest.analysis`: sentences and their mentions), its incidents assembled over the
whole text (`geo.ingest.incidents`), what it states for each gathered (`geo.ingest.facts`),
and one candidate feature for each (`geo.ingest.fields`). A candidate with neither a date
phrase nor a place is dropped; one that restates an earlier candidate is folded into it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from geo.ingest.analysis import Article, Vocab, analyse, read_article
from geo.ingest.budget import check, time_budget
from geo.ingest.dateline import find_dateline
from geo.ingest.facts import gather
from geo.ingest.fields import build_candidate, candidate_id
from geo.ingest.grouping import fold_restatements
from geo.ingest.incidents import assemble
from geo.vocab import Actor, Place, load_actors, load_places

__all__ = ["Article", "find_dateline", "propose", "read_article"]


def _worth_reviewing(feature: dict[str, Any]) -> bool:
    """A candidate with neither a date phrase nor a place cannot become an event."""
    props = feature["properties"]
    return props["date_text"] is not None or props["place_id"] is not None


def _renumbered(features: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for n, feature in enumerate(features, 1):
        feature["id"] = feature["properties"]["id"] = candidate_id(n, feature["properties"])
    return features


def propose(
    text: str,
    doc: str = "article.txt",
    lang: str | None = None,
    published: dt.date | None = None,
    places: Mapping[str, Place] | None = None,
    actors: Mapping[str, Actor] | None = None,
    *,
    budget_s: float | None = None,
) -> dict[str, Any]:
    """Candidate events of an article as a GeoJSON FeatureCollection (status 'proposed').

    With `budget_s`, the work stops with `TooLong` once that many seconds are spent."""
    with time_budget(budget_s):
        art = read_article(text, doc, lang, published)
        vocab = Vocab(
            places if places is not None else load_places(),
            actors if actors is not None else load_actors(),
        )
        an = analyse(art, vocab)
        check()
        incidents = assemble(an)
        check()
        features = [
            build_candidate(art, gather(an, inc), vocab, n) for n, inc in enumerate(incidents, 1)
        ]
    features = _renumbered(fold_restatements([f for f in features if _worth_reviewing(f)]))
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
