"""The word index gives exactly the rows a substring scan of the search text gives."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.dataset import load_dataset
from geo.search_index import OTHER_SPACES, build_index, rows_containing
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


def test_the_other_spaces_are_every_space_str_split_cuts_on():
    import re
    import sys

    spaces = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()} - {" "}
    # RE2's \x{…} written as Python's \U…: the same class, checked by Python's re.
    pattern = re.sub(r"\\x\{([0-9a-f]+)\}", lambda m: f"\\U{int(m[1], 16):08x}", OTHER_SPACES)
    matched = {chr(c) for c in range(sys.maxunicode + 1) if re.fullmatch(pattern, chr(c))}
    assert matched == spaces


def test_index_cuts_words_as_str_split_does_on_every_kind_of_space():
    texts = pd.Series(
        ["a\u00a0b", "c\u2003d\u3000e", " f\u0085g ", "h\x1fi", "j\u200bk", "l\tm\n\nn"]
    )
    index = build_index(texts)
    assert sorted(index.tokens) == sorted({t for text in texts for t in text.split()})
    for word in ["a", "b", "d", "e", "g", "i", "j\u200bk", "m", "n", "\u200b"]:
        assert (rows_containing(index, word) == _scan(texts, word)).all(), word
    # A token is never a space: a word holding one is found nowhere.
    assert not rows_containing(index, "\u00a0").any()


def test_index_of_a_column_in_several_chunks_counts_rows_across_them():
    # A frame joined from parts (layers) holds its text in several Arrow chunks.
    texts = pd.concat(
        [pd.Series(["kund a", "b"], dtype="str"), pd.Series(["c kunduz", "kund"], dtype="str")],
        ignore_index=True,
    )
    assert list(rows_containing(build_index(texts), "kund")) == [True, False, True, True]


def test_spans_lists_every_position_of_each_span_in_order():
    from geo.search_index import _spans

    rng = np.random.default_rng(3)
    begin = np.sort(rng.integers(0, 1000, 40))
    end = begin + rng.integers(0, 6, 40)  # empty spans too
    expected = [i for b, e in zip(begin, end, strict=True) for i in range(b, e)]
    assert _spans(begin, end).tolist() == expected
    assert _spans(begin[:0], end[:0]).tolist() == []
