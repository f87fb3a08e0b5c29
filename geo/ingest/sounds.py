"""Names as a reader hears them: one key for the Latin and Cyrillic spellings of a name.

Outlets romanize Tajik and Afghan names each their own way, and a reader knows them all
at once: "Takhar", "Tahar", "Тахар"; "Darqad", "Darkad", "Даркад"; "Jilikul",
"Djilikul", "Джиликуль"; "Shurobod", "Shuroabad", "Шурабад"; "Khorog", "Horog". The key
(`sound`) writes a squashed name (`geo.ingest.fuzzy.squash`: lower case, Tajik letters as
their Russian pairs, no accents, spaces or hyphens) as the sounds these spellings share:

- Cyrillic read as Latin letter for sound ("х" and "кх" as "kh", "ж" and "дж" as "j");
- "kh", "x" and "h" one sound; "q" and "k"; "dj", "dzh", "zh" and "j"; "gh" and "g";
  "w" and "v"; "ph" and "f"; a doubled letter one;
- every vowel (and "y") one vowel, a run of vowels one ("ou" and "u", "-obod" and
  "-abad", "Kulyab" and "Kulob"), and a final "h" after a vowel none ("Qal'ah", "Qala").

"sh" stays apart from "s" and "ch" from "c": "Rushan" is not "Russian". Arabic-script
names get no key (their consonants are compared by `geo.ingest.fuzzy.skeleton`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz

from geo.spellings import ru_stem

# Cyrillic letters as the Latin sounds outlets write for them (after `squash`, which
# has turned Tajik "ҳ ҷ қ ғ ӣ ӯ" into Russian "х ч к г и у").
_CYRILLIC = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфыэ", "abvgdeziiklmnoprstufie", strict=True)),
        **{"ё": "e", "ж": "j", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh"},
        **{"ъ": "", "ь": "", "ю": "u", "я": "a"},
    }
)
# Latin spellings of one sound, longest first; "S" and "C" stand for "sh" and "ch".
_SOUNDS = (
    ("dzh", "j"),
    ("tch", "C"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("sh", "S"),
    ("ch", "C"),
    ("gh", "g"),
    ("ph", "f"),
    ("ck", "k"),
    ("x", "h"),
    ("q", "k"),
    ("w", "v"),
)
_SOUND = re.compile("|".join(spelled for spelled, _ in _SOUNDS))
_ONE = dict(_SOUNDS)
_VOWELS = re.compile("[aeiouy]+")
# A short name keeps its vowels, only "e", "i" and "y" one and "o", "u" and "ou" one:
# "Pianj" is "Pyanj" and "Kundoz" "Kondoz", but the name "Тахир" is not "Тахар".
_SHORT_VOWELS = str.maketrans("eyo", "iiu")
LOOSE_FROM = 7  # squashed letters: from this length on every vowel is one
_DOUBLE = re.compile(r"(.)\1+")
_LETTERS = re.compile("[a-zа-яё]+")
_CYRILLIC_WORD = re.compile("[а-яё]+")


def latin(form: str) -> str:
    """A squashed Cyrillic form in Latin letters (a Latin one as it is)."""
    return form.replace("кх", "х").translate(_CYRILLIC)  # "Такхар" spells "Takhar"


def sound(form: str, *, loose: bool) -> str:
    """The sounds of a squashed Latin or Cyrillic name ("" for any other script, or for a
    form with anything but letters in it); `loose`, every vowel one."""
    if not _LETTERS.fullmatch(form):
        return ""
    one = _SOUND.sub(lambda m: _ONE[m.group(0)], latin(form))
    short = one.replace("ou", "u").translate(_SHORT_VOWELS)
    voiced = _VOWELS.sub("a", one) if loose else short
    if voiced[-2:] in ("ah", "ih", "uh") and len(voiced) > 3:
        voiced = voiced[:-1]
    return _DOUBLE.sub(r"\1", voiced)


def key(form: str) -> str:
    """The key a form is looked up by: loose from LOOSE_FROM letters on."""
    loose = len(form) >= LOOSE_FROM
    return ("~" if loose else "=") + sound(form, loose=loose)


def consonants(key: str) -> int:
    """How many consonants a key holds: keys of few consonants match too much."""
    return sum(1 for c in key if c not in "aiu~=")


MIN_CONSONANTS = 3  # "Panj" and "Vanj", "Kulob" and "Kalab": fewer say too little
# The letters must stay close too (rapidfuzz's ratio, about one letter in five changed:
# "Darkad"/"darqad" 83, "Pianj"/"pyanj" 80): English words and names that sound like a
# place are further off ("Handed"/"khandud" 62, "Wuhan"/"wakhan" 73, "Newark" 77).
MIN_RATIO = 80.0


def sound_index(forms: Iterable[str]) -> dict[str, list[str]]:
    """Each key of MIN_CONSONANTS or more, loose and strict → the squashed spellings that
    sound so."""
    out: dict[str, list[str]] = {}
    for form in forms:
        for said in ("~" + sound(form, loose=True), "=" + sound(form, loose=False)):
            if consonants(said) >= MIN_CONSONANTS:
                out.setdefault(said, []).append(form)
    return out


def sounding(form: str, index: Mapping[str, list[str]]) -> list[str]:
    """The spellings that sound as the form does and are spelled closest to it in Latin
    letters (rapidfuzz's ratio, MIN_RATIO at least): "Фархар" is GeoNames' Afghan "Farkhar",
    not the Tajik "Фархор"; "Farkhur" is both."""
    if consonants(said := key(form)) < MIN_CONSONANTS or said not in index:
        return []
    scored = [(fuzz.ratio(latin(form), latin(f)), f) for f in index[said]]
    top = max(s for s, _ in scored)
    return [f for s, f in scored if s == top] if top >= MIN_RATIO else []


def heard_as(
    form: str, index: Mapping[str, list[str]], by_form: Mapping[str, tuple[str, ...]]
) -> tuple[tuple[str, ...], str] | None:
    """(place ids, the spelling) a capitalised run sounds like, if the closest spelling is
    one of the gazetteer's own: GeoNames' thousands sound like English words ("Soviet" like
    "Sovet", "Boston" like "Buston"), and "Фархар" is Afghan Farkhar (a GeoNames place),
    not the Tajik "Фархор"."""
    heard = sounding(form, index)
    if not heard and _CYRILLIC_WORD.fullmatch(form) and (stem := ru_stem(form)) != form:
        heard = sounding(stem, index)  # declined: "у Кундоза"
    ids = tuple(dict.fromkeys(i for f in heard for i in by_form[f]))
    return (ids, heard[0]) if any(not i.startswith("gn-") for i in ids) else None
