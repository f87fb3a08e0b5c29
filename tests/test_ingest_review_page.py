"""The review page asks for the outlet and records it in the manifest entry it writes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.ingest import propose
from geo.view.review import candidate_facts
from tests.helpers.data import ROOT

PAGE = str(ROOT / "screens" / "review.py")
ARTICLE = (ROOT / "tests" / "fixtures" / "ingest" / "russian_multiline.txt").read_text(
    encoding="utf-8"
)


@pytest.fixture
def seeds(edit_dirs: tuple[Path, Path], local_server: None) -> Path:
    return edit_dirs[1]


def _key(at: AppTest, prefix: str) -> str:
    return next(w.key for w in [*at.text_input, *at.text_area] if (w.key or "").startswith(prefix))


def _accept(outlet: str | None) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at = at.text_area(key="article_text").input(ARTICLE).run()
    if outlet is not None:
        at = at.text_input(key=_key(at, "outlet-")).input(outlet).run()
    at = at.text_area(key=_key(at, "tr-")).input("A firefight in Farkhor district.").run()
    return at.button(key="accept-0").click().run()


@pytest.mark.parametrize(("typed", "kept"), [("  Radio  Ozodi ", "Radio Ozodi"), (None, None)])
def test_outlet_reaches_the_manifest(seeds, typed, kept):
    at = _accept(typed)
    assert not at.error and "Accepted as" in at.success[0].value
    entry = json.loads((seeds / "sources.json").read_text(encoding="utf-8"))["sources"][-1]
    assert entry["outlet"] == kept and entry["lang"] == "ru"


def test_facts_list_the_words_each_field_was_read_from():
    feature = propose(ARTICLE, "x.txt")["features"][0]
    facts = str(candidate_facts(feature))
    assert "Words read" in facts and "fatalities: &#x27;Погибли трое&#x27;" in facts


def test_what_is_said_about_the_incident_is_shown_beside_it():
    # A denial with no day of its own is the incident's context: the reviewer sees its words
    # (escaped) under "Said about it", and a later telling under "Told again".
    text = (
        "Two border guards were killed near Panj on 2 May.\n\n"
        "Trade went on at the crossing.\n\n"
        "The clash near Panj on 2 May worried officials. "
        "The Taliban denied any <b>attack</b> near Panj."
    )
    (feature,) = propose(text, "x.txt", "en", dt.date(2025, 5, 6))["features"]
    facts = str(candidate_facts(feature, text))
    assert "Said about it" in facts and "denial: &#x27;The Taliban denied" in facts
    assert "&lt;b&gt;attack&lt;/b&gt;" in facts and "<b>attack</b>" not in facts
    assert "Told again" in facts and "worried officials" in facts
