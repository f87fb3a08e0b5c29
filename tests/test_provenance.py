"""Provenance: every excerpt is the seed's text at its offsets and supports the feature.

Each rule is one test over every curated event in layers/ (`check_every_event` names every
event that breaks it), so the suite does not grow with the data. Imported events cite a
dataset's row, not a seed: the validator checks them against that row.
"""

from __future__ import annotations

import copy
import re

import pytest

from geo.seeds import read_manifest, read_seed
from geo.text import normalize_for_match
from geo.vocab import load_actors, load_gazetteer
from tests.helpers.data import check_every_event


def _excerpts_are_at_their_offsets(layer: str, feature: dict) -> None:
    for src in feature["properties"]["sources"]:
        text = read_seed(src["doc"])
        assert text[src["start"] : src["end"]] == src["excerpt"]
        assert src["translation"].strip()


def test_excerpts_are_at_their_offsets(curated_events):
    check_every_event(curated_events, _excerpts_are_at_their_offsets)


def _date_text_is_quoted(layer: str, feature: dict) -> None:
    props = feature["properties"]
    if not props["date_text"]:
        assert props["date_precision"] == "unknown"
        return
    excerpts = " ".join(normalize_for_match(s["excerpt"]) for s in props["sources"])
    assert normalize_for_match(props["date_text"]) in excerpts


def test_date_text_is_quoted_from_an_excerpt(curated_events):
    check_every_event(curated_events, _date_text_is_quoted)


def _claimed_numbers_are_quoted(layer: str, feature: dict) -> None:
    props = feature["properties"]
    for claim in props["claims"]:
        excerpt = normalize_for_match(props["sources"][claim["source"]]["excerpt"])
        assert str(int(claim["value"])) in re.sub(r"[,٬]", "", excerpt)


def test_claimed_numbers_appear_in_their_excerpt(curated_events):
    check_every_event(curated_events, _claimed_numbers_are_quoted)


def _day_is_named(layer: str, feature: dict) -> None:
    props = feature["properties"]
    if props["date_precision"] != "day":
        return
    day = str(int(props["date_start"][8:]))
    assert re.search(rf"(?<!\d){day}(?!\d)", normalize_for_match(props["date_text"])) or (
        day == "1" and "اول" in props["date_text"]
    )


def test_dated_day_events_name_their_day(curated_events):
    """A day-precise date must have its day number in the quoted date phrase."""
    check_every_event(curated_events, _day_is_named)


def test_every_seed_is_cited(curated_events):
    cited = {s["doc"] for _, f in curated_events for s in f["properties"]["sources"]}
    assert cited == set(read_manifest())


def test_border_length_disagreement_is_kept(curated_events):
    lengths = {
        c["value"]
        for _, f in curated_events
        for c in f["properties"]["claims"]
        if c["name"] == "border-length-km"
    }
    assert lengths == {1357, 1344}


def test_retracted_report_links_to_denial_and_retraction(curated_events):
    by_id = {f["properties"]["id"]: f["properties"] for _, f in curated_events}
    report = by_id["report-reuters-russian-joint-patrols-2025-12-02"]
    assert report["status"] == "retracted"
    relations = {r["relation"]: r["id"] for r in report["related"]}
    assert by_id[relations["retracted_by"]]["date_start"] == "2025-12-03"
    assert by_id[relations["denied_by"]]["event_type"] == "Statement"
    assert by_id[relations["repeated_by"]]["sources"][0]["lang"] == "ar"


def _actors_are_quoted_or_explained(layer: str, feature: dict) -> None:
    props = feature["properties"]
    quoted = " ".join(normalize_for_match(s["excerpt"]) for s in props["sources"])
    for name in props["actors"]:
        aliases = [name, *(a for group in load_actors()[name].aliases.values() for a in group)]
        named = any(normalize_for_match(alias) in quoted for alias in aliases)
        assert named or props.get("actor_note"), f"{name} is neither quoted nor explained"


def test_every_actor_is_named_in_an_excerpt_or_explained(curated_events):
    """An actor must be named (by any alias, any language) in the quoted words, or the
    feature's actor_note must say why it is listed."""
    check_every_event(curated_events, _actors_are_quoted_or_explained)


def _exact_place_is_quoted(layer: str, feature: dict) -> None:
    props = feature["properties"]
    if props["geo_precision"] != 1:
        assert props["location_note"], "a vague place must say how its point was chosen"
        return
    quoted = " ".join(normalize_for_match(s["excerpt"]) for s in props["sources"])
    place = load_gazetteer()[props["place_id"]]
    names = [*place.names.values(), place.names["en"].split(" (")[0]]
    assert any(normalize_for_match(name) in quoted for name in names)


def test_exact_places_are_named_in_an_excerpt(curated_events):
    """Precision 1 claims the source names the place: one of its names must be quoted."""
    check_every_event(curated_events, _exact_place_is_quoted)


def test_a_broken_rule_names_every_event_that_breaks_it(curated_events):
    events = copy.deepcopy(curated_events[:3])
    for _, feature in events[:2]:
        feature["properties"]["sources"][0]["excerpt"] += " (edited)"
    with pytest.raises(AssertionError) as failed:
        check_every_event(events, _excerpts_are_at_their_offsets)
    message = str(failed.value)
    assert message.startswith("2 of 3 break the rule")
    assert all(f["properties"]["id"] in message for _, f in events[:2])
    assert events[2][1]["properties"]["id"] not in message
