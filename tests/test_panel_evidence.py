"""The source panel shows which words back each fact: links, marked spans, notes."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from geo.dataset import Dataset
from geo.model import EventFeature
from geo.view.evidence import fact_evidence, marked_text
from geo.view.panel import build_panel

ATTACK = "attack-workers-chinese-tajik-company-2025-11-27"
POST = "site-russian-funded-border-post-2023"


def _soup(data: Dataset, event_id: str) -> BeautifulSoup:
    panel = build_panel(event_id, data)
    parts = [panel.facts, *(p.original + p.document for p in panel.sources)]
    return BeautifulSoup("".join(parts), "html.parser")


def _row(soup: BeautifulSoup, label: str):
    return next(tr for tr in soup.select("table.atlas-facts tr") if tr.td.get_text() == label)


def test_five_killed_links_to_its_words_in_the_dari_excerpt(data):
    soup = _soup(data, ATTACK)
    links = _row(soup, "Fatalities").select("a.atlas-ev-link")
    assert [a["data-source"] for a in links] == ["0", "1"]
    dari = links[0]
    target = soup.find(id=dari["href"][1:])
    assert target is not None and target.find_parent("blockquote")["lang"] == "fa"
    key = next(c for c in dari["class"] if c.startswith("ev-"))
    marked = soup.select_one(f"blockquote.atlas-excerpt mark.{key}")
    assert marked.get_text() == "پنج کارگر یک شرکت مشترک چینی–تاجیکی کشته"
    # The target anchor sits right before the marked words, as a sibling (for `~`).
    assert target.find_next_sibling("mark") is marked


def test_data_offsets_are_relative_to_the_excerpt(data):
    feat = data.features[ATTACK]
    soup = _soup(data, ATTACK)
    for link in soup.select("a.atlas-ev-link"):
        src = feat.properties.sources[int(link["data-source"])]
        assert link["data-scope"] == "excerpt"
        words = src.excerpt[int(link["data-start"]) : int(link["data-end"])]
        assert words == link["title"]


def test_each_cited_span_has_a_highlight_rule(data):
    panel = build_panel(ATTACK, data)
    soup = _soup(data, ATTACK)
    for link in soup.select("a.atlas-ev-link"):
        assert f"#{link['href'][1:]}:target~." in panel.facts
        assert f"a.atlas-ev-link.{link['class'][1]}:hover" in panel.facts


def test_inferred_and_unstated_facts_say_so(data):
    soup = _soup(data, ATTACK)
    assert "inferred, as the note says" in _row(soup, "Where").get_text()
    soup = _soup(data, "call-tajik-taliban-foreign-ministries-2025-11")
    assert (
        "inferred: The source says 'مقامهای وزارت خارجهٔ دو کشور'" in _row(soup, "Actors").get_text()
    )


def test_a_fact_with_no_evidence_is_not_stated(data):
    feat = data.features[ATTACK]
    bare = feat.properties.model_copy(update={"evidence": []})
    soup = BeautifulSoup(fact_evidence(bare, "fatalities"), "html.parser")
    assert soup.get_text().strip() == "— not stated in the sources"


def test_the_whole_article_keeps_the_excerpt_mark_and_the_spans(data):
    feat = data.features[ATTACK]
    soup = _soup(data, ATTACK)
    doc = soup.select_one("div.atlas-seed")
    assert doc.get_text() == data.seeds[feat.properties.sources[0].doc]
    assert doc.select_one("mark#excerpt").get_text() == feat.properties.sources[0].excerpt
    assert doc.select("mark.atlas-ev")


def test_site_period_in_words(data):
    soup = _soup(data, POST)
    row = _row(soup, "Exists")
    assert row.find_all("td")[1].get_text().startswith("since late 2023 (no end stated)")
    assert row.select_one("a.atlas-ev-link")["title"] == "در اواخر سال ۲۰۲۳"


@pytest.mark.parametrize(
    ("text", "marks", "expected"),
    [
        ("abcdef", [], "abcdef"),
        ("abcdef", [(1, 3, "ev-a-0")], "a|bc|def"),
        ("abcdef", [(1, 4, "ev-a-0"), (2, 6, "ev-a-1")], "a|b|cd|ef"),  # overlapping spans
        ("abcdef", [(0, 10, "ev-a-0")], "abcdef"),  # clipped to the text
    ],
)
def test_marked_text_splits_at_every_boundary(text, marks, expected):
    soup = BeautifulSoup(marked_text(text, 0, marks, "x"), "html.parser")
    pieces = []
    for node in soup.children:
        if getattr(node, "name", None) == "span":
            continue
        pieces.append(node.get_text() if getattr(node, "name", None) else str(node))
    assert soup.get_text() == text
    assert "|".join(pieces) == expected
    anchors = [s["id"] for s in soup.select("span.atlas-ev-anchor")]
    assert anchors == [f"{key}-x" for start, _end, key in marks if 0 <= start < len(text)]


HOSTILE = "<img src=x onerror=alert(1)>"


def test_notes_and_words_are_escaped(data):
    feat = data.features[ATTACK]
    raw = feat.model_dump(mode="json")
    raw["properties"]["evidence"].append({"field": "place", "inferred": HOSTILE})
    hostile = EventFeature.model_validate(raw)
    soup = BeautifulSoup(fact_evidence(hostile.properties, "place"), "html.parser")
    assert soup.find("img") is None
    assert HOSTILE in soup.get_text()


def test_marked_seed_text_stays_text():
    text = "before <img src=x onerror=alert(1)> after `${x}`"
    soup = BeautifulSoup(marked_text(text, 100, [(105, 130, "ev-a-0")], "d"), "html.parser")
    assert soup.find("img") is None
    assert soup.get_text() == text
    assert soup.select_one("mark.ev-a-0").get_text() == text[5:30]


def test_related_links_are_titled_from_the_loaded_events_and_say_which_are_missing(data):
    """A related event is titled as the frame titles it; one not loaded says so (and its
    button is off); the titles come without decoding the targets' features."""
    from geo.kinds import Relation
    from geo.provenance import Related
    from geo.view.panel import related_links

    feat = data.features[ATTACK]
    other = next(i for i in data.frame["id"] if i != ATTACK)
    title = str(data.frame.loc[data.frame["id"] == other, "title"].iloc[0])
    relation = next(iter(Relation))
    related = [
        Related(id=other, relation=relation),
        Related(id="no-such-event-anywhere", relation=relation),
    ]
    props = feat.properties.model_copy(update={"related": related})
    linked = feat.model_copy(update={"properties": props})
    links = related_links(linked, data)
    assert [(link.target_id, link.loaded) for link in links[:2]] == [
        (other, True),
        ("no-such-event-anywhere", False),
    ]
    assert title in links[0].label
    assert "no-such-event-anywhere (not loaded)" in links[1].label
