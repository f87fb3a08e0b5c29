"""A place named as an office's province, district or town ("the governor of Balkh
province", "the Badakhshan police chief", "пресс-секретарь полиции провинции Кундуз",
"سخنگوی والی تخار", "сухангӯи волии Тахор") says who spoke or acted, not where the event
happened: like a government, it gives way to any place named as where, and violence never
takes it as its place."""

from __future__ import annotations

import re

from geo.ingest import words as w
from geo.ingest.fuzzy import KINDS, squash
from geo.ingest.matching import Hit
from geo.ingest.reasons import PlaceReason

# Office words before the place: a person's office ("governor of", "والی",
# "пресс-секретарь"); the place may follow them after up to `_GAP` words of a place's kind,
# an institution or joining ("of the police of", "provincial", "полиции провинции"). An
# institution alone ("police in Kunduz", "پلیس قندوز") is not an office: it is attacked
# where it is, so "gunmen attacked the police of Farkhor district" stays placed there.
OFFICE_BEFORE = {
    "en": [
        *("governor of", "governor for", "governor in", "police chief of", "police chief in"),
        *("chief of police of", "head of", "mayor of", "spokesman for"),
        *("spokesman of", "spokesperson for", "spokeswoman for"),
    ],
    "ru": [
        *("губернатор", "губернатора", "губернатором", "глава", "главы", "главой"),
        *("начальник", "начальника", "председатель", "председателя", "командующий"),
        *("командующего", "пресс-секретарь", "пресс-секретаря", "представитель"),
        *("представителя", "спикер", "спикера"),
    ],
    "fa": [
        *("والی", "والي", "ولسوال", "استاندار", "شهردار", "فرمانده", "رئیس", "رییس"),
        *("سخنگوی", "سخنگو"),
    ],
    "ar": [*("والي", "حاكم", "محافظ", "قائد", "مدير", "رئيس", "متحدث", "المتحدث")],
    "tg": [*("волии", "волӣ", "раиси", "сардори", "фармондеҳи", "ҳокими", "сухангӯи")],
}
# Office words right after the place, after up to `_GAP` joining words ("the Badakhshan
# police chief", "a Takhar governor's spokesman"); "Kunduz police" alone is no office.
OFFICE_AFTER = {
    "en": ["governor", "governor's", "governors", "chief", "spokesman", "spokesperson", "mayor"],
}
# Words that may stand between the office word and the place: joining words, the office's
# own ("the head of the SCNS's office in GBAO"), the institutions an office belongs to,
# and an organisation's possessive.
_JOIN = frozenset(
    {
        *("of", "the", "for", "in", "'s", "’s", "provincial", "province's", "province"),
        *("office", "offices", "department", "branch", "directorate", "service", "capital"),
        *("и", "по", "وَ", "و", "ва", "амнияти", "امنیه", "امنیت", "الأمن", "امن"),
        *("police", "administration", "полиции", "администрации", "хукумата", "پلیس"),
        *("پولیس", "شرطة", "الشرطة", "حكومة", "полиси", "ҳукумати", "милитсияи"),
        *("управления", "управление", "отдела", "отдел", "службы"),
    }
)
_GAP = 4
# Cues that name an office only with its body between them and the place: "the head of
# the SCNS's office in GBAO", not "a post at the head of Vanj district" (a valley's head).
_OF_A_BODY = frozenset({"head of"})
_INSTITUTIONS = frozenset(
    {"office", "offices", "department", "branch", "directorate", "service", "police"}
    | {"administration", "полиции", "администрации", "управления", "отдела", "службы"}
)
# A town in apposition to the office's place ("the SCNS's office in GBAO's capital, Khorog"):
# the words before the comma end with one of these.
_SEAT = frozenset({"capital", "centre", "center", "столица", "центр", "центре", "маркази", "مرکز"})
_CUT = re.compile(r"[.!?؟,،;؛:«»\"“”()]")


def _words(chunk: str) -> list[str]:
    chunk = w.fold(chunk).lower().strip()
    return re.split(r"[\s\u200c]+", chunk) if chunk else []


def _joins(word: str) -> bool:
    return word in _JOIN or squash(word) in KINDS or word.endswith(("'s", "’s"))


def _before(text: str, hit: Hit) -> list[str]:
    """The words of the clause before the place; for a town set off by a comma after an
    office's seat ("GBAO's capital, Khorog"), those before the comma."""
    chunks = _CUT.split(text[max(0, hit.start - 120) : hit.start])
    words = _words(chunks[-1])
    if not words and len(chunks) > 1 and text[: hit.start].rstrip().endswith((",", "،")):
        seat = _words(chunks[-2])
        if not seat or seat[-1] not in _SEAT:
            return []
        seat = seat[:-1]  # the seat's word, and the province owning it ("GBAO's capital")
        return seat[:-1] if seat and seat[-1].endswith(("'s", "’s")) else seat
    return words


def _office_before(text: str, hit: Hit, lang: str) -> bool:
    words = _before(text, hit)
    for cue in OFFICE_BEFORE.get(lang, []):
        want = _words(cue)
        for k in range(_GAP + 1):
            between = words[len(words) - k :] if k else []
            if not all(_joins(x) for x in between):
                break
            found = words[len(words) - k - len(want) : len(words) - k] == want
            if found and (cue not in _OF_A_BODY or _INSTITUTIONS & set(between)):
                return True
    return False


def _office_after(text: str, hit: Hit, lang: str) -> bool:
    words = _words(_CUT.split(text[hit.end : hit.end + 60])[0].replace("'s", " 's"))
    offices = OFFICE_AFTER.get(lang, [])
    for k in range(_GAP + 1):
        if k < len(words) and words[k] in offices:
            return all(_joins(x) for x in words[:k])
    return False


def mark_offices(text: str, hits: list[Hit], lang: str) -> list[Hit]:
    """A place named as an office's ("governor of Balkh") says so."""
    return [
        hit.because(PlaceReason.OFFICE)
        if _office_before(text, hit, lang) or _office_after(text, hit, lang)
        else hit
        for hit in hits
    ]
