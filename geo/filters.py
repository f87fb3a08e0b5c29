"""Filtering events: vectorised over the columnar frame so 100,000 rows stay interactive."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import threading
import weakref
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.heap import give_back
from geo.memo import per_object
from geo.search_index import PartedIndex, WordIndex, build_index, rows_containing
from geo.text import fold_for_search
from geo.tuples import rows_by_value
from geo.vocab import load_actors, load_gazetteer


@dataclass(frozen=True, kw_only=True)
class Filters:
    """What the user asked to see. Empty selections mean 'all'."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    include_undated: bool = True
    actors: frozenset[str] = frozenset()
    event_types: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    layers: frozenset[str] = frozenset()
    max_border_km: float | None = None
    text: str = ""
    source_langs: frozenset[str] = frozenset()  # language codes, e.g. "fa", "ar"
    outlets: frozenset[str] = frozenset()  # outlet names from seeds/sources.json


def _in(column: pd.Series, chosen: frozenset[str]) -> np.ndarray:
    if not chosen:
        return np.ones(len(column), dtype=bool)
    return column.isin(chosen).to_numpy()


_TUPLE_COLUMNS = ("actors", "source_langs", "outlets")


@per_object
def _rows_by_value(frame: pd.DataFrame) -> dict[str, dict[str, np.ndarray]]:
    """For each tuple column, the row numbers holding each value: built once per frame,
    so choosing an actor among 100,000 events is an index lookup, not a Python loop."""
    return {column: rows_by_value(frame[column]) for column in _TUPLE_COLUMNS}


# Above this many events the word index is built in a background thread after the load:
# the page opens at once, searches scan the text (same rows) until the index is ready.
# The first map needs no index: at 100,000 events it is 0.6-0.8 s of CPU (Arrow's kernels,
# mostly outside the GIL) the first page no longer waits for.
BACKGROUND_INDEX_ABOVE = 50_000


def _new_slot(frame: pd.DataFrame) -> dict[str, WordIndex | PartedIndex]:
    """Where a frame's word index is put once built (empty until then)."""
    return {}


# Frames die with their entry (weakly held): a limit well past the few frames alive at once
# keeps the loaded frame's index from being pushed out by the small frames a view filters
# (a big frame's index, once lost, would never be built again: every search a scan).
_index_slot = per_object(_new_slot, limit=256)


def install_indexes(
    frame: pd.DataFrame, by_value: dict[str, dict[str, np.ndarray]], words: PartedIndex
) -> None:
    """Give a newly loaded frame its indexes, joined from its layers' own (a reload
    rebuilds only the changed layer's: `geo/store/reuse.py`); `prepare` then has
    nothing left to build. They find what indexes built from the frame find."""
    _rows_by_value.seed(frame, by_value)  # type: ignore[attr-defined]
    _index_slot(frame)["index"] = words


# A frame this small (one event's row, the rows a load changed) is scanned, not indexed:
# the same rows, and no per-frame memo of the loaded frame is pushed out by it.
SMALL_FRAME = 2_000


def _word_index(frame: pd.DataFrame) -> WordIndex | PartedIndex | None:
    """The frame's word index: built now for a frame of some size, None for a small one
    (scanned) and while a big frame's is still being built in the background."""
    if len(frame) <= SMALL_FRAME:
        return None
    slot = _index_slot(frame)
    if "index" not in slot and len(frame) <= BACKGROUND_INDEX_ABOVE:
        slot["index"] = build_index(frame["search_text"])
    return slot.get("index")


def prepare(
    frame: pd.DataFrame, *, background: bool = True, words: bool = True
) -> threading.Thread | None:
    """Build the per-frame indexes now (at load), not on the first click of a filter; a
    big frame's word index in the background (`background`: the builder thread is
    returned), or at once; none with `words=False` (the load joins it from its layers'
    later: geo/store/replica.py)."""
    _rows_by_value(frame)
    if "search_text" not in frame or not words:
        return None
    slot = _index_slot(frame)
    if "index" in slot:
        return None  # installed by the load
    if len(frame) <= BACKGROUND_INDEX_ABOVE or not background:
        slot["index"] = build_index(frame["search_text"])
        give_back()
        return None
    return _BUILDER.ask(slot, frame["search_text"])  # the column, not the frame, is held


class _Builder:
    """One background thread builds big frames' word indexes, the newest asked for first:
    frames replaced while it worked are skipped, so edits in a row never pile up builds
    (each holds a million events' words)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._wanted: tuple[dict[str, WordIndex | PartedIndex], pd.Series] | None = None
        self._thread: threading.Thread | None = None

    def ask(self, slot: dict[str, WordIndex | PartedIndex], texts: pd.Series) -> threading.Thread:
        with self._lock:
            self._wanted = (slot, texts)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, daemon=True)
                self._thread.start()
            return self._thread

    def _run(self) -> None:
        while True:
            with self._lock:
                wanted, self._wanted = self._wanted, None
                if wanted is None:
                    self._thread = None
                    return
            slot, texts = wanted
            slot["index"] = build_index(texts)
            del wanted, slot, texts  # nothing of a built frame is kept here
            give_back()  # the build's gigabyte of tokens, freed, leaves the process


_BUILDER = _Builder()


def _has_any(frame: pd.DataFrame, column: str, chosen: frozenset[str]) -> np.ndarray:
    """Rows whose tuple of values (actors, languages, outlets) meets the chosen set."""
    keep = np.zeros(len(frame), dtype=bool) if chosen else np.ones(len(frame), dtype=bool)
    if chosen and len(frame) <= SMALL_FRAME:
        return np.fromiter((not chosen.isdisjoint(v) for v in frame[column]), bool, len(frame))
    if chosen:
        rows = _rows_by_value(frame)[column]
        for value in chosen:
            keep[rows.get(value, np.empty(0, dtype=np.int64))] = True
    return keep


def _dates_overlap(frame: pd.DataFrame, f: Filters) -> np.ndarray:
    """An event is in the range when its interval overlaps [from, to].

    The interval is the event's dates, or a site's period, whose open ends overlap
    everything on their side ("since late 2023" is in any range ending after it).
    """
    dated = ~frame["undated"].to_numpy()
    keep = dated.copy()
    if f.date_to is not None:
        starts = (frame["period_start"] <= pd.Timestamp(f.date_to)).to_numpy()
        keep &= starts | frame["open_start"].to_numpy()
    if f.date_from is not None:
        ends = (frame["period_end"] >= pd.Timestamp(f.date_from)).to_numpy()
        keep &= ends | frame["open_end"].to_numpy()
    if f.include_undated:
        keep |= ~dated
    return keep


def filter_mask(frame: pd.DataFrame, f: Filters) -> np.ndarray:
    """Return a boolean mask of the rows that pass every filter."""
    return (
        _dates_overlap(frame, f)
        & _in(frame["event_type"], f.event_types)
        & _in(frame["status"], f.statuses)
        & _in(frame["layer"], f.layers)
        & _has_any(frame, "actors", f.actors)
        & _has_any(frame, "source_langs", f.source_langs)
        & _has_any(frame, "outlets", f.outlets)
        & _near_border(frame, f.max_border_km)
        & _matches_text(frame, f.text)
    )


# The page and the timeline filter the same frame with the same words on one rerun.
_TEXT_MASKS: dict[tuple[int, str], tuple[weakref.ref[pd.DataFrame], np.ndarray]] = {}


def _matches_text(frame: pd.DataFrame, query: str) -> np.ndarray:
    """Events whose folded search text contains every word of the folded query."""
    if not query.strip():
        return np.ones(len(frame), dtype=bool)
    hit = _TEXT_MASKS.get((id(frame), query))
    if hit is not None and hit[0]() is frame:
        return hit[1]
    if len(_TEXT_MASKS) >= 8:
        _TEXT_MASKS.clear()
    keep = _search(frame, query)
    keep.flags.writeable = False  # shared between callers
    _TEXT_MASKS[(id(frame), query)] = (weakref.ref(frame), keep)  # never keeps it alive
    return keep


def _search(frame: pd.DataFrame, query: str) -> np.ndarray:
    words = fold_for_search(query).split()
    keep = np.ones(len(frame), dtype=bool)
    for word in words:
        found = _names_contain(frame, word)
        index = _word_index(frame)
        for spelling in spellings_of(word):
            found |= (
                rows_containing(index, spelling)
                if index is not None
                else frame["search_text"].str.contains(spelling, regex=False).to_numpy(bool)
            )
        keep &= found
    return keep


@functools.cache
def _spelling_groups() -> dict[str, tuple[str, ...]]:
    """Folded actor name → every one-word folded spelling of the same actor."""
    # Actors only: place names double as common words in the sources' languages
    # (دوشنبه is also Monday, پنج also five); an event's place is matched through its
    # names column in every spelling already.
    # An actor's spellings that are also places ("Dushanbe" for the government) are left
    # out both ways: "dushanbe" must not bring every "Tajikistan" with it.
    places = {
        fold_for_search(name)
        for place in load_gazetteer().values()
        for name in [*place.names.values(), *(a for g in (place.aliases or {}).values() for a in g)]
    }
    groups = [
        [actor.name, *(a for group in actor.aliases.values() for a in group)]
        for actor in load_actors().values()
    ]
    out: dict[str, tuple[str, ...]] = {}
    for group in groups:
        folded = tuple(n for n in dict.fromkeys(map(fold_for_search, group)) if n not in places)
        for name in folded:
            out[name] = tuple(dict.fromkeys(out.get(name, ()) + folded))
    return out


def spellings_of(word: str) -> tuple[str, ...]:
    """The word, and when it is a whole actor name in the vocabulary ("taleban"), every
    one-word spelling of that actor ("taliban", "طالبان", "талибан"), so the
    sources' own words match whichever spelling was typed."""
    others = (s for s in _spelling_groups().get(word, ()) if s and " " not in s)
    return tuple(dict.fromkeys((word, *others)))


def _names_contain(frame: pd.DataFrame, word: str) -> np.ndarray:
    """Rows whose place or actor names (a categorical column: each set searched once)
    contain the word; none when the frame has no such column."""
    if "search_names" not in frame:
        return np.zeros(len(frame), dtype=bool)
    names = frame["search_names"].astype("category")
    hit = np.array([word in c for c in names.cat.categories] + [False])
    return hit[names.cat.codes.to_numpy()]  # code -1 (no names) reads the final False


def _near_border(frame: pd.DataFrame, max_km: float | None) -> np.ndarray:
    """Events within max_km of the border; unknown distances fail an active filter."""
    if max_km is None:
        return np.ones(len(frame), dtype=bool)
    return (frame["border_km"] <= max_km).fillna(False).to_numpy(dtype=bool)


def filtered_columns(frame: pd.DataFrame, f: Filters, columns: list[str]) -> pd.DataFrame:
    """The rows that pass every filter, with only the columns asked for (cheaper to copy)."""
    return frame.loc[filter_mask(frame, f), columns]


def apply_filters(frame: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """Return the rows that pass every filter, in the frame's order.

    Without `search_text`/`search_names`: the biggest columns (every excerpt, folded); only the
    filter reads it, so copying it for 100,000 shown events would cost more than the rest.
    """
    keep = [c for c in frame.columns if c not in ("search_text", "search_names")]
    mask = filter_mask(frame, f)
    if mask.all():  # nothing filtered out: the columns shared, not copied (copy on write)
        return frame[keep]
    return frame.loc[mask, keep]


# Each filter (keyed as in the link), its words, and the Filters fields it sets.
FILTER_PARTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "dates": ("the date range", ("date_from", "date_to", "include_undated")),
    "actors": ("actors", ("actors",)),
    "types": ("event types", ("event_types",)),
    "status": ("status", ("statuses",)),
    "layers": ("layers", ("layers",)),
    "near_km": ("distance from the border", ("max_border_km",)),
    "q": ("the search", ("text",)),
    "langs": ("source language", ("source_langs",)),
    "outlets": ("outlet", ("outlets",)),
}


def hiding_filters(row: pd.DataFrame, f: Filters) -> list[str]:
    """The filters (keys of FILTER_PARTS) that each keep this one-row frame out."""
    hiding = []
    for key, (_, fields) in FILTER_PARTS.items():
        only_this = Filters(**{name: getattr(f, name) for name in fields})
        if not filter_mask(row, only_this).all():
            hiding.append(key)
    return hiding


def without_dates(f: Filters) -> Filters:
    """The same filters over all dates (for a timeline that shows what the range cuts)."""
    return dataclasses.replace(f, date_from=None, date_to=None, include_undated=False)


def describe_filters(f: Filters) -> str:
    """The filters in words, for a saved copy of the view: 'actors: Taliban; dates: …'."""
    parts = []
    if f.date_from or f.date_to:
        parts.append(f"dates {f.date_from or '…'} to {f.date_to or '…'} (overlapping)")
    if not f.include_undated:
        parts.append("undated events left out")
    named = (
        ("actors", f.actors),
        ("event types", f.event_types),
        ("statuses", f.statuses),
        ("layers", f.layers),
        ("source languages", f.source_langs),
        ("outlets", f.outlets),
    )
    parts += [f"{name}: {', '.join(sorted(chosen))}" for name, chosen in named if chosen]
    if f.max_border_km is not None:
        parts.append(f"within {f.max_border_km:g} km of the border")
    if f.text.strip():
        parts.append(f"search: {f.text.strip()}")
    return "; ".join(parts) or "none (every event)"


def describe_view(f: Filters, others: str) -> str:
    """The view in words for a saved copy: the dates chosen, then `others`, every other
    filter in words with the province or district and the place's radius, as the page
    says them (ui.modes.view_words), 'none …' when there are none."""
    dates = describe_filters(Filters(date_from=f.date_from, date_to=f.date_to))
    parts = [p for p in (dates, others) if p and not p.startswith("none")]
    return "; ".join(parts) or "none (every event)"
