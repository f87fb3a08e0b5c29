"""Places as a reader finds them: the spellings real outlets use that no list holds.

Real text drops the ZWNJ ("شمسالدین" for "شمس‌الدین"), varies vowels ("شهین", "شاهین",
"Shokhin", "Shohin"), declines names ("Шамсиддина Шохина", Tajik "Шамсиддини Шоҳин") and
writes a place with or without its kind ("ноҳияи", "район", "ولسوالی"). For matching only
(offsets always point into the text as written) words are squashed: letter forms and
digits folded, Tajik letters read as their Russian pairs, diacritics, tatweel, ZWNJ/ZWJ,
spaces and hyphens dropped. A run of one to three words is a place when its squashed form
equals a squashed spelling of the gazetteer (with the kind words taken off), or comes
within `rapidfuzz`'s ratio cutoff of one (`cutoff`: long names allow a vowel or an ending
more). Names shorter than `MIN_FUZZY` letters are matched exactly only: "Panj" and "Vanj"
are one letter apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from geo.ingest import words as w
from geo.ingest.matching import AMBIGUOUS, LOWERCASE_WORDS, Hit, place_names
from geo.ingest.place_words import PLACE_KINDS
from geo.ingest.reasons import PlaceReason
from geo.ingest.sounds import heard_as, sound_index
from geo.spellings import INSIDE_WORD, NAME_WORD, ru_stem
from geo.vocab import Place

MIN_FUZZY = 7  # squashed letters: shorter names match exactly only
MAX_WORDS = 3
# An approximate match keeps the first letters: "در تاجیکستان" (in Tajikistan) is not
# "درواز تاجیکستان", nor "بخش" (a section) "بدخشان".
PREFIX = 3
_TAJIK = str.maketrans("ҳҷқғӣӯҲҶҚҒӢӮ", "хчкгиуХЧКГИУ")
# Bidi marks and isolates (U+200E/F, U+202A–E, U+2066–9) are dropped like ZWNJ: pasted
# right-to-left text carries them inside names.
_MARKS = INSIDE_WORD
_DROP = re.compile(rf"[\s{_MARKS}\-‐–'’`ʼ‘]+")
# Kind words taken off a gazetteer name before it is compared ("ноҳияи Шамсиддин Шоҳин").
KIND_WORDS = frozenset({*(k for ks in PLACE_KINDS.values() for k in ks), "of", "the", "formerly"})
_AR_CLITICS = ("وال", "بال", "لل", "ال", "و", "ب", "ل")


def squash(text: str) -> str:
    """The letters of text as matching compares them (Latin and Cyrillic accents dropped:
    GeoNames writes "Kŭlob", "Qal‘ah-ye Zāl")."""
    bare = unicodedata.normalize("NFKD", w.fold(text).translate(_TAJIK).lower())
    return _DROP.sub("", "".join(c for c in bare if not unicodedata.combining(c)))


def _core(name: str) -> str:
    kept = [t for t in re.split(r"[\s\u200c]+", name) if squash(t) not in KINDS]
    return " ".join(kept)


KINDS = frozenset(squash(k) for k in KIND_WORDS)  # squashed


# Arabic-script names as their consonants: long vowels (ا و ی) after the first letter
# dropped, and the letters outlets choose between for a Russian or Tajik "х"/"ҳ" made one
# ("شمس الدين شوخين" from "Шохин" is "شمس الدین شاهین").
_AR_VOWELS = re.compile("(?<=.)[اویآ]")
# Arabic outlets write the Russian "х" of "Шохин" as خ, ح, ه or (read as "k", as in
# "شمس الدين شوكين") ك: one letter for the comparison of consonants.
_AR_H = str.maketrans("خحک", "ههه")
MIN_SKELETON = 6  # consonants: shorter skeletons match too many names


def skeleton(form: str) -> str:
    """The consonants of a squashed Arabic-script form ("" for any other script)."""
    if not form or not "\u0600" <= form[0] <= "\u06ff":
        return ""
    return _AR_VOWELS.sub("", form.translate(_AR_H))


@dataclass(frozen=True)
class _Index:
    by_form: dict[str, tuple[str, ...]]  # squashed spelling -> place ids (one name, two places)
    long_forms: dict[str, list[str]]  # first letter -> squashed spellings of MIN_FUZZY+
    skeletons: dict[str, str]  # consonants of an Arabic-script spelling -> that spelling
    stem_sets: dict[frozenset[str], tuple[str, str]]  # Cyrillic words' stems -> (ids, form)
    sounds: dict[str, list[str]]  # Latin or Cyrillic spellings by their sounds (`sounds`)


@cache
def _index(names: tuple[tuple[str, str], ...]) -> _Index:
    by_form: dict[str, tuple[str, ...]] = {}
    for name, key in names:
        for form in {squash(name), squash(_core(name))}:
            if len(form) >= 3 and key not in by_form.get(form, ()):
                by_form[form] = (*by_form.get(form, ()), key)
    long_forms: dict[str, list[str]] = {}
    skeletons: dict[str, str] = {}
    for form in by_form:
        if len(form) >= MIN_FUZZY:
            long_forms.setdefault(form[0], []).append(form)
        if len(bones := skeleton(form)) >= MIN_SKELETON:
            skeletons.setdefault(bones, form)
    stem_sets: dict[frozenset[str], tuple[str, str]] = {}
    for name, _ in names:
        if (stems := stem_set(_core(name).split())) is not None:
            form = squash(_core(name))
            if form in by_form:
                stem_sets.setdefault(stems, (name, form))
    sounds = sound_index(f for f in by_form if len(f) >= MIN_EXACT)
    return _Index(by_form, long_forms, skeletons, stem_sets, sounds)


_CYRILLIC = re.compile(r"[а-яёҳҷқғӣӯ\-]+")


def stem_set(words: list[str]) -> frozenset[str] | None:
    """The stems of a Cyrillic name of two or three words, in any order and case:
    "Шохинского района Шамсиддина" and "Шамсиддин Шохинский район" are one name."""
    low = [squash(x) for x in words]
    if not 2 <= len(low) <= MAX_WORDS or not all(_CYRILLIC.fullmatch(x) for x in low):
        return None
    return frozenset(ru_stem(x) for x in low)


_LATIN_VOWELS = re.compile("(?<=.)[aeiouyаеёиоуыэюя]")


def _same_start(a: str, b: str) -> bool:
    """The first letters agree; in Latin or Cyrillic the first consonants do ("Shouroobod"
    and "Shuroobod", "Шохина" and "Шахина" keep "shr", "шхн"), since outlets vary vowels."""
    if a[:PREFIX] == b[:PREFIX]:
        return True
    if "\u0600" <= a[0] <= "\u06ff":
        return False
    sa, sb = _LATIN_VOWELS.sub("", a), _LATIN_VOWELS.sub("", b)
    return len(sa) >= PREFIX and sa[:PREFIX] == sb[:PREFIX]


def cutoff(length: int) -> float:
    """The ratio a squashed run of this length must reach: about one edit in seven letters."""
    return 86.0 if length >= 12 else 88.0


MIN_EXACT = 5  # shorter names are the exact matcher's, which knows their other meanings
# Words that are places and ordinary words ("دوشنبه" Monday, "панҷ" five): never read here.
_OTHER_MEANINGS = frozenset(squash(x) for x in (*AMBIGUOUS, *LOWERCASE_WORDS, "دوشنبه", "پنج"))


def _other_meaning(form: str) -> bool:
    """A place name that is also a word, in any ending: "душанбеи гузашта" (last Monday)."""
    return any(form.startswith(o) and len(form) - len(o) <= 2 for o in _OTHER_MEANINGS)


_MARKED = re.compile(f"[{_MARKS}]")


def _match(
    form: str, index: _Index, *, marked: bool = False, named: bool = False
) -> tuple[tuple[str, ...], str] | None:
    """(place ids, the spelling matched) for a squashed run, exactly or approximately. A
    short name is the exact matcher's, unless marks it cannot see sit inside ("در‏قد").
    A run written as a name (`named`: capitalised) may also sound as a spelling does."""
    if (len(form) < MIN_EXACT and not marked) or _other_meaning(form):
        return None
    if form in index.by_form:
        return index.by_form[form], form
    if named and (heard := heard_as(form, index.sounds, index.by_form)):
        return heard
    if len(form) < MIN_FUZZY or not form:
        return None
    choices = [
        f
        for f in index.long_forms.get(form[0], [])
        if abs(len(f) - len(form)) <= 3 and _same_start(f, form)
    ]
    best = process.extractOne(form, choices, scorer=fuzz.ratio, score_cutoff=cutoff(len(form)))
    if best is None and (bones := skeleton(form)) in index.skeletons:
        spelled = index.skeletons[bones]
        return index.by_form[spelled], spelled
    return (index.by_form[best[0]], best[0]) if best else None


def _by_stems(run: list[re.Match[str]], index: _Index) -> tuple[tuple[str, ...], str] | None:
    stems = stem_set([t.group(0) for t in run])
    if stems is None or stems not in index.stem_sets:
        return None
    form = index.stem_sets[stems][1]
    return index.by_form[form], form


def _forms(words: list[str]) -> list[str]:
    """The run squashed, and without an Arabic clitic on its first word."""
    joined = squash("".join(words))
    out = [joined]
    for clitic in _AR_CLITICS:
        if joined.startswith(clitic) and len(joined) - len(clitic) >= 3:
            out.append(joined[len(clitic) :])
    return out


def _best_run(text: str, tokens: list[re.Match[str]], k: int, index: _Index) -> list[Hit]:
    """The best place read from a run starting at token k: an exact spelling first, then
    the closest; among equals the longer run. A spelling two places share gives both (the
    caller chooses by the country the text names)."""
    best: tuple[float, int, list[Hit]] | None = None
    for size in range(1, MAX_WORDS + 1):
        run = tokens[k : k + size]
        if len(run) < size:
            break
        start, end = run[0].start(), run[-1].end()
        if "\n" in text[start:end]:
            break
        marked = bool(_MARKED.search(text, start, end))
        named = run[0].group(0)[:1].isupper()
        for form in _forms([t.group(0) for t in run]):
            found = _match(form, index, marked=marked, named=named) or _by_stems(run, index)
            if found is None:
                continue
            score = 101.0 if form == found[1] else fuzz.ratio(form, found[1])
            words = text[start:end]
            note = f"spelled '{words}' in the text; read as '{found[1]}' (letters compared)"
            why = frozenset({PlaceReason.APPROXIMATE})
            hits = [Hit(start, end, key, words, note, why) for key in found[0]]
            if best is None or (score, size) > best[:2]:
                best = (score, size, hits)
    return best[2] if best else []


def find_approximate(text: str, places: Mapping[str, Place], found: list[Hit]) -> list[Hit]:
    """Places named in spellings the exact matcher missed; a run overlapping a place already
    found is skipped."""
    return _runs(text, _index(tuple(sorted(set(place_names(places))))), found)


# Cyrillic read as the romanized names GeoNames gives ("Шахри Бузург": "Shahr-e Buzurg").
_LATIN = str.maketrans(
    {
        **dict(zip("абвгдеёжзийклмнопрстуфхцчшщ", "abvgdeejziiklmnoprstufhccss", strict=True)),
        **dict(zip("ъыьэюяҳҷқғӣӯ", "'y'euahjqgiu", strict=True)),
    }
)


def _collapsed(name: str) -> str:
    """A romanized name as Cyrillic read letter for letter gives it: "sh" as "s", "kh" as
    "h" ("Shahr-e Buzurg" and "Шахри Бузург" both "sahr… buzurg")."""
    low = name.lower()
    for two, one in (("sh", "s"), ("kh", "h"), ("ch", "c"), ("zh", "z"), ("gh", "g")):
        low = low.replace(two, one)
    return low


def _romanized(text: str, names: Mapping[str, str], found: list[Hit]) -> list[Hit]:
    """Romanized names (GeoNames' districts) read in Latin or Cyrillic text."""
    pairs = [(name, key) for name, key in names.items()]
    pairs += [(_collapsed(name), key) for name, key in names.items()]  # for Cyrillic
    # Tajik writes the Persian long "ā" as "о": "Kaldār" is "Калдор".
    pairs += [
        (_collapsed(name.replace("ā", "o")), key) for name, key in names.items() if "ā" in name
    ]
    latin = text.lower().translate(_LATIN)  # one character for one: offsets hold
    return _runs(latin, _index(tuple(sorted(set(pairs)))), found)


def find_unplaced(text: str, unplaced: Mapping[str, str], found: list[Hit]) -> list[Hit]:
    """Districts the shipped data names but places nowhere (no place of GeoNames' extract
    lies in them), read by their romanized name in Latin or Cyrillic text; `unplaced` maps
    each name to the place id that stands for it (its province). The hit says so; never a
    made-up point."""
    return _noted(
        text,
        _romanized(text, unplaced, found),
        lambda h, said: (
            f"'{said}' is a district the shipped data places nowhere: its "
            "province's area stands for it"
        ),
        frozenset({PlaceReason.UNPLACED_DISTRICT}),
    )


def find_inside(text: str, places: Mapping[str, Place], found: list[Hit]) -> list[Hit]:
    """Districts with no seat in the shipped data but a GeoNames place inside them (their
    point), read by their romanized name in Latin or Cyrillic text ("Калдор": Kaldār)."""
    inside = {p.names["en"]: p.id for p in places.values() if p.anchor is not None}
    return _noted(
        text,
        _romanized(text, inside, found),
        lambda h, said: f"'{said}' read as {places[h.key].names['en']} by its romanized spelling",
        frozenset(),
    )


def _noted(
    text: str,
    hits: list[Hit],
    note: Callable[[Hit, str], str],
    reasons: frozenset[PlaceReason],
) -> list[Hit]:
    """The hits again, each with the words it read, its note and its reasons."""
    return [
        Hit(h.start, h.end, h.key, text[h.start : h.end], note(h, text[h.start : h.end]), reasons)
        for h in hits
    ]


def _runs(text: str, index: _Index, found: list[Hit]) -> list[Hit]:
    """Runs of words read through the index, none overlapping a place already found."""
    tokens = [m for m in NAME_WORD.finditer(text) if squash(m.group(0)) not in KINDS]
    taken = bytearray(len(text) + 1)  # characters already read as a place
    for h in found:
        taken[h.start : h.end] = b"\x01" * (h.end - h.start)
    hits: list[Hit] = []
    for k in range(len(tokens)):
        if any(taken[tokens[k].start() : tokens[k].end()]):
            continue
        run = _best_run(text, tokens, k, index)
        if run and not any(taken[run[0].start : run[0].end]):
            hits += run
            taken[run[0].start : run[0].end] = b"\x01" * (run[0].end - run[0].start)
    return hits


# Kind words that say the name beside them is a district's: a district named by the last
# word of its name alone ("в районе Шохин", "Shohin district", "ноҳияи Шоҳин").
DISTRICT_WORDS = frozenset(
    squash(x)
    for x in (
        *("район", "района", "районе", "district", "ноҳияи", "нохияи", "ноҳия"),
        *("ولسوالی", "ولسوالي", "مديرية", "مدیریه", "ناحية", "ناحیه", "شهرستان"),
    )
)


@cache
def _last_words(names: tuple[tuple[str, str], ...]) -> dict[str, tuple[str, ...]]:
    """The last word of every district name of two words or more (squashed, five letters
    or more, not an Arabic adjective with its article: "العلیا" is "upper") → the
    districts; a word ending the names of two places is left out."""
    out: dict[str, set[str]] = {}
    for name, key in names:
        words = [squash(t.group(0)) for t in NAME_WORD.finditer(_core(name))]
        words = [x for x in words if x and x not in KINDS]
        if len(words) >= 2 and len(words[-1]) >= MIN_EXACT and not words[-1].startswith("ال"):
            out.setdefault(words[-1], set()).add(key)
            if _CYRILLIC.fullmatch(words[-1]):
                out.setdefault(ru_stem(words[-1]), set()).add(key)
    return {w: tuple(sorted(keys)) for w, keys in out.items() if len(keys) == 1}


def _part_of(form: str, parts: dict[str, tuple[str, ...]]) -> tuple[str, ...] | None:
    if len(form) < MIN_EXACT or _other_meaning(form):
        return None
    if form in parts:
        return parts[form]
    if _CYRILLIC.fullmatch(form) and ru_stem(form) in parts:
        return parts[ru_stem(form)]
    close = [p for p in parts if abs(len(p) - len(form)) <= 2 and _same_start(p, form)]
    best = process.extractOne(form, close, scorer=fuzz.ratio, score_cutoff=cutoff(len(form)))
    return parts[best[0]] if best else None


def find_by_part(text: str, places: Mapping[str, Place], found: list[Hit]) -> list[Hit]:
    """Districts named by the last word of their name beside a word saying "district"
    ("в районе Шохин": Shamsiddin Shohin district); a word already read is skipped. Only
    the curated border districts: GeoNames' other districts end in words like "Sharif"."""
    districts = {
        k: p for k, p in places.items() if p.kind == "district" and not k.startswith("gn-")
    }
    parts = _last_words(tuple(sorted(set(place_names(districts)))))
    tokens = list(NAME_WORD.finditer(text))
    taken = [(h.start, h.end) for h in found]
    hits: list[Hit] = []
    for k, tok in enumerate(tokens):
        beside = [tokens[j] for j in (k - 1, k + 1) if 0 <= j < len(tokens)]
        if not any(squash(b.group(0)) in DISTRICT_WORDS for b in beside):
            continue
        if any(a < tok.end() and tok.start() < b for a, b in taken):
            continue
        for key in _part_of(squash(tok.group(0)), parts) or ():
            note = (
                f"'{tok.group(0)}' beside a word for a district: read as "
                f"{places[key].names['en']} by the last word of its name"
            )
            hits.append(Hit(tok.start(), tok.end(), key, tok.group(0), note, _APPROX))
    return hits


_APPROX = frozenset({PlaceReason.APPROXIMATE})
