"""Per-field provenance: the model, the checks against seeds, spellings, the shipped curation."""

from __future__ import annotations

import copy
import datetime as dt

import pydantic
import pytest

from geo.checks import check_feature
from geo.evidence import check_evidence, states_value
from geo.layers import load_layer
from geo.model import EventFeature, EventProperties
from geo.spellings import date_spellings, find_any, number_spellings
from tests.helpers.data import EVENT_LAYER_FILES, read_layer

ATTACK = "attack-workers-chinese-tajik-company-2025-11-27"


def _attack() -> dict:
    for path in EVENT_LAYER_FILES:
        for feat in read_layer(path)["features"]:
            if feat["properties"]["id"] == ATTACK:
                return copy.deepcopy(feat)
    raise AssertionError("the 27 November attack is not in the layers")


@pytest.mark.parametrize(
    ("words", "n", "found"),
    [
        ("پنج کارگر", 5, True),
        ("۵ کارگر", 5, True),
        ("٥ عمال", 5, True),
        ("مقتل خمسة", 5, True),
        ("погибли пять рабочих", 5, True),
        ("панҷ нафар", 5, True),
        ("five workers", 5, True),
        ("15 workers", 5, False),  # a digit inside another number is not the number
        ("پنجم", 5, False),  # "fifth" is not "five"
        ("دریای پنجشیر", 5, False),
        ("یک جنگجو", 1, True),
        ("ده نفر", 1, False),
    ],
)
def test_number_spellings(words, n, found):
    assert states_value(words, [[number_spellings(n)]]) is found


@pytest.mark.parametrize(
    ("words", "day", "precision", "found"),
    [
        ("حمله ۲۷ نوامبر", dt.date(2025, 11, 27), "day", True),
        ("در ۲ دسمبر", dt.date(2025, 12, 2), "day", True),
        ("در اول دسمبر", dt.date(2025, 12, 1), "day", True),
        ("27 ноября", dt.date(2025, 11, 27), "day", True),
        ("26 ноябри", dt.date(2025, 11, 26), "day", True),
        ("حمله ۲۷", dt.date(2025, 11, 27), "day", False),  # no month
        ("۲۸ نوامبر", dt.date(2025, 11, 27), "day", False),  # wrong day
        ("در اواخر ماه اکتبر", dt.date(2025, 10, 20), "month", True),
        ("في أوائل يوليو/ تموز الجاري", dt.date(2021, 7, 1), "month", True),
        ("في أوائل تموز", dt.date(2021, 7, 1), "month", True),
        ("در ماه اگست", dt.date(2025, 9, 1), "month", False),
        ("تا سال ۲۰۰۵", dt.date(2005, 1, 1), "year", True),
        ("تا سال ۲۰۰۶", dt.date(2005, 1, 1), "year", False),
        ("هفته گذشته", dt.date(2025, 11, 27), "week", True),
        ("پس از حمله", dt.date(2025, 11, 27), "week", False),
    ],
)
def test_date_spellings(words, day, precision, found):
    assert states_value(words, [date_spellings(day, precision)]) is found


@pytest.mark.parametrize(
    ("text", "phrase", "loose", "found"),
    [
        ("مدينتي دوشنبه وبختار", "بختار", True, True),  # Arabic "and" clitic
        ("مدينتي دوشنبه وبختار", "بختار", False, False),
        ("كانت طالبان", "طالبان", False, True),
        ("نیروهای مرزی تاجیکستان", "نیروهای مرزی تاجیکستان", False, True),
        ("نیروهای مرزی ازبکستان", "نیروهای مرزی تاجیکستان", True, False),
        ("ولايت بلخ", "بل", True, False),  # short names match whole only
    ],
)
def test_phrase_matching(text, phrase, loose, found):
    assert bool(find_any(text, [phrase], loose=loose)) is found


def _props(**changes) -> dict:
    props = _attack()["properties"]
    props.update(changes)
    return props


MODEL_ERRORS = [
    pytest.param(
        {"field": "fatalities", "source": 0, "start": 1, "end": 2, "words": "x", "inferred": "n"},
        "not both",
        id="cited-and-inferred",
    ),
    pytest.param({"field": "fatalities"}, "needs source", id="neither"),
    pytest.param({"field": "actor", "inferred": "n"}, "exactly when", id="actor-unnamed"),
    pytest.param(
        {"field": "place", "actor": "Taliban", "inferred": "n"}, "exactly when", id="actor-on-place"
    ),
    pytest.param(
        {"field": "fatalities", "source": 0, "start": 10, "end": 12, "words": "abc"},
        "3 characters",
        id="length-mismatch",
    ),
    pytest.param(
        {"field": "fatalities", "source": 9, "start": 0, "end": 1, "words": "x"},
        "cites source 9",
        id="no-such-source",
    ),
    pytest.param({"field": "weather", "inferred": "n"}, "field", id="unknown-field"),
]


@pytest.mark.parametrize(("evidence", "message"), MODEL_ERRORS)
def test_model_refuses_bad_evidence(evidence, message):
    with pytest.raises(pydantic.ValidationError, match=message):
        EventProperties.model_validate(_props(evidence=[evidence]))


def test_model_accepts_an_inferred_note():
    props = EventProperties.model_validate(
        _props(evidence=[{"field": "place", "inferred": "the border, as the source says"}])
    )
    assert not props.evidence[0].is_cited


def _check(ctx, **changes) -> list[tuple[str, str]]:
    feat = _attack()
    feat["properties"].update(changes)
    return list(check_evidence(EventFeature.model_validate(feat).properties, ctx))


def _fatalities(start: int, words: str) -> dict:
    return {
        "field": "fatalities",
        "source": 0,
        "start": start,
        "end": start + len(words),
        "words": words,
    }


CHECK_CASES = [
    pytest.param({}, [], id="as-curated"),
    pytest.param(
        {"evidence": [{"field": "place", "inferred": "near \u202ethe border"}]},
        ["hidden control characters U+202E"],
        id="bidi-in-a-note",
    ),
    pytest.param(
        {"evidence": [{"field": "actor", "actor": "Taliban", "inferred": "n"}]},
        ["not in `actors`"],
        id="actor-not-listed",
    ),
    pytest.param(
        {"fatalities": 6},
        ["does not state the fatalities", "does not state the fatalities"],  # Dari and Arabic
        id="wrong-count",
    ),
    pytest.param({"injured": None}, ["no value for it", "no value for it"], id="null-field-cited"),
    pytest.param(
        {"evidence": [_fatalities(637, "پنج کارگر یک شرکت مشترک چینی–تاجیکی کشتن")]},
        ["is not the cited words"],
        id="words-not-at-offsets",
    ),
    pytest.param(
        {"evidence": [_fatalities(99_990, "پنج کارگر یک شرکت")]},
        ["runs past the end"],
        id="span-past-end",
    ),
    pytest.param(
        {"evidence": [_fatalities(680, "پنج نفر دیگر زخمی")]},
        [],
        id="same-number-other-words-pass",  # the spelling check cannot tell killed from hurt
    ),
    pytest.param(
        {"evidence": [{**_fatalities(613, "حمله ۲۷ نوامبر")}]},
        ["does not state the fatalities"],
        id="date-words-for-a-count",
    ),
]


@pytest.mark.parametrize(("changes", "messages"), CHECK_CASES)
def test_check_evidence(ctx, changes, messages):
    found = _check(ctx, **changes)
    assert len(found) == len(messages), found
    for (_where, text), expected in zip(found, messages, strict=True):
        assert expected in text


def test_check_feature_reports_evidence_problems_with_their_field(ctx):
    feat = _attack()
    feat["properties"]["fatalities"] = 4
    problems = check_feature("incidents.geojson", EventFeature.model_validate(feat), ctx)
    fields = {p.field for p in problems}
    assert fields == {"evidence[4].words", "evidence[5].words"}
    assert all(p.feature == ATTACK for p in problems)


def _facts(props: EventProperties) -> set[tuple[str, str | None]]:
    """Every fact a feature states, as (field, actor)."""
    facts: set[tuple[str, str | None]] = {("place", None)}
    facts |= {("actor", a) for a in props.actors}
    facts |= {("date", None)} if props.date_start else set()
    facts |= {(f, None) for f in ("fatalities", "injured") if getattr(props, f) is not None}
    facts |= {("valid_from", None)} if props.valid_from else set()
    facts |= {("valid_to", None)} if props.valid_to else set()
    return facts


def test_every_stated_fact_is_backed_or_inferred(ctx):
    """Every event layer loads without a problem, and each of its events backs every fact it
    states; one test over all layers, naming each failing layer or event."""
    failures = []
    for path in EVENT_LAYER_FILES:
        layer = load_layer(path, ctx)
        failures += [f"{path.name}: {p.feature}: {p.message}" for p in layer.problems[:20]]
        for feat in layer.features:
            p = feat.properties
            if p.dataset is not None:
                continue  # an imported event: its dataset row backs it (checked on load)
            backed = {
                ("date" if str(e.field).startswith("date") else str(e.field), e.actor)
                for e in p.evidence
            }
            if not _facts(p) <= backed:
                failures.append(f"{path.name}: {p.id}: not backed {_facts(p) - backed}")
    assert not failures, "\n".join(failures)


def test_five_killed_is_backed_by_the_dari_words(ctx):
    feat = EventFeature.model_validate(_attack())
    cited = [e for e in feat.properties.evidence if str(e.field) == "fatalities"]
    dari = [e for e in cited if feat.properties.sources[e.source or 0].lang == "fa"]
    assert dari and dari[0].words is not None and dari[0].words.startswith("پنج")
    assert ctx.seeds[feat.properties.sources[0].doc][dari[0].start : dari[0].end] == dari[0].words
