"""A word index over the folded search text, so a search of 100,000 events is a lookup.

Search keeps a row when its folded text contains every word typed, anywhere (part of a
word included: typing "kund" finds Kunduz). A typed word holds no whitespace, so it can
only occur inside one whitespace-separated token of the text: the rows whose text
contains it are exactly the rows holding a token that contains it. The index keeps each
distinct token once, with the rows holding it; a search scans the distinct tokens (a few
hundred thousand strings) instead of every event's text (tens of MB), about 5× faster at
100,000 events, and gives the same rows (`tests/test_filters.py` compares both ways).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


@dataclass(frozen=True)
class WordIndex:
    """Distinct tokens, and the rows holding each: token i's rows are
    `rows[starts[i]:starts[i + 1]]` (a search gathers the rows of the tokens it hits only,
    not a mask over every (token, row) pair: 0.2 s a word at a million events)."""

    tokens: pd.Series  # each distinct token once
    starts: np.ndarray  # int64: where each token's rows start in `rows`; one more at the end
    rows: np.ndarray  # int32: the rows, grouped by token
    size: int  # rows in the frame


# What `str.split()` splits on besides the space (every other character `str.isspace()`
# holds true for; tests/test_search_index.py checks the list), in RE2's syntax. The folded
# search text has only spaces, but any text is cut as `str.split()` cuts it.
OTHER_SPACES = (
    r"[\x{9}-\x{d}\x{1c}-\x{1f}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}"
    r"\x{2028}-\x{2029}\x{202f}\x{205f}\x{3000}]"
)


def build_index(texts: pd.Series) -> WordIndex:
    """Index every row's text by its whitespace-separated tokens (as `str.split()` cuts
    them), in Arrow's compute kernels: no Python object per token (100,000 events hold
    about 3.5 million), about 5x faster than sets of `str.split()`. A token a row holds
    twice gives two pairs: a search marks the row either way."""
    text = pa.array(texts.fillna(""), type=pa.large_string())
    if isinstance(text, pa.ChunkedArray):  # a frame joined from parts: rows count across
        text = text.combine_chunks()
    text = pc.replace_substring_regex(text, pattern=OTHER_SPACES, replacement=" ")
    words = pc.split_pattern(text, pattern=" ")
    flat, rows = pc.list_flatten(words), pc.list_parent_indices(words)
    real = pc.not_equal(flat, "")  # runs of spaces, and leading ones, give empty tokens
    encoded = pc.dictionary_encode(pc.filter(flat, real))
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    order = np.argsort(codes, kind="stable")
    counts = np.bincount(codes, minlength=len(encoded.dictionary))
    return WordIndex(
        tokens=pd.Series(encoded.dictionary.to_numpy(zero_copy_only=False), dtype="str"),
        starts=np.concatenate([[0], np.cumsum(counts)]).astype(np.int64),
        rows=pc.filter(rows, real).to_numpy(zero_copy_only=False).astype(np.int32)[order],
        size=len(texts),
    )


@dataclass(frozen=True)
class PartedIndex:
    """A frame's word index as its layers' own indexes, each with the frame row of every
    one of its rows (-1: a row the frame left out). A new revision of one layer rebuilds
    that layer's index only; a search gives the same rows as one index of the frame."""

    parts: tuple[tuple[WordIndex, np.ndarray], ...]
    size: int


def rows_containing(index: WordIndex | PartedIndex, word: str) -> np.ndarray:
    """Boolean mask of the rows whose text contains `word` (no whitespace in it)."""
    if isinstance(index, PartedIndex):
        keep = np.zeros(index.size, dtype=bool)
        for part, at in index.parts:
            rows = at[rows_containing(part, word)]
            keep[rows[rows >= 0]] = True
        return keep
    keep = np.zeros(index.size, dtype=bool)
    if not len(index.tokens):
        return keep
    hit = np.flatnonzero(index.tokens.str.contains(word, regex=False).to_numpy(dtype=bool))
    keep[index.rows[_spans(index.starts[hit], index.starts[hit + 1])]] = True
    return keep


def _spans(begin: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Every position in the half-open spans [begin, end), in order, as one array."""
    lengths = end - begin
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    # Each position: its span's begin, plus how far into its span it is.
    offsets = np.repeat(begin - np.cumsum(lengths) + lengths, lengths)
    return offsets + np.arange(total, dtype=np.int64)
