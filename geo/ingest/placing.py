"""Where a candidate is when its sentences do not say it plainly.

- A capital named as a subject, with no "in", "at", "to", "from" before it ("Dushanbe and
  Kabul accuse each other", "… said that Kabul wants …"), stands for its government: it
  gives way to any other place the sentences name, and when used it is precision 2 and
  says why.
- A statement or a meeting naming no place is drawn at the seat of its first actor that
  has one (the atlas's curating rule), and says so.
- Otherwise a sentence naming no place borrows the most precise place of the nearest
  earlier sentence of its paragraph that names one, and says so; a statement or meeting
  never does (it was made where its speaker is, not where the news was).
- A place named as where someone came from or fired from ("с территории Афганистана", "со
  стороны афганского уезда Даркад", "از خاک افغانستان", "аз соҳили Афғонистон") or as the
  bank across ("напротив уезда Вахан") is not where it happened: like a government, it
  gives way to any other place named, and does not make a sentence another incident.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping

from geo.ingest import words as w
from geo.ingest.events import stem_rx
from geo.ingest.fuzzy import KINDS, squash
from geo.ingest.matching import KIND_RANK, Hit, cue_before
from geo.ingest.reasons import STANDS_IN, PlaceReason
from geo.ingest.reporting import THAT
from geo.ingest.sentences import Sentence
from geo.ingest.triggers import HANDOVER
from geo.model import EventType
from geo.vocab import Place

# Where an actor speaks or meets from when the sentences name no place.
SEATS = {
    "Government of Tajikistan": "dushanbe",
    "Ministry of Foreign Affairs of Tajikistan": "dushanbe",
    "Security Council of Tajikistan": "dushanbe",
    "State Committee for National Security (Tajikistan)": "dushanbe",
    "Taliban": "kabul",
    "Government of Russia": "moscow",
    "Ministry of Foreign Affairs of Russia": "moscow",
    "United Nations": "new-york",
}
SEATED_TYPES = {
    EventType.STATEMENT: PlaceReason.AUTHOR_SEAT,
    EventType.MEETING: PlaceReason.HOST_SEAT,
}
CAPITALS = frozenset({"dushanbe", "kabul", "moscow"})
# A telephone call is held at its ends, never where its subject lies: drawn at the end in
# the atlas's countries, Tajikistan first (the curating rule: "the Tajik end").
CALL_WORDS = {
    "fa": ["تلفنی", "تلفن", "تیلفونی", "تیلفون"],
    "ar": ["هاتفية", "هاتفي", "الهاتفية", "الهاتفي", "هاتفيا", "الهاتف"],
    "ru": ["телефонный разговор", "телефонного разговора", "по телефону", "телефонном"],
    "tg": ["телефонӣ", "тавассути телефон", "суҳбати телефонӣ"],
    "en": ["phone call", "telephone", "by phone", "phoned", "spoke by phone"],
}
CALL_ENDS = ("dushanbe", "kabul")
# Words before a city that make it where something happened.
LOCATIVE = {
    "fa": ["در", "به", "از", "تا", "وارد", "شهر", "پایتخت", "نزدیک", "نزدیکی", "حوالی"],
    "ar": ["في", "إلى", "الى", "من", "مدينة", "مدينتي", "العاصمة", "عاصمة", "قرب", "حول"],
    "ru": ["в", "во", "из", "под", "до", "к", "у", "около", "близ", "город", "города", "столице"],
    "tg": ["дар", "ба", "аз", "то", "шаҳри", "назди", "пойтахти"],
    "en": ["in", "at", "to", "from", "near", "outside", "of", "city", "capital"],
}
_ATTACHED = "بل"  # Arabic "in"/"to" written on the name: "بدوشنبه"
# Words after which a capital is the subject of a clause ("… said that Kabul …") are
# `reporting.THAT`; "and" joins two capitals ("Dushanbe and Kabul accuse each other").
AND = {"fa": "و", "ar": "و", "ru": "и", "tg": "ва", "en": "and"}
_CLAUSE_START = re.compile(r"(?:^|[.!?؟،,;؛:«»\"“”(\n])[\s\u200c]*$")


def _located(text: str, hit: Hit, lang: str) -> bool:
    before = w.fold(text[max(0, hit.start - 2) : hit.start])
    attached = before[-1:] != "" and before[-1:] in _ATTACHED
    if lang in ("ar", "fa") and attached and not before[-2:-1].isalpha():
        return True
    return cue_before(text, hit.start, LOCATIVE.get(lang, []))


def _subject_place(text: str, hit: Hit, lang: str) -> bool:
    """Where a subject stands: opening a clause, or right after "that"."""
    opens = bool(_CLAUSE_START.search(text[max(0, hit.start - 40) : hit.start]))
    return opens or cue_before(text, hit.start, THAT.get(lang, []))


def _conjoined(text: str, hit: Hit, capitals: list[Hit], lang: str) -> bool:
    """Two capitals joined by "and" ("Dushanbe and Kabul accuse each other")."""
    for other in capitals:
        first, second = (hit, other) if hit.start < other.start else (other, hit)
        near = 0 < second.start - first.end <= 6  # " و ", " and "
        if near and text[first.end : second.start].strip() == AND.get(lang):
            return True
    return False


def mark_governments(text: str, hits: list[Hit], lang: str) -> list[Hit]:
    """A capital named bare as a subject (not "in", "at" or "to" it) is read as its
    government, and the hit says so."""
    capitals = [h for h in hits if h.key in CAPITALS]
    out = []
    for hit in hits:
        bare = hit.key in CAPITALS and not _located(text, hit, lang)
        if bare and (_subject_place(text, hit, lang) or _conjoined(text, hit, capitals, lang)):
            hit = hit.because(PlaceReason.GOVERNMENT)
        out.append(hit)
    return out


# Words before a place (up to two words between: "со стороны афганского уезда …") that make
# it where someone came from, or the bank across from where it happened.
ORIGIN_CUES = {
    "fa": [
        *("از خاک", "از سوی", "از سمت", "از جانب", "از آن سوی", "از طرف", "روبروی", "مقابل"),
        *("از قلمرو", "از داخل خاک"),
        *("هم‌مرز با", "هم مرز با", "همسرحد با", "هم‌جوار با", "همجوار", "در مجاورت", "مجاور"),
    ],
    "ar": [
        *("من الأراضي", "من أراضي", "من جهة", "من الجانب", "من داخل", "من الضفة", "المقابلة"),
        *("المحاذي", "المحاذية", "المتاخمة", "المتاخم", "المجاورة", "المجاور", "المتاخمه"),
    ],
    "ru": [
        *("со стороны", "с территории", "с берега", "с афганского берега", "напротив", "из"),
        *("с таджикского берега", "с противоположного берега"),
        *("граничит с", "граничащего с", "граничащей с", "граничащем с", "граничащий с"),
    ],
    "tg": [
        *("аз тарафи", "аз хоки", "аз соҳили", "аз ҷониби", "аз қаламрави", "муқобили"),
        *("ҳаммарз бо", "ҳамсарҳад бо"),
    ],
    "en": [
        *("from", "from the territory of", "opposite", "across from"),
        *("borders", "bordering", "adjacent to", "which borders", "that borders"),
    ],
}
_GAP_WORDS = 2


def _from_there(text: str, hit: Hit, lang: str) -> bool:
    before = w.fold(text[max(0, hit.start - 80) : hit.start]).lower()
    before = re.split(r"[.!?؟,،;؛:«»\"“”()]", before)[-1]
    words = re.split(r"[\s\u200c]+", before.strip()) if before.strip() else []
    for cue in ORIGIN_CUES.get(lang, []):
        want = re.split(r"[\s\u200c]+", w.fold(cue).lower())
        gap = 0 if want == ["из"] else _GAP_WORDS  # Russian "из" only right before the name
        for k in range(gap + 1):
            between = words[len(words) - k :] if k else []
            if any(x in _TARGETS.get(lang, ()) for x in between):
                break  # "من الأراضي الأفغانية على منطقة دارواز": onto it, not from it
            if words[len(words) - k - len(want) : len(words) - k] == want:
                return True
    return False


# Words between an origin cue and a place that make the place where they went: "on",
# "into", "to".
_TARGETS = {
    "ar": frozenset({"على", "علی", "في", "فی", "إلى", "الى", "الی"}),
    "ru": frozenset({"в", "во", "на", "к"}),
    "fa": frozenset({"به", "در", "بر"}),
    "tg": frozenset({"ба", "дар"}),
    "en": frozenset({"into", "in", "on", "at", "to", "onto"}),
}


def mark_origins(text: str, hits: list[Hit], lang: str) -> list[Hit]:
    """A place named as where someone came from, across the river, or as what the place
    borders ("Dovang, which borders Shamsiddin Shohin district") says so; so does a place
    that only qualifies it ("с территории уезда Шахри Бузург провинции Бадахшан")."""
    out: list[Hit] = []
    for hit in hits:
        if _from_there(text, hit, lang) or (out and _qualifies(text, out[-1], hit)):
            hit = hit.because(PlaceReason.ORIGIN)
        out.append(hit)
    return out


_JOINING = re.compile(r"[\s,،()\u200c]*")


def _qualifies(text: str, before: Hit, hit: Hit) -> bool:
    """Whether hit follows an origin with only kind words between ("провинции", "of the",
    "ولایت"): the province of the district someone came from."""
    if PlaceReason.ORIGIN not in before.reasons or not 0 <= hit.start - before.end <= 30:
        return False
    words = re.split(r"[\s,،()\u200c]+", text[before.end : hit.start].strip(" ,،()"))
    return all(not x or squash(x) in KINDS for x in words) or bool(
        _JOINING.fullmatch(text[before.end : hit.start])
    )


def speaker_seat(etype: EventType | None, who: list[Hit]) -> list[Hit]:
    """For a statement or meeting naming no place, the seat of its first actor with one."""
    if etype not in SEATED_TYPES:
        return []
    why = SEATED_TYPES[etype]
    for hit in who:
        if hit.key in SEATS:
            note = f"{hit.key}, named as '{hit.text}'"
            return [Hit(hit.start, hit.end, SEATS[hit.key], hit.text, note, frozenset({why}))]
    return []


def is_call(text: str, lang: str) -> bool:
    """Whether a sentence tells of a telephone call."""
    folded = w.fold(text).lower()
    return any(
        re.search(rf"(?<!\w){re.escape(w.fold(word))}(?!\w)", folded)
        for word in CALL_WORDS.get(lang, [])
    )


def call_seat(who: list[Hit]) -> list[Hit]:
    """A telephone call naming no place where it was held: the seat of its party in
    Tajikistan, else Afghanistan, else its first party's."""
    seated = [h for h in who if h.key in SEATS]
    if not seated:
        return []
    end = min(seated, key=lambda h: CALL_ENDS.index(s) if (s := SEATS[h.key]) in CALL_ENDS else 9)
    note = f"{end.key}, named as '{end.text}': a telephone call, drawn at this end"
    reasons = frozenset({PlaceReason.HOST_SEAT})
    return [Hit(end.start, end.end, SEATS[end.key], end.text, note, reasons)]


def _rank(hit: Hit, places: Mapping[str, Place]) -> tuple[float, int]:
    kind: float = KIND_RANK.get(places[hit.key].kind, 5)
    if hit.reasons & STANDS_IN:
        kind = KIND_RANK["border"] + 0.5  # a government, or a place someone came from
    return kind, -(hit.end - hit.start)


def best_place(hits: list[Hit], places: Mapping[str, Place]) -> Hit | None:
    """The most precise place named: a town before a district before a province, the longer
    name first among equals ("a mountain region of X" before "border"); a capital named
    only as its government after every place named as a place. Of two places one name
    gives (Darvoz in Tajikistan, Darwaz in Afghanistan), the one in the country the other
    places named lie in ("… of Gorno-Badakhshan, Tajikistan")."""
    country = _country_named(hits, places)
    return min(
        hits,
        key=lambda h: (*_rank(h, places), places[h.key].country != country),
        default=None,
    )


def _country_named(hits: list[Hit], places: Mapping[str, Place]) -> str | None:
    """The country most places named as where lie in (stand-ins aside)."""
    counts: dict[str, int] = {}
    for h in hits:
        country = places[h.key].country
        named_as_where = not h.reasons & STANDS_IN
        if country and named_as_where and places[h.key].kind != "country":
            counts[country] = counts.get(country, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None


LOOK_BACK = 400  # characters: no place is borrowed from further back


def borrowed_place(
    text: str,
    hits: list[Hit],
    span: tuple[int, int],
    sentences: list[Sentence],
    places: Mapping[str, Place],
) -> list[Hit]:
    """The most precise place of the nearest earlier sentence naming one, marked borrowed."""
    # A paragraph ends at a blank line; look no further back than LOOK_BACK characters.
    window = max(0, span[0] - LOOK_BACK)
    blank = max(text.rfind("\n\n", window, span[0]), text.rfind("\n\r\n", window, span[0]))
    floor = max(blank + 1, window)
    lo = bisect.bisect_left(hits, floor, key=lambda h: h.start)
    hi = bisect.bisect_left(hits, span[0], key=lambda h: h.start)
    before = [h for h in hits[lo:hi] if h.end <= span[0]]
    if not before:
        return []
    at = bisect.bisect_right(sentences, before[-1].start, key=lambda s: s.start)
    holder = sentences[max(0, at - 1)]
    same = [h for h in before if h.start >= holder.start]
    best = best_place(same, places)
    assert best is not None
    return [best.because(PlaceReason.INHERITED)]


def guarded_places(
    sentence: str, at: int, lang: str, trigger: str | None, hits: list[Hit]
) -> list[Hit]:
    """A handover's place is what it hands over: the places named after its words ("was
    responsible for guarding the border"), not one the sentence names before them ("had
    troops outside Dushanbe and until 2005 was responsible for guarding the border")."""
    if trigger is None or trigger not in HANDOVER.get(lang, []):
        return hits
    found = stem_rx(trigger, lang).search(w.fold(sentence).lower())
    after = [h for h in hits if found is not None and h.start >= at + found.start()]
    return after or hits
