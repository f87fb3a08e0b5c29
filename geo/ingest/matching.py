"""Places, actors and counts in a sentence, matched through the vocabularies in every spelling."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache

from geo.ingest import words as w
from geo.ingest.inflect import russian_forms, russian_pattern
from geo.ingest.not_counts import MONTHS
from geo.ingest.patterns import alt
from geo.ingest.people import lowered
from geo.ingest.place_words import PLACE_KINDS, POST_WORDS
from geo.ingest.reasons import PlaceReason
from geo.spellings import ru_stem
from geo.vocab import Actor, Place

# Names that are also ordinary words: where the reading stays open, say so.
AMBIGUOUS = {
    "دوشنبه": "'دوشنبه' is both Dushanbe and Monday",
    "پنج": "'پنج' is both the town of Panj and the number five",
    "ишкашим": "two towns are called Ishkashim, one on each bank of the Panj",
    "اشکاشم": "two towns are called Ishkashim, one on each bank of the Panj",
}
LOWERCASE_WORDS = frozenset({"панҷ", "душанбе"})
# Words before "پنج"/"دوشنبه" that make them a place.
PLACE_CUES = (*PLACE_KINDS["fa"], *POST_WORDS["fa"], "در شهر", "به شهر")
DAY_WORDS = ("روز", "شب", "صبح", "بامداد", "ظهر", "عصر", "شام", "پگاه", "یک", "هر")
NEAR = {
    "fa": ["نزدیک", "نزدیکی", "حوالی", "اطراف"],
    "ar": ["بالقرب من", "قرب", "قرابة"],
    "ru": ["близ", "около", "возле", "недалеко от", "в районе"],
    "tg": ["наздики", "дар наздикии"],
    "en": ["near", "outside", "close to"],
}
KIND_RANK = {
    "town": 0,
    "city": 0,
    "district": 1,
    "province": 2,
    "area": 3,
    "border": 3,
    "country": 4,
}
# Actor aliases that are bare country or city names say nothing about who acted.
_NOT_ACTORS = {
    "تاجیکستان",
    "طاجيكستان",
    "таджикистан",
    "russia",
    "روسیه",
    "روسيا",
    "россия",
    "русия",
    "china",
    "چین",
    "الصين",
    "китай",
    "чин",
    "dushanbe",
    "moscow",
    "washington",
    "واشنگتن",
    "واشنطن",
    "вашингтон",
    "united states",
    "آمریکا",
}


@dataclass(frozen=True)
class Hit:
    """A vocabulary entry found at text[start:end]."""

    start: int
    end: int
    key: str  # place id or actor name
    text: str
    note: str | None = None  # what the reviewer should know (an ambiguity, a spelling)
    reasons: frozenset[PlaceReason] = frozenset()  # typed: what the code decides by

    def because(self, *why: PlaceReason) -> Hit:
        """The same hit, with more reasons."""
        return replace(self, reasons=self.reasons | set(why))


def _boundary(lang_script: str) -> tuple[str, str]:
    # Arabic attaches و/ب/ل to the next word; Russian inflects names ("в Пяндже").
    if lang_script == "arabic":
        return r"(?<![^\s\u200c«\"'(،.:/\-])(?:[وبلف])?", r"(?![\w])"
    return r"(?<![\w\u200c])", r"(?:[а-яё]{0,2})(?![\w])"


def _script(name: str) -> str:
    return "arabic" if any("\u0600" <= c <= "\u06ff" for c in name) else "other"


def _norm(name: str) -> str:
    return re.sub(r"[\s\u200c]+", " ", w.fold(name)).strip().lower()


@cache
def _compiled(names: tuple[tuple[str, str], ...]) -> list[tuple[re.Pattern[str], dict]]:
    """One alternation per script and length class (a few regexes, not one per name)."""
    classes: dict[tuple[str, bool], dict[str, list[str]]] = {}
    for name, key in names:
        group = classes.setdefault((_script(name), len(name) > 3), {})
        keys = group.setdefault(_norm(name), [])
        if key not in keys:
            keys.append(key)
    out = []
    for (script, long_name), lookup in classes.items():
        lead, tail = _boundary(script)
        tail = tail if long_name else r"(?![\w])"
        rx = re.compile(lead + f"(?P<n>{alt(list(lookup))})" + tail, re.IGNORECASE)
        out.append((rx, lookup))
    return out


def _raw_hits(text: str, names: Iterable[tuple[str, str]]) -> list[Hit]:
    folded = w.fold(text)
    hits = []
    for rx, lookup in _compiled(tuple(sorted(set(names)))):
        for m in rx.finditer(folded):
            s, e = m.span("n")
            hits += [Hit(s, e, key, text[s:e]) for key in lookup.get(_norm(m.group("n")), [])]
    return hits


def _longest(hits: list[Hit]) -> list[Hit]:
    """Where hits overlap, the longest (the first of two at one place)."""
    hits.sort(key=lambda h: (h.start, h.start - h.end))
    kept: list[Hit] = []
    for hit in hits:
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
        elif hit.start == kept[-1].start and hit.end == kept[-1].end and hit.key != kept[-1].key:
            kept.append(hit)  # same words, two entries: both kept, the caller says ambiguous
    return kept


def find_names(text: str, names: Iterable[tuple[str, str]]) -> list[Hit]:
    """(spelling, key) pairs found in text as the gazetteer's names are: folded letters,
    whole words, the longest where two overlap."""
    return _longest(_raw_hits(text, names))


def _spellings(place: Place) -> list[str]:
    """Names and aliases; the Russian ones in every case ("Фархорском районе")."""
    out = []
    for lang, name in place.names.items():
        out += russian_forms(name) if lang == "ru" else [name]
    for lang, names in (place.aliases or {}).items():
        out += [f for a in names for f in (russian_forms(a) if lang == "ru" else [a])]
    return out


def place_names(places: Mapping[str, Place]) -> list[tuple[str, str]]:
    """(spelling, place id) for every name and alias in the gazetteer."""
    out = []
    for place in places.values():
        for name in _spellings(place):
            # English names carry notes in brackets: "Panj (Pyanj)" matches as "Panj".
            out.append((re.sub(r"\s*\(.*?\)", "", name).strip(), place.id))
    return [(n, pid) for n, pid in out if n]


def cue_before(text: str, start: int, cues: Iterable[str]) -> bool:
    """Whether one of the cue words stands right before text[start], in either case ("In
    Afghanistan" opening a sentence)."""
    before = w.fold(text[max(0, start - 25) : start]).rstrip().lower()
    return any(re.search(rf"(?:^|[\s\u200c]){re.escape(w.fold(c).lower())}$", before) for c in cues)


def names_a_date(text: str, hit: Hit) -> bool:
    """A place named like a month ("March", a village in Badakhshan) with a day or a year
    right beside it: "on 1 March", "March 3", "март 2016" name the month."""
    if lowered(hit.text.split()[0]) not in _MONTH_WORDS:
        return False
    return bool(
        re.search(r"\d\s*$", text[max(0, hit.start - 8) : hit.start])
        or re.match(r"\s*\d", text[hit.end : hit.end + 8])
    )


_MONTH_WORDS = frozenset().union(*MONTHS.values())


def _reading(text: str, hit: Hit) -> Hit | None:
    """Keep, annotate or drop a place hit whose words have another meaning."""
    word = w.fold(hit.text).lower()
    if word in LOWERCASE_WORDS and hit.text[:1].islower():
        return None  # Tajik "панҷ" is five and "душанбе" Monday; the places are capitalised
    note = AMBIGUOUS.get(word)
    if word == w.fold("دوشنبه"):
        if cue_before(text, hit.start, DAY_WORDS) or re.match(
            r"\s+\d", w.fold(text[hit.end : hit.end + 8])
        ):
            return None
        return Hit(hit.start, hit.end, hit.key, hit.text, f"{note}; read as the city").because(
            PlaceReason.AMBIGUOUS
        )
    if word == w.fold("پنج"):
        if not cue_before(text, hit.start, PLACE_CUES):
            return None
        return Hit(hit.start, hit.end, hit.key, hit.text, f"{note}; read as a place").because(
            PlaceReason.AMBIGUOUS
        )
    return (
        Hit(hit.start, hit.end, hit.key, hit.text, note).because(PlaceReason.AMBIGUOUS)
        if note
        else hit
    )


def find_places(text: str, places: Mapping[str, Place]) -> list[Hit]:
    """Gazetteer places named in text, ambiguous readings annotated or dropped."""
    hits = [_reading(text, h) for h in find_names(text, place_names(places))]
    return [h for h in hits if h is not None]


# A word for a town or district that may stand between "near" and the name: "در نزدیکی شهر
# پنج", "قرب مدينة بانج", "около города Пянджа".
PLACE_WORDS = {
    "fa": ["شهر", "مرکز", "روستای", "قریه", "بندر"],
    "ar": ["مدينة", "بلدة", "قرية", "منطقة", "مركز"],
    "ru": ["города", "поселка", "посёлка", "села", "кишлака", "заставы"],
    "tg": ["шаҳри", "деҳаи", "шаҳраки", "маркази"],
    "en": ["the town of", "the city of", "the village of", "the district of"],
}


def is_near(text: str, hit: Hit, lang: str) -> bool:
    """Whether the text says "near" the place rather than at it ("near (the town of) X")."""
    cues = NEAR.get(lang, [])
    if cue_before(text, hit.start, cues):
        return True
    lo = max(0, hit.start - 25)
    words = alt(PLACE_WORDS.get(lang, []))
    m = re.search(rf"(?<![\w\u200c])(?:{words})[\s\u200c]*$", w.fold(text[lo : hit.start]), re.I)
    return m is not None and cue_before(text, lo + m.start(), cues)


def actor_names(actors: Mapping[str, Actor]) -> list[tuple[str, str, str]]:
    """(alias, actor name, language) for every alias that names who acted, not a country or
    a city."""
    out = []
    not_actors = {w.fold(n) for n in _NOT_ACTORS}
    for actor in actors.values():
        for lang, names in actor.aliases.items():
            out += [(a, actor.name, lang) for a in names if w.fold(a).lower() not in not_actors]
    return out


@cache
def _russian_patterns(aliases: tuple[tuple[str, str], ...]) -> list[tuple[re.Pattern[str], str]]:
    """One regex per actor for its Russian aliases in every case and number."""
    by_actor: dict[str, list[str]] = {}
    for alias, name in aliases:
        by_actor.setdefault(name, []).append(russian_pattern(alias))
    out = []
    for name, forms in by_actor.items():
        body = "|".join(sorted(forms, key=len, reverse=True))
        out.append((re.compile(rf"(?<![\w\u200c])(?P<n>{body})(?![\w])", re.I), name))
    return out


def _russian_hits(text: str, aliases: list[tuple[str, str]]) -> list[Hit]:
    folded = w.fold(text)
    hits = []
    for rx, name in _russian_patterns(tuple(sorted(set(aliases)))):
        for m in rx.finditer(folded):
            hits.append(Hit(m.start("n"), m.end("n"), name, text[m.start("n") : m.end("n")]))
    return hits


# Bare "border guards" are Tajikistan's, unless a word next to them says whose they are:
# Tajik "сарҳадбонони афғон", Arabic "حرس الحدود الأفغاني", Russian "афганских пограничников".
_GENERIC_ALIASES = {"сарҳадбон", "сарҳадбонон", "сарҳадбонони"}
_OTHER_SIDE = re.compile(r"[а-яёӣ]{0,2}[\s\u200c]+(?:афғон|толиб)", re.IGNORECASE)
_GENERIC_AR = "حرس الحدود"
_OTHER_SIDE_AR = re.compile(r"[\s\u200c]+(?:\S+[\s\u200c]+)?(?:الافغان|التابع|لطالبان|طالبان)")
_GENERIC_RU = "пограничник"
_OTHER_SIDE_RU = re.compile(
    r"(?:афган|талиб|российск|китайск|узбекск|кыргызск|киргизск|иранск|туркменск)[а-яё]*[\s\u200c]+$",
    re.IGNORECASE,
)


def _said_of_the_other_side(text: str, hit: Hit) -> bool:
    word = hit.text.lower()
    if word in _GENERIC_ALIASES:
        return bool(_OTHER_SIDE.match(text, hit.end))
    if w.fold(word) == w.fold(_GENERIC_AR):  # "حرس الحدود الأفغاني" is the other side's
        return bool(_OTHER_SIDE_AR.match(w.fold(text), hit.end))
    if " " not in word and ru_stem(w.fold(word)) == _GENERIC_RU:
        return bool(_OTHER_SIDE_RU.search(w.fold(text[max(0, hit.start - 30) : hit.start])))
    return False


def find_actors(text: str, actors: Mapping[str, Actor]) -> list[Hit]:
    """Actors named in text, by their aliases in any language (Russian ones in any case)."""
    names = actor_names(actors)
    hits = _raw_hits(text, [(a, n) for a, n, lang in names if lang != "ru"])
    hits += _russian_hits(text, [(a, n) for a, n, lang in names if lang == "ru"])
    return [h for h in _longest(hits) if not _said_of_the_other_side(text, h)]
