"""Comparing romanized place names: GeoNames' transliterations against the gazetteer's.

GeoNames writes Afghan and Tajik names with diacritics and administrative words
("Markaz-e Woluswalī-ye Āchīn", "Nohiyai Rŭshon", "Shighnan District"); the gazetteer
writes "Rushon district", "Qal'a-i Kuf". Three comparisons, strictest first:

- `core`: the name folded (diacritics, case, apostrophes and ‘ayn marks, spacing) with
  the administrative words set aside ("Wulêswālī Bihsūd" → "bihsud");
- `skeleton`: the core's consonants (vowels, y and w, a word-final h, doubled letters
  q/k and z/s told apart no more), for the same name in another transliteration
  ("Taloqan" / "Tāluqān", "Yangi Qala" / "Yangī Qal‘ah");
- `words`: the core's words, for a name with a word more or less ("Bala Murghab" /
  "Murghāb", "Khāş Uruzgān" / "Uruzgān").
"""

from __future__ import annotations

import re
import unicodedata

# Words that say what a place is, not which: "district", "seat of government",
# "district office" (Dari, Pashto, Tajik, Russian, English), "market of", the ezafe.
ADMINISTRATIVE_WORDS = frozenset(
    {
        "district",
        "province",
        "region",
        "rayon",
        "nohiyai",
        "markaz",
        "markazi",
        "hukumat",
        "hukumati",
        "wuleswali",
        "woluswali",
        "wuluswali",
        "alaqahdari",
        "bazar",
    }
)
# Words meaning "seat of a district's government": a place so named is the seat.
SEAT_WORDS = frozenset(
    {"markaz", "hukumat", "hukumati", "wuleswali", "woluswali", "wuluswali", "alaqahdari"}
)
# Joining words ("of", "and") that carry no name.
CONNECTORS = frozenset({"e", "i", "ye", "wa", "va", "o"})

_MARKS = re.compile("[\u2018\u2019\u02bb\u02bc\u02be\u02bf'`\u00b4]")
_WORD = re.compile(r"[a-z0-9]+")
_VOWELS = re.compile(r"[aeiouyw]")
_DOUBLE = re.compile(r"(.)\1+")


def tokens(name: str) -> list[str]:
    """The name's words: without diacritics or apostrophes, lower case (ASCII)."""
    decomposed = unicodedata.normalize("NFKD", _MARKS.sub("", name))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return _WORD.findall(plain.replace("ı", "i"))


def words(name: str) -> tuple[str, ...]:
    """The words that name the place: administrative words and connectors set aside."""
    return tuple(w for w in tokens(name) if w not in ADMINISTRATIVE_WORDS and w not in CONNECTORS)


def core(name: str) -> str:
    """The folded name without administrative words, as one string ("bihsud")."""
    return "".join(words(name))


def skeleton(name: str) -> str:
    """The core's consonants, the first letter kept: one name in two transliterations."""
    parts = [w[:-1] if w.endswith("h") and len(w) > 2 else w for w in words(name)]
    joined = "".join(parts).replace("q", "k").replace("z", "s")
    if not joined:
        return ""
    return _DOUBLE.sub(r"\1", joined[0] + _VOWELS.sub("", joined[1:]))


def names_seat(name: str) -> bool:
    """The name itself says the place is a seat of government ("Markaz-e Ḩukūmat-e …")."""
    return any(w in SEAT_WORDS for w in tokens(name))
