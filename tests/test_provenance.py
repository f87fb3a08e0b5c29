"""Provenance: every excerpt is the seed's text at its offsets and supports the feature."""

from __future__ import annotations

import re

import pytest

from geo.seeds import read_manifest, read_seed
from geo.text import normalize_for_match
from geo.vocab import load_actors, load_gazetteer
from tests.helpers.data import EVENT_LAYER_FILES, read_layer

FEATURES = [(p.stem, f) for p in EVENT_LAYER_FILES for f in read_layer(p)["features"]]
IDS = [f["properties"]["id"] for _, f in FEATURES]


@pytest.mark.parametrize(("layer", "feature"), FEATURES, ids=IDS)
def test_excerpts_are_at_their_offsets(layer, feature):
    for src in feature["properties"]["sources"]:
        text = read_seed(src["doc"])
        assert text[src["start"] : src["end"]] == src["excerpt"]
        assert src["translation"].strip()


@pytest.mark.parametrize(("layer", "feature"), FEATURES, ids=IDS)
def test_date_text_is_quoted_from_an_excerpt(layer, feature):
    props = feature["properties"]
    if not props["date_text"]:
        assert props["date_precision"] == "unknown"
        return
    excerpts = " ".join(normalize_for_match(s["excerpt"]) for s in props["sources"])
    assert normalize_for_match(props["date_text"]) in excerpts


@pytest.mark.parametrize(("layer", "feature"), FEATURES, ids=IDS)
def test_claimed_numbers_appear_in_their_excerpt(layer, feature):
    props = feature["properties"]
    for claim in props["claims"]:
        excerpt = normalize_for_match(props["sources"][claim["source"]]["excerpt"])
        assert str(int(claim["value"])) in re.sub(r"[,٬]", "", excerpt)


@pytest.mark.parametrize(("layer", "feature"), FEATURES, ids=IDS)
def test_dated_day_events_name_their_day(layer, feature):
    """A day-precise date must have its day number in the quoted date phrase."""
    props = feature["properties"]
    if props["date_precision"] != "day":
        return
    day = str(int(props["date_start"][8:]))
    assert re.search(rf"(?<!\d){day}(?!\d)", normalize_for_match(props["date_text"])) or (
        day == "1" and "اول" in props["date_text"]
    )


def test_every_seed_is_cited():
    cited = {s["doc"] for _, f in FEATURES for s in f["properties"]["sources"]}
    assert cited == set(read_manifest())


def test_border_length_disagreement_is_kept():
    lengths = {
        c["value"]
        for _, f in FEATURES
        for c in f["properties"]["claims"]
        if c["name"] == "border-length-km"
    }
    assert lengths == {1357, 1344}


def test_retracted_report_links_to_denial_and_retraction():
    by_id = {f["properties"]["id"]: f["properties"] for _, f in FEATURES}
    report = by_id["report-reuters-russian-joint-patrols-2025-12-02"]
    assert report["status"] == "retracted"
    relations = {r["relation"]: r["id"] for r in report["related"]}
    assert by_id[relations["retracted_by"]]["date_start"] == "2025-12-03"
    assert by_id[relations["denied_by"]]["event_type"] == "Statement"
    assert by_id[relations["repeated_by"]]["sources"][0]["lang"] == "ar"


@pytest.mark.parametrize(("layer", "feature"), FEATURES, ids=IDS)
def test_every_actor_is_named_in_an_excerpt_or_explained(layer, feature):
    """An actor must be named (by any alias, any language) in the quoted words, or the
    feature's actor_note must say why it is listed."""
    props = feature["properties"]
    quoted = " ".join(normalize_for_match(s["excerpt"]) for s in props["sources"])
    for name in props["actors"]:
        aliases = [name, *(a for group in load_actors()[name].aliases.values() for a in group)]
        named = any(normalize_for_match(alias) in quoted for alias in aliases)
        assert named or props.get("actor_note"), f"{name} is neither quoted nor explained"


@pytest.mark.parametrize(("layer", "feature"), FEATURES, ids=IDS)
def test_exact_places_are_named_in_an_excerpt(layer, feature):
    """Precision 1 claims the source names the place: one of its names must be quoted."""
    props = feature["properties"]
    if props["geo_precision"] != 1:
        assert props["location_note"], "a vague place must say how its point was chosen"
        return
    quoted = " ".join(normalize_for_match(s["excerpt"]) for s in props["sources"])
    place = load_gazetteer()[props["place_id"]]
    names = [*place.names.values(), place.names["en"].split(" (")[0]]
    assert any(normalize_for_match(name) in quoted for name in names)
