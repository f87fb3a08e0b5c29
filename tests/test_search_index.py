"""The word index gives exactly the rows a substring scan of the search text gives."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo import search_index
from geo.dataset import load_dataset
from geo.search_index import build_index, rows_containing
from tests.helpers.data import LAYERS, SEEDS


def _scan(texts: pd.Series, word: str) -> np.ndarray:
    return texts.fillna("").str.contains(word, regex=False).to_numpy(dtype=bool)


@pytest.fixture(scope="module")
def texts() -> pd.Series:
    return load_dataset(LAYERS, SEEDS).frame["search_text"]


@pytest.mark.parametrize(
    "word",
    ["kunduz", "kund", "taliban", "پنج", "хорог", "2025", "–", "|", "border-guard", "zzzz", "a"],
)
def test_index_matches_a_scan_of_the_real_search_text(texts, word):
    index = build_index(texts)
    assert (rows_containing(index, word) == _scan(texts, word)).all()


def test_index_of_nothing_finds_nothing():
    index = build_index(pd.Series([], dtype="str"))
    assert rows_containing(index, "x").shape == (0,)
    index = build_index(pd.Series(["", None], dtype="object"))
    assert not rows_containing(index, "x").any()


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.text(alphabet="ab c\tdپ", max_size=12), max_size=8),
    st.text(alphabet="abcdپ", min_size=1, max_size=3),
)
def test_index_matches_a_scan_on_any_text(rows, word):
    texts = pd.Series(rows, dtype="str")
    assert (rows_containing(build_index(texts), word) == _scan(texts, word)).all()


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.text(alphabet="ab\x1c\x1f\x85\xa0\u2003\u3000\n\r\u200bپ ", max_size=12), max_size=8
    ),
    st.text(alphabet="abپ\u200b", min_size=1, max_size=2),
)
def test_index_splits_on_the_whitespace_python_splits_on(rows, word):
    """Unicode spaces, separators and line breaks split tokens as `str.split` does; a
    zero-width space is no space (it stays inside a token)."""
    texts = pd.Series(rows, dtype="str")
    assert (rows_containing(build_index(texts), word) == _scan(texts, word)).all()


def test_a_word_in_many_distinct_tokens_finds_every_row():
    """Hundreds of distinct tokens hold the word (one pass over every pair, not a token
    at a time): the same rows as a scan."""
    texts = pd.Series([f"x{i}a{i} y" if i % 3 else f"b{i}" for i in range(2000)], dtype="str")
    index = build_index(texts)
    for word in ("a", "a1", "x19", "y", "b"):
        assert (rows_containing(index, word) == _scan(texts, word)).all()


def test_an_index_built_a_slice_at_a_time_is_the_same(monkeypatch):
    """Big columns are indexed in slices of rows (one dictionary made of theirs): slices
    of 3 rows find the rows one slice finds, tokens shared across slices included."""
    texts = pd.Series(
        ["kunduz taliban", "", None, "taliban kund  kunduz", "x\ty", "kunduz", "پنج kunduz"],
        dtype="str",
    )
    monkeypatch.setattr(search_index, "CHUNK_ROWS", 3)
    sliced = build_index(texts)
    for word in ("kunduz", "kund", "taliban", "پنج", "x", "y", "q"):
        assert (rows_containing(sliced, word) == _scan(texts, word)).all()
    assert len(sliced.tokens) == len(set(sliced.tokens.to_pylist()))  # each token once
