"""Text helpers for Persian, Arabic and mixed-direction strings."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

# Explicit bidi embeddings/overrides/isolates: they can reorder what a reader sees.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Other invisible characters worth flagging in curated text (ZWNJ is legitimate in Persian).
_SUSPECT_INVISIBLES = frozenset("\u200b\u200e\u200f\u2060\ufeff\u061c")
# Both sets as one character class: most texts hold none, and one C-level search says so
# (a Python loop over every character cost seconds at 100,000 events).
HIDDEN_PATTERN = "[" + "".join(sorted(BIDI_CONTROLS | _SUSPECT_INVISIBLES)) + "]"
_HIDDEN = re.compile(HIDDEN_PATTERN)

_LETTER_VARIANTS = str.maketrans(
    {
        "ي": "ی",  # Arabic yeh -> Persian yeh
        "ى": "ی",  # alef maksura
        "ك": "ک",  # Arabic kaf -> Persian keheh
        "ة": "ه",  # teh marbuta
        "ۀ": "ه",  # heh with yeh above
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
    }
)
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
# Tatweel, ZWNJ/ZWJ, and Arabic diacritics vanish for matching.
_DROP = re.compile("[\u0640\u200c\u200d\u064b-\u065f\u0670\u06d4]")
_SPACES = re.compile(r"\s+")


def _fold_cluster(cluster: str) -> str:
    folded = unicodedata.normalize("NFKC", cluster).translate(_LETTER_VARIANTS).translate(_DIGITS)
    return _DROP.sub("", folded).casefold()


def _clusters(text: str) -> Iterator[tuple[int, int]]:
    """Spans of a base character and the combining marks after it.

    Normalised as a unit, so "é" typed composed (NFC) and decomposed (NFD, e + U+0301)
    fold the same, while positions still count the characters as written.
    """
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or not unicodedata.combining(text[index]):
            yield start, index
            start = index


# A seed is folded once, not once per excerpt that fails to match it (a megabyte
# seed takes seconds to fold in Python; fifty bad excerpts would take minutes).
@functools.lru_cache(maxsize=16)
def _fold_spans(text: str) -> tuple[str, list[int], list[int]]:
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    in_space = False
    for start, end in _clusters(text):
        for c in _fold_cluster(text[start:end]):
            if c.isspace():
                if in_space:
                    continue
                c, in_space = " ", True
            else:
                in_space = False
            out.append(c)
            starts.append(start)
            ends.append(end)
    return "".join(out), starts, ends


def fold_with_positions(text: str) -> tuple[str, list[int]]:
    """Fold text for matching and map each folded character back to its source index."""
    folded, starts, _ = _fold_spans(text)
    return folded, starts


def normalize_for_match(text: str) -> str:
    """Fold letter variants, digits, ZWNJ and spacing so equivalent spellings compare equal."""
    return fold_with_positions(text)[0].strip()


def fold_for_search(text: str) -> str:
    """`normalize_for_match` for whole strings, without positions: a search index of
    100,000 events is folded in C-speed passes instead of character by character.
    ASCII text needs none of the Unicode steps (NFKC, letter forms, digits, marks leave it
    as it is, and casefold is lower): it is only lowered and its spaces collapsed."""
    if text.isascii():
        return " ".join(text.lower().split())  # split() splits on what \s matches, strips
    folded = unicodedata.normalize("NFKC", text).translate(_LETTER_VARIANTS).translate(_DIGITS)
    return _SPACES.sub(" ", _DROP.sub("", folded).casefold()).strip()


def find_folded(text: str, needle: str) -> list[tuple[int, int]]:
    """Spans of text that equal needle once both are folded (ي/ی, ك/ک, digits, ZWNJ, spaces)."""
    folded, starts, ends = _fold_spans(text)
    target = normalize_for_match(needle)
    if not target:
        return []
    spans, start = [], folded.find(target)
    while start >= 0:
        end = start + len(target)
        spans.append((starts[start], ends[end - 1]))
        start = folded.find(target, start + 1)
    return spans


def hidden_controls(text: str) -> list[str]:
    """Return the code points (as U+XXXX) of bidi controls and suspect invisibles in text."""
    if not _HIDDEN.search(text):
        return []
    return [f"U+{ord(c):04X}" for c in dict.fromkeys(_HIDDEN.findall(text))]


def text_direction(lang: str) -> str:
    """Return the HTML dir value for a language code."""
    return "rtl" if lang in {"fa", "ar", "ps", "ur", "he"} else "ltr"
