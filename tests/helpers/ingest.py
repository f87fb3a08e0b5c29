"""What the ingest tests read of `propose`: the candidates' properties, for articles written
for the tests (never an outlet's words), and the ones telling of violence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from geo.ingest import propose

Props = Callable[..., list[dict]]
VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def props_on(day: dt.date | None, lang: str | None = None) -> Props:
    """`props(text, lang, published)`: the properties of the candidates proposed for `text`,
    published on `day` and in `lang` unless the call says otherwise."""
    default_lang = lang

    def props(
        text: str, lang: str | None = default_lang, published: dt.date | None = day
    ) -> list[dict]:
        return [f["properties"] for f in propose(text, "x.txt", lang, published)["features"]]

    return props


def violent(props: list[dict]) -> list[dict]:
    """Candidates telling of violence: a violent type, or a toll (a toll with no trigger
    word, "погиб пограничник", leaves the type to the reviewer)."""
    return [
        p
        for p in props
        if p["event_type"] in VIOLENT or p["fatalities"] is not None or p["injured"] is not None
    ]
