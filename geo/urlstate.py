"""Cleaning the URL's query string before any widget reads it.

Every filter lives in the URL, so a link is untrusted input. Streamlit restores a
bound widget from the raw value itself, and some raw values crash it (a number input
does `int(float(v))`: `?near_km=inf` is an OverflowError). `sanitise` checks every
key against a spec of what it may hold and returns the clean parameters plus one
short note per thing ignored: a bad value gives that key's default, never an error.
"""

from __future__ import annotations

import datetime as dt
import math
import weakref
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass

from geo.choices import all_actors, date_bounds, date_extent, language_counts, outlet_counts
from geo.dataset import Dataset, has_event
from geo.memo import per_object
from geo.model import Status
from geo.seeds import LANGUAGE_NAMES
from geo.view.modes import MapMode, Measure
from geo.vocab import load_places

# Streamlit's own query parameters: left as they are.
RESERVED = frozenset({"embed", "embed_options"})
MAX_TEXT = 200  # a search longer than this is not typed by a person
MAX_KM = 20_000  # half the Earth's circumference: any distance filter fits under it
MAX_NOTES = 5
_SHOWN = 30  # characters of an ignored value quoted in a note


@dataclass(frozen=True)
class Text:
    """One string of at most `max_len` characters."""

    max_len: int = MAX_TEXT


@dataclass(frozen=True)
class Flag:
    """'true' or 'false' in any case, as Streamlit reads a checkbox."""


@dataclass(frozen=True)
class Number:
    """One finite number in [low, high]."""

    low: float
    high: float


@dataclass(frozen=True)
class Choice:
    """Values from a fixed set; `many` allows several (a multiselect), else exactly one."""

    options: Container[str]
    many: bool = True
    noun: str = "value"


@dataclass(frozen=True)
class DateRange:
    """Two ISO dates in order (or one: that day), inside [low, high]."""

    low: dt.date
    high: dt.date


Rule = Text | Flag | Number | Choice | DateRange


def _quote(value: str) -> str:
    return repr(value if len(value) <= _SHOWN else value[: _SHOWN - 1] + "…")


def _one(values: list[str]) -> str | None:
    return values[0] if len(values) == 1 else None


def _number_ok(value: str, rule: Number) -> bool:
    try:
        number = float(value)
    except ValueError:
        return False
    return math.isfinite(number) and rule.low <= number <= rule.high


def _date(value: str) -> dt.date | None:
    if len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _dates_ok(values: list[str], rule: DateRange) -> bool:
    dates = [_date(v) for v in values]
    if len(dates) == 1:  # one day: Streamlit writes a one-day range as a single date
        dates = dates * 2
    if len(dates) != 2 or dates[0] is None or dates[1] is None:
        return False
    return rule.low <= dates[0] <= dates[1] <= rule.high


def _single(values: list[str], rule: Rule) -> tuple[bool, str]:
    """Whether values fit a one-value rule, and the reason when they do not."""
    value = _one(values)
    if isinstance(rule, DateRange):
        return _dates_ok(values, rule), f"not two dates from {rule.low} to {rule.high}"
    if value is None:
        return False, "given more than once"
    if isinstance(rule, Text):
        return len(value) <= rule.max_len, f"longer than {rule.max_len} characters"
    if isinstance(rule, Flag):
        return value.lower() in ("true", "false"), "not true or false"
    if isinstance(rule, Number):
        return _number_ok(value, rule), f"not a number from {rule.low:g} to {rule.high:g}"
    assert isinstance(rule, Choice)
    return value in rule.options, f"not a known {rule.noun}"


def _check(key: str, values: list[str], rule: Rule) -> tuple[list[str], list[str]]:
    """(values kept, notes) for one key."""
    if isinstance(rule, Choice) and rule.many:
        kept = [v for v in dict.fromkeys(values) if v in rule.options]
        bad = [v for v in dict.fromkeys(values) if v not in rule.options]
        return kept, [f"{key}={_quote(v)} (not a known {rule.noun})" for v in bad]
    ok, reason = _single(values, rule)
    if ok:
        return values, []
    shown = _quote(values[0]) if len(values) == 1 else f"{len(values)} values"
    return [], [f"{key}={shown} ({reason})"]


def sanitise(
    raw: Mapping[str, list[str]], spec: Mapping[str, Rule]
) -> tuple[dict[str, list[str]], list[str]]:
    """Check each query parameter against its rule: (clean parameters, notes of what was
    ignored). A key that fails its rule is left out, so its widget shows its default;
    unknown keys are left out too. Never raises."""
    clean: dict[str, list[str]] = {}
    notes: list[str] = []
    for key, values in raw.items():
        if key in RESERVED:
            clean[key] = list(values)
            continue
        rule = spec.get(key)
        if rule is None:
            notes.append(f"{_quote(key)} (not a setting of this page)")
            continue
        kept, found = _check(key, [str(v) for v in values], rule)
        notes += found
        if kept:
            clean[key] = kept
    return clean, notes


def summary(notes: Iterable[str], limit: int = MAX_NOTES) -> str:
    """One short line for the page: the first few notes and how many more there were."""
    notes = list(notes)
    if not notes:
        return ""
    text = "Ignored from the link: " + "; ".join(notes[:limit])
    if len(notes) > limit:
        text += f"; and {len(notes) - limit:,} more"
    return text + ". Those filters show their defaults."


class _EventIds(Container[str]):
    """The loaded events' ids, asked one at a time (a set of a million ids would be a
    million Python strings, made again for every load). Holds the data weakly: the rules
    are cached per Dataset and must not keep it alive."""

    def __init__(self, data: Dataset):
        self._data = weakref.ref(data)

    def __contains__(self, value: object) -> bool:
        data = self._data()
        return isinstance(value, str) and data is not None and has_event(data, value)


@per_object
def atlas_spec(data: Dataset) -> dict[str, Rule]:
    """What each of the page's URL keys may hold, given the loaded data.

    The widgets are bounded the same way (max_chars, max_value), so nothing a user
    sets through them is ever dropped from the URL on the next rerun.
    """
    frame = data.frame
    spec: dict[str, Rule] = {
        "q": Text(),
        "area": Text(),  # a province or district (ui/overview.py); an unknown one shows all
        "area_wide": Flag(),  # also the events only in wide areas overlapping it
        "place": Choice(frozenset(load_places()), many=False, noun="place"),
        "place_km": Number(0, 500),
        "place_areas": Flag(),
        "play_unit": Choice(frozenset(("day", "week", "month")), many=False, noun="step"),
        "play_width": Number(1, 24),
        "play": Flag(),  # playing: a link opened plays on from its dates (ui/playback.py)
        "map_mode": Choice(frozenset(m.value for m in MapMode), many=False, noun="map mode"),
        "map_measure": Choice(frozenset(m.value for m in Measure), many=False, noun="measure"),
        "undated": Flag(),
        "near_km": Number(0, MAX_KM),
        "actors": Choice(frozenset(all_actors(frame)), noun="actor"),
        "types": Choice(frozenset(frame["event_type"].unique()), noun="event type"),
        "status": Choice(frozenset(str(s) for s in Status), noun="status"),
        "layers": Choice(frozenset(layer.name for layer in data.layers), noun="layer"),
        "event": Choice(_EventIds(data), many=False, noun="event id"),
        "langs": Choice(
            frozenset(LANGUAGE_NAMES.get(c, c) for c in language_counts(frame)),
            noun="source language",
        ),
        "outlets": Choice(frozenset(outlet_counts(frame)), noun="outlet"),
        "story": Choice(frozenset(data.stories), many=False, noun="story"),
        "step": Number(1, 100),
    }
    extent = date_extent(frame)
    if extent:
        spec["dates"] = DateRange(*date_bounds(extent))
    return spec
