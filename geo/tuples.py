"""Columns whose cells are tuples of names: an event's actors, source languages, outlets
(every cell a tuple, as the frame holds them; `geo/store/compiled.py` `tuple_values`).

A million events hold a few thousand distinct tuples, so the work is done once per
distinct tuple and numpy spreads it over the rows (a loop over every row's names took
0.3-0.5 s a column at that size).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class _Grouped:
    distinct: np.ndarray  # object: each distinct tuple, in order of first appearance
    order: np.ndarray  # int64: row numbers, grouped by tuple (rows of none first)
    counts: np.ndarray  # int64: rows holding each distinct tuple
    ends: np.ndarray  # int64: where each tuple's rows end in `order`

    def rows(self, number: int) -> np.ndarray:
        return self.order[self.ends[number] - self.counts[number] : self.ends[number]]


def _grouped(tuples: pd.Series) -> _Grouped:
    codes, distinct = pd.factorize(tuples.to_numpy(dtype=object))
    order = np.argsort(codes, kind="stable").astype(np.int64)
    order.setflags(write=False)  # a name's rows may be a view of it, shared with others
    counts = np.bincount(codes[codes >= 0], minlength=len(distinct)).astype(np.int64)
    ends = np.count_nonzero(codes < 0) + np.cumsum(counts)
    return _Grouped(distinct, order, counts, ends)


def rows_by_value(tuples: pd.Series) -> dict[str, np.ndarray]:
    """Each name in the column and the row numbers holding it, ascending (a row whose
    tuple names it twice is listed twice, as a loop over the rows lists it)."""
    grouped = _grouped(tuples)
    parts: dict[str, list[np.ndarray]] = {}
    for number, names in enumerate(grouped.distinct):
        for name in names:
            parts.setdefault(str(name), []).append(grouped.rows(number))
    return {
        name: np.sort(np.concatenate(at)) if len(at) > 1 else at[0] for name, at in parts.items()
    }


def count_by_value(tuples: pd.Series) -> dict[str, int]:
    """How often each name occurs in the column, most first, then by name."""
    grouped = _grouped(tuples)
    counts: dict[str, int] = {}
    for number, names in enumerate(grouped.distinct):
        for name in names:
            counts[str(name)] = counts.get(str(name), 0) + int(grouped.counts[number])
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def pairs(tuples: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One (row, name) pair per name of each row, grouped by tuple, not in row order:
    (rows, codes, names), `codes` indexing `names` (every name, sorted)."""
    grouped = _grouped(tuples)
    names = np.array(sorted({str(n) for names in grouped.distinct for n in names}), dtype=object)
    code_of = {name: code for code, name in enumerate(names)}
    rows, codes = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
    for number, held in enumerate(grouped.distinct):
        at = grouped.rows(number)
        for name in held:
            rows.append(at)
            codes.append(np.full(len(at), code_of[str(name)], np.int64))
    return np.concatenate(rows), np.concatenate(codes), names


def names_in(tuples: pd.Series) -> set[str]:
    """Every name the column holds."""
    return {str(name) for names in pd.unique(tuples.to_numpy(dtype=object)) for name in names}
