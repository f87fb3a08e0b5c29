"""Sources as a filter: each event's languages and outlets, counts, table and exports."""

from __future__ import annotations

import csv
import io
import json

import pytest

from geo.choices import language_counts, outlet_counts
from geo.dataset import Dataset, table_frame
from geo.export import to_acled_csv, to_geojson
from geo.filters import Filters, apply_filters
from geo.seeds import LANGUAGE_NAMES

RFERL = "RFE/RL, Radio Azadi (Afghan service)"
NOT_STATED = "outlet not stated"
ARABIC_REPEAT = "report-arabic-article-repeats-patrol-claim"
ATTACK = "attack-workers-chinese-tajik-company-2025-11-27"


def _row(data: Dataset, event_id: str):
    return data.frame.set_index("id").loc[event_id]


def test_columns_come_from_the_manifest(data):
    attack = _row(data, ATTACK)
    assert attack["source_langs"] == ("fa", "ar")
    assert attack["outlets"] == (RFERL, NOT_STATED)  # seed 003 names no outlet
    assert _row(data, ARABIC_REPEAT)["outlets"] == (NOT_STATED,)


@pytest.mark.parametrize(
    ("filters", "must_have", "must_not_have"),
    [
        (Filters(outlets=frozenset({RFERL})), ATTACK, ARABIC_REPEAT),
        (
            Filters(outlets=frozenset({NOT_STATED})),
            ARABIC_REPEAT,
            "meeting-tajik-delegation-kabul-2025-11-15",
        ),
        (
            Filters(source_langs=frozenset({"ar"})),
            ARABIC_REPEAT,
            "meeting-tajik-delegation-kabul-2025-11-15",
        ),
        (Filters(source_langs=frozenset({"fa"})), ATTACK, ARABIC_REPEAT),
        (Filters(source_langs=frozenset({"ru"})), None, ATTACK),  # no Russian seed: nothing
    ],
)
def test_filter_by_outlet_and_language(data, filters, must_have, must_not_have):
    shown = set(apply_filters(data.frame, filters)["id"])
    if must_have:
        assert must_have in shown
    assert must_not_have not in shown


def test_any_chosen_outlet_matches(data):
    both = Filters(outlets=frozenset({RFERL, NOT_STATED}))
    one = [Filters(outlets=frozenset({o})) for o in (RFERL, NOT_STATED)]
    union = set().union(*(set(apply_filters(data.frame, f)["id"]) for f in one))
    assert set(apply_filters(data.frame, both)["id"]) == union


def test_counts_add_up_per_event(data):
    outlets, langs = outlet_counts(data.frame), language_counts(data.frame)
    assert sum(outlets.values()) == sum(len(o) for o in data.frame["outlets"])
    assert outlets[RFERL] == sum(RFERL in o for o in data.frame["outlets"])
    assert list(outlets.values()) == sorted(outlets.values(), reverse=True)
    assert set(langs) == {"fa", "ar"} and set(langs) <= set(LANGUAGE_NAMES)
    filtered = apply_filters(data.frame, Filters(source_langs=frozenset({"ar"})))
    assert language_counts(filtered)["ar"] == len(filtered)


def test_table_shows_them_as_text(data):
    shown = table_frame(data.frame, ["id", "source_langs", "outlets"]).set_index("id")
    assert shown.loc[ATTACK, "source_langs"] == "fa, ar"
    assert shown.loc[ATTACK, "outlets"] == f"{RFERL}, {NOT_STATED}"


def test_exports_carry_them(data):
    feats = [data.features[ATTACK]]
    row = next(csv.DictReader(io.StringIO(to_acled_csv(feats, data.manifest))))
    assert row["source_languages"] == "fa; ar"
    assert row["source"] == f"{RFERL}; {NOT_STATED}"  # ACLED's `source`: the outlets
    props = json.loads(to_geojson(feats, data.manifest))["features"][0]["properties"]
    assert props["source_outlets"] == [RFERL, NOT_STATED]
    assert props["source_languages"] == ["fa", "ar"]
