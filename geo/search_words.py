"""The words an event is found by: its own text and the names of its place and actors in
every spelling, folded for matching."""

from __future__ import annotations

import functools

from geo.context import Context
from geo.model import EventFeature
from geo.text import fold_for_search


def search_text(feat: EventFeature, ctx: Context | None) -> str:
    """Everything a search should find the event by, folded for matching.

    Titles, summary, place and its names in every language, actors and their aliases,
    each excerpt and translation, and what a dataset row cites: a search in Persian,
    Arabic, Russian or English finds the event whichever letter forms or digits it is
    typed with.
    """
    return " | ".join(search_parts(feat, ctx))


def search_parts(feat: EventFeature, ctx: Context | None) -> tuple[str, str]:
    """(the event's own words, the names of its place and actors in every spelling),
    folded. Kept apart in the frame: thousands of events share one set of names, which
    is then stored and searched once (a categorical column), not once per event."""
    p = feat.properties
    own = [p.id, p.title, p.summary, p.place, *p.disagreements]
    own += [s.excerpt for s in p.sources] + [s.translation for s in p.sources]
    if p.dataset is not None:
        own += [p.dataset.dataset, *p.dataset.cites.values()]
    names = []
    place = ctx.places.get(p.place_id or "") if ctx else None
    if place:
        spellings = [*place.names.values()]
        spellings += [alias for group in (place.aliases or {}).values() for alias in group]
        names.append(_folded(tuple(spellings)))
    names += [actor_spellings(name, ctx) for name in p.actors]
    return fold_for_search(" | ".join(own)), " | ".join(names)


def actor_spellings(name: str, ctx: Context | None) -> str:
    """An actor's name and its aliases in every language, folded (once per actor)."""
    actor = ctx.actors.get(name) if ctx else None
    aliases = [a for group in actor.aliases.values() for a in group] if actor else []
    return _folded((name, *aliases))


# Names and aliases are shared by thousands of events: fold each set once.
@functools.lru_cache(maxsize=4096)
def _folded(names: tuple[str, ...]) -> str:
    return fold_for_search(" | ".join(names))
