"""A word index over the folded search text, so a search of a million events is a lookup.

Search keeps a row when its folded text contains every word typed, anywhere (part of a
word included: typing "kund" finds Kunduz). A typed word holds no whitespace, so it can
only occur inside one whitespace-separated token of the text: the rows whose text
contains it are exactly the rows holding a token that contains it. The index keeps the
distinct tokens once and, for each, the rows holding it; a search scans the distinct
tokens instead of every event's text, and gives the same rows (`tests/test_filters.py`
and `tests/test_search_index.py` compare both ways).

Built in Arrow and numpy, never one Python object per token: at 1,000,000 events a
build of Python sets took 87 s and 1.9 GB at its peak; this takes a few seconds and
holds two integer arrays (`bench/rerun_profile.py` prints both).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


@dataclass(frozen=True)
class WordIndex:
    """Distinct tokens, and the rows holding each: token `t`'s rows are
    `rows[starts[t]:starts[t + 1]]` (a row once per distinct token it holds)."""

    tokens: pa.Array  # each distinct token once (string)
    starts: np.ndarray  # int64, len(tokens) + 1: where each token's rows begin
    rows: np.ndarray  # int32: the rows, grouped by token
    size: int  # rows in the frame


def _as_arrow(texts: pd.Series) -> pa.Array:
    """The texts as one Arrow string array, missing texts empty (an Arrow-backed column is
    taken as it is, with no Python string made)."""
    array = pa.array(texts, from_pandas=True)
    if isinstance(array, pa.ChunkedArray):
        array = array.cast(pa.large_string()).combine_chunks()
    return pc.fill_null(array.cast(pa.large_string()), "")


def build_index(texts: pd.Series) -> WordIndex:
    """Index every row's text by its whitespace-separated tokens (Python's `str.split`
    whitespace: Arrow's utf8 split follows the same Unicode classes), `CHUNK_ROWS` rows
    at a time so that only one slice's tokens are ever held as strings."""
    array, size = _as_arrow(texts), max(len(texts), 1)
    chunks = [_chunk_pairs(array.slice(at, CHUNK_ROWS)) for at in range(0, len(array), CHUNK_ROWS)]
    words = [c[0] for c in chunks] or [pa.array([], type=pa.large_string())]
    # Every slice's distinct tokens, made one dictionary: a slice's code -> the index's.
    encoded = pc.dictionary_encode(pa.concat_arrays(words))
    to_index = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    keys, seen = [], 0
    for at, (distinct, codes, rows) in zip(range(0, len(array), CHUNK_ROWS), chunks, strict=True):
        keys.append(to_index[seen + codes] * size + (rows + at))
        seen += len(distinct)
    # One pair per (token, row), sorted by token, then row (each slice dropped repeats).
    pairs = np.sort(np.concatenate(keys)) if keys else np.zeros(0, dtype=np.int64)
    tokens = encoded.dictionary
    return WordIndex(
        tokens=tokens,
        starts=np.searchsorted(pairs // size, np.arange(len(tokens) + 1)).astype(np.int64),
        rows=(pairs % size).astype(np.int32),
        size=len(texts),
    )


CHUNK_ROWS = 100_000


def _chunk_pairs(chunk: pa.Array) -> tuple[pa.Array, np.ndarray, np.ndarray]:
    """A slice's distinct tokens, and each (token, row) pair of it once: (tokens, the
    pairs' token codes, the pairs' rows in the slice)."""
    split = pc.utf8_split_whitespace(chunk)
    flat = pc.list_flatten(split)
    rows = pc.list_parent_indices(split).to_numpy().astype(np.int64)
    keep = pc.greater(pc.binary_length(flat), 0)
    encoded = pc.dictionary_encode(flat.filter(keep))
    codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    width = max(len(chunk), 1)
    # Sorted and compared, not np.unique: numpy 2.4's hashing unique took 14 times longer.
    keys = np.sort(codes * width + rows[keep.to_numpy(zero_copy_only=False)])
    keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))] if len(keys) else keys
    return encoded.dictionary, keys // width, keys % width


def rows_containing(index: WordIndex, word: str) -> np.ndarray:
    """Boolean mask of the rows whose text contains `word` (no whitespace in it)."""
    keep = np.zeros(index.size, dtype=bool)
    if not len(index.tokens):
        return keep
    hit = pc.match_substring(index.tokens, word).to_numpy(zero_copy_only=False)
    found = np.flatnonzero(hit)
    if len(found) > _FEW_TOKENS:  # many tokens ("a"): one pass over every pair
        keep[index.rows[np.repeat(hit, np.diff(index.starts))]] = True
        return keep
    for token in found:
        keep[index.rows[index.starts[token] : index.starts[token + 1]]] = True
    return keep


_FEW_TOKENS = 256
