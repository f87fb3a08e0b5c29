"""The real-news facts' rules (`bench/ingest_real.json`): where an article's publication
date comes from (the page, else the day its address holds) and each held-out set's first
score, kept from before any rule was changed for it."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.ingest.dateline import date_in_url
from geo.settings import ROOT

FACTS = ROOT / "bench" / "ingest_real.json"


def published(art: dict[str, Any], addresses: bool = True) -> dt.date | None:
    """The publication date a reviewer would type: the page's, else (with `addresses`) the
    day in the article's address (`published_from` "url"; "page" when not said). A date
    the facts say came from the address must be the one `date_in_url` reads there; an
    address holding a day must not go unrecorded."""
    day = art.get("published")
    source = art.get("published_from", "page" if day else None)
    from_url = date_in_url(art.get("url"))
    if day and source not in ("page", "url"):
        raise ValueError(f"{art['id']}: published_from {source!r}, not 'page' or 'url'")
    if source == "url" and from_url is not None and str(from_url) != day:
        raise ValueError(f"{art['id']}: published {day} but its address holds {from_url}")
    if not day and from_url is not None:
        raise ValueError(f"{art['id']}: no publication date recorded, its address holds {from_url}")
    if not day or (source == "url" and not addresses):
        return None
    return dt.date.fromisoformat(day)


@dataclass(frozen=True)
class FirstContact:
    """A held-out set's score when it was first run, before any rule was changed for it."""

    found: int
    incidents: int
    rules_since: bool  # rules were found through the set after: its table is no longer independent


def first_contacts(facts: Path = FACTS) -> dict[int, FirstContact]:
    """The facts' `held_out_first_contact`: set number → its first score."""
    raw = json.loads(facts.read_text(encoding="utf-8")).get("held_out_first_contact", {})
    return {
        int(n): FirstContact(int(v["found"]), int(v["incidents"]), bool(v["rules_since"]))
        for n, v in raw.items()
    }
