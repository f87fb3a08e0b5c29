"""An ingest past its time budget stops by itself and proposes nothing; the page says so."""

from __future__ import annotations

import itertools

import pytest
from streamlit.testing.v1 import AppTest

import geo.ingest.budget as budget
from geo.ingest import propose
from geo.ingest.budget import TooLong
from tests.helpers.data import ROOT

ARTICLE = (ROOT / "tests" / "fixtures" / "ingest" / "russian_two_incidents.txt").read_text(
    encoding="utf-8"
)


def _clock_jumps(monkeypatch: pytest.MonkeyPatch, step: float) -> None:
    """A monotonic clock that moves `step` seconds at every reading."""
    ticks = itertools.count()
    monkeypatch.setattr(budget.time, "monotonic", lambda: next(ticks) * step)


def test_an_ingest_within_its_budget_proposes_as_without_one(monkeypatch):
    plain = propose(ARTICLE, lang="ru")
    assert propose(ARTICLE, lang="ru", budget_s=600)["features"] == plain["features"]


def test_an_ingest_past_its_budget_stops(monkeypatch):
    _clock_jumps(monkeypatch, 1.0)  # every check is a second later: 3 s are soon spent
    with pytest.raises(TooLong) as raised:
        propose(ARTICLE, lang="ru", budget_s=3)
    assert "3 s" in str(raised.value)


def test_the_review_page_says_the_ingest_was_stopped(edit_dirs, local_server, monkeypatch):
    monkeypatch.setenv("ATLAS_MAX_INGEST_SECONDS", "1")
    at = AppTest.from_file(str(ROOT / "screens" / "review.py"), default_timeout=60).run()
    _clock_jumps(monkeypatch, 5.0)
    at = at.text_area(key="article_text").input(ARTICLE).run()
    assert not at.exception
    assert any("took longer than 1 s" in e.value for e in at.error)
    assert not at.radio  # no candidate proposed
