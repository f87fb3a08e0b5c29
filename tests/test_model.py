"""The event model: tables of valid and invalid properties and features."""

from __future__ import annotations

import copy

import pydantic
import pytest

from geo.model import EventFeature, EventProperties


def _with(props: dict, **changes) -> dict:
    out = copy.deepcopy(props)
    for key, value in changes.items():
        if value is _DROP:
            out.pop(key, None)
        else:
            out[key] = value
    return out


_DROP = object()

VALID_CHANGES = [
    pytest.param({}, id="as-curated"),
    pytest.param(
        {"date_start": None, "date_end": None, "date_precision": "unknown", "date_text": None},
        id="undated",
    ),
    pytest.param(
        {"date_start": "2025-10-20", "date_end": "2025-10-31", "date_precision": "month"},
        id="late-october-month",
    ),
    pytest.param(
        {"date_start": "2021-01-01", "date_end": "2021-12-31", "date_precision": "year"},
        id="whole-year",
    ),
    pytest.param(
        {"date_start": "2025-11-27", "date_end": "2025-12-03", "date_precision": "week"},
        id="seven-days-week",
    ),
    pytest.param({"fatalities": None, "injured": None}, id="numbers-not-reported"),
    pytest.param({"fatalities": 0}, id="zero-fatalities"),
    pytest.param({"country": None}, id="side-unknown-at-precision-3"),
    pytest.param({"status": "retracted"}, id="retracted"),
]

INVALID_CHANGES = [
    pytest.param({"id": "Not A Slug"}, "id", id="id-not-slug"),
    pytest.param({"event_type": "Riot"}, "event_type", id="unknown-event-type"),
    pytest.param({"date_start": "2025-11-28", "date_end": "2025-11-27"}, "before", id="end<start"),
    pytest.param({"date_end": "2025-11-29"}, "too wide", id="day-spanning-3-days"),
    pytest.param(
        {"date_start": "2025-10-01", "date_end": "2025-11-15", "date_precision": "month"},
        "too wide",
        id="month-spanning-46-days",
    ),
    pytest.param({"date_precision": "unknown"}, "null date", id="unknown-with-dates"),
    pytest.param({"date_start": None}, "needs date_start", id="day-without-start"),
    pytest.param({"date_text": None}, "date_text", id="dated-without-date-text"),
    pytest.param({"date_start": "27/11/2025"}, "date_start", id="non-iso-date"),
    pytest.param({"fatalities": -1}, "fatalities", id="negative-fatalities"),
    pytest.param({"fatalities": "five"}, "fatalities", id="fatalities-as-text"),
    pytest.param({"geo_precision": 4}, "geo_precision", id="precision-4"),
    pytest.param({"geo_precision": True}, "geo_precision", id="precision-as-boolean"),
    pytest.param({"geo_precision": 2.0}, "geo_precision", id="precision-as-float"),
    pytest.param({"sources": [], "dataset": None}, "dataset row", id="no-provenance-at-all"),
    pytest.param({"location_note": None}, "location_note", id="vague-place-unexplained"),
    pytest.param({"country": None, "geo_precision": 1}, "country", id="null-country-precise"),
    pytest.param({"country": "TJ"}, "country", id="iso2-country"),
    pytest.param({"status": "rumoured"}, "status", id="unknown-status"),
    pytest.param({"sources": []}, "sources", id="no-sources"),
    pytest.param({"actors": ["Taliban", "Taliban"]}, "twice", id="duplicate-actor"),
    pytest.param({"related": [{"id": "x", "relation": "likes"}]}, "relation", id="bad-relation"),
    pytest.param({"title": ""}, "title", id="empty-title"),
    pytest.param({"uncertainty": None}, "uncertainty area", id="vague-place-without-area"),
    pytest.param({"uncertainty": {"shape": "circle"}}, "needs radius_km", id="circle-no-radius"),
    pytest.param(
        {"uncertainty": {"shape": "country", "iso_a3": "AFG", "radius_km": 5}},
        "takes no radius_km",
        id="country-with-radius",
    ),
    pytest.param(
        {"uncertainty": {"shape": "border-side", "radius_km": 30}},
        "needs iso_a3",
        id="side-without-country",
    ),
    pytest.param({"uncertainty": {"shape": "blob", "radius_km": 3}}, "shape", id="unknown-shape"),
    pytest.param({"summary": _DROP}, "summary", id="missing-summary"),
    pytest.param({"colour": "red"}, "colour", id="unknown-property"),
    pytest.param(
        {"claims": [{"name": "border-length-km", "value": 1, "unit": "km", "source": 9}]},
        "claim",
        id="claim-cites-missing-source",
    ),
]


@pytest.mark.parametrize("changes", VALID_CHANGES)
def test_valid_properties(valid_props, changes):
    props = EventProperties.model_validate(_with(valid_props, **changes))
    assert props.id == valid_props["id"]


@pytest.mark.parametrize(("changes", "expected"), INVALID_CHANGES)
def test_invalid_properties(valid_props, changes, expected):
    with pytest.raises(pydantic.ValidationError) as err:
        EventProperties.model_validate(_with(valid_props, **changes))
    assert expected in str(err.value)


def test_source_offsets_must_span_the_excerpt(valid_props):
    props = copy.deepcopy(valid_props)
    props["sources"][0]["end"] += 1
    with pytest.raises(pydantic.ValidationError, match="end - start"):
        EventProperties.model_validate(props)


def _feature(props: dict, coords) -> dict:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": coords},
        "properties": props,
    }


@pytest.mark.parametrize(
    ("coords", "expected"),
    [
        ([200.0, 38.0], "longitude"),
        ([68.0, 95.0], "latitude"),
        (["68", 38.0], "coordinates"),
        ([68.0], "coordinates"),
    ],
)
def test_invalid_geometry(valid_props, coords, expected):
    with pytest.raises(pydantic.ValidationError) as err:
        EventFeature.model_validate(_feature(valid_props, coords))
    assert expected in str(err.value)


def test_null_geometry_is_rejected(valid_props):
    raw = _feature(valid_props, [68.0, 38.0])
    raw["geometry"] = None
    with pytest.raises(pydantic.ValidationError):
        EventFeature.model_validate(raw)


def test_valid_feature_round_trips(valid_props):
    raw = _feature(valid_props, [68.77905, 38.53575])
    feat = EventFeature.model_validate(raw)
    assert feat.geometry.coordinates[0] == 68.77905
    again = EventFeature.model_validate(feat.model_dump(mode="json", exclude_none=False))
    assert again == feat
