"""Whole news articles, one per fixture, against the facts a careful reader takes from them.

Each `tests/fixtures/ingest/NAME.txt` with a `NAME.json` beside it is an article written
for these tests in the style of a news wire (Dari, Iranian Persian, Arabic, Russian,
Tajik): a headline, a dateline or none, quotes, a denial, background on older events,
often two incidents on different days. The JSON gives the language, the publication date
a reviewer would type (`published`, or null when the dateline gives it:
`published_found`), and each incident: its true date (a day, or a span the text only
narrows to), place id, actors, killed and injured, and words its excerpt must (and must
not) hold, which checks that the right sentences were grouped.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from typing import Any

import pytest

from geo.ingest import propose
from geo.ingest.lang import detect_lang
from tests.helpers.data import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
NAMES = sorted(p.stem for p in FIXTURES.glob("*.json"))


def _read(name: str) -> str:
    with open(FIXTURES / f"{name}.txt", encoding="utf-8", newline="") as fh:
        return fh.read()


@cache
def _spec(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


@cache
def _proposed(name: str) -> dict[str, Any]:
    spec = _spec(name)
    published = dt.date.fromisoformat(spec["published"]) if spec["published"] else None
    return propose(_read(name), f"{name}.txt", spec["lang"], published)


CASES = [(name, i) for name in NAMES for i in range(len(_spec(name)["incidents"]))]


def _truth(date: str | list[str]) -> tuple[dt.date, dt.date]:
    first, last = (date, date) if isinstance(date, str) else date
    return dt.date.fromisoformat(first), dt.date.fromisoformat(last)


def _covers(props: dict[str, Any], truth: tuple[dt.date, dt.date]) -> bool:
    if props["date_start"] is None or props["date_end"] is None:
        return False
    start, end = (
        dt.date.fromisoformat(props["date_start"]),
        dt.date.fromisoformat(props["date_end"]),
    )
    return start <= truth[0] and truth[1] <= end


def _candidate(name: str, words: str) -> dict[str, Any]:
    """The candidate whose excerpt holds the incident's first marker words."""
    found = [f["properties"] for f in _proposed(name)["features"]]
    holding = [p for p in found if words in p["sources"][0]["excerpt"]]
    excerpts = "\n---\n".join(p["sources"][0]["excerpt"] for p in found)
    assert holding, f"no candidate quotes {words!r}; the candidates quote:\n{excerpts}"
    return holding[0]


def test_every_article_has_its_facts():
    assert len(NAMES) >= 12
    assert {_spec(n)["lang"] for n in NAMES} >= {"fa", "ar", "ru", "tg"}


@pytest.mark.parametrize(("name", "index"), CASES, ids=[f"{n}-{i}" for n, i in CASES])
def test_incident_is_proposed_with_its_facts(name, index):
    want = _spec(name)["incidents"][index]
    props = _candidate(name, want["excerpt_has"][0])
    excerpt = props["sources"][0]["excerpt"]
    truth = _truth(want["date"])
    got = (props["date_start"], props["date_end"], props["date_text"])
    assert _covers(props, truth), f"{got} does not cover {want['date']}"
    assert props["place_id"] == want["place_id"], props["location_note"]
    assert set(want["actors"]) <= set(props["actors"]), props["actors"]
    assert (props["fatalities"], props["injured"]) == (want["killed"], want["injured"])
    for words in want["excerpt_has"]:
        assert words in excerpt, f"{words!r} should be in: {excerpt}"
    for words in want.get("excerpt_lacks", []):
        assert words not in excerpt, f"{words!r} should not be in: {excerpt}"


@pytest.mark.parametrize("name", NAMES)
def test_language_and_publication_date_are_read(name):
    spec, text = _spec(name), _read(name)
    assert detect_lang(text) == spec["lang"]
    found = propose(text, f"{name}.txt")
    if spec.get("published_found"):
        assert found["ingest"]["published"] == spec["published_found"]


@pytest.mark.parametrize("name", NAMES)
def test_every_excerpt_is_the_file_s_text_exactly(name):
    text = _read(name)
    for feature in _proposed(name)["features"]:
        for src in feature["properties"]["sources"]:
            assert text[src["start"] : src["end"]] == src["excerpt"]
