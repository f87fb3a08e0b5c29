"""Persian/Arabic text: letter variants, digits and ZWNJ do not break matching."""

from __future__ import annotations

import random
import unicodedata

import pytest

from geo.seeds import read_seed
from geo.text import (
    _DIGITS,
    _DROP,
    _LETTER_VARIANTS,
    _SPACES,
    find_folded,
    fold_for_search,
    hidden_controls,
    normalize_for_match,
)

SEED = "002_b4c152970c542a9c.txt"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("مرز ۱۳۵۷ کیلومتری", "مرز 1357 كيلومتري"),  # Persian digits/letters vs Arabic/Western
        ("گفت‌وگو", "گفتوگو"),  # with and without ZWNJ
        ("بهطور  علنی", "بهطور علنی"),  # spacing
        ("١٣٤٤", "1344"),  # Arabic-Indic digits
    ],
)
def test_equivalent_spellings_fold_equal(a, b):
    assert normalize_for_match(a) == normalize_for_match(b)


def test_excerpt_typed_with_arabic_letters_is_found_in_the_persian_seed():
    text = read_seed(SEED)
    exact = "در تازهترین حادثه در ۲۵ اکتبر"
    start = text.index(exact)
    typed = "در تازه‌ترين حادثه در 25 اكتبر"  # Arabic yeh/kaf, ZWNJ, Western digits
    assert find_folded(text, typed) == [(start, start + len(exact))]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("plain", []),
        ("a\u202eb", ["U+202E"]),
        ("x\u2066y\u2069", ["U+2066", "U+2069"]),
        ("\u200bzero-width space", ["U+200B"]),
        ("نیم‌فاصله", []),
    ],  # ZWNJ is legitimate Persian
)
def test_hidden_controls(text, found):
    assert hidden_controls(text) == found


def _fold_slowly(text: str) -> str:
    """fold_for_search as it was before its ASCII shortcut: every Unicode step."""
    folded = unicodedata.normalize("NFKC", text).translate(_LETTER_VARIANTS).translate(_DIGITS)
    return _SPACES.sub(" ", _DROP.sub("", folded).casefold()).strip()


def test_fold_for_search_ascii_shortcut_folds_as_every_unicode_step_would():
    rng = random.Random(22)
    ascii_chars = [chr(i) for i in range(128)]  # controls, \x1c-\x1f (spaces to str.split) too
    texts = ["", " ", "Kunduz  DISTRICT\t\n", "\x1c a \x1f", "ﬁ Kundūz", "ك۱ ١٢ ZWNJ\u200c"]
    texts += [
        "".join(rng.choice(ascii_chars) for _ in range(rng.randint(0, 16))) for _ in range(20_000)
    ]
    for text in texts:
        assert fold_for_search(text) == _fold_slowly(text), repr(text)
