"""Who a count counts: the class of victims a number names (security forces, militants,
civilians), or people at large ("five people … in an armed clash")."""

from __future__ import annotations

from geo.ingest.people import VICTIM_STEMS, bare_ar, lowered, number_at, victim_word
from geo.ingest.toll_words import CLAUSE_BREAKS, OF_WORDS, PEOPLE_AT_LARGE, PHRASE_ENDS

_AT_LARGE = {lang: frozenset(lowered(x) for x in xs) for lang, xs in PEOPLE_AT_LARGE.items()}


def _at_large(after: list[str], lang: str) -> bool:
    """ "five people …", not "three of the guards" ("سه تن از مرزبانان") nor a classifier
    before its noun ("3 нафар қочоқбари афғон": three smugglers)."""
    if not after or lowered(after[0]) not in _AT_LARGE.get(lang, ()):
        return False
    nxt = lowered(after[1]) if len(after) > 1 else ""
    return nxt not in OF_WORDS and not victim_word(nxt, lang)


def victim_class(tokens: list[str], i: int, lang: str) -> str:
    """Who the number at token i counts: the class of the next two words ("двое
    пограничников": security), of the word itself (an Arabic dual), or "people" (also
    when a word for people at large follows it: "five people … in an armed clash")."""
    if number_at(tokens, i, lang) is not None and _at_large(tokens[i + 1 : i + 3], lang):
        return "people"
    near: list[str] = []
    for token in tokens[i : i + 5]:  # "two Tajik border guards": the noun a few words on
        if near and (token in CLAUSE_BREAKS or lowered(token) in PHRASE_ENDS):
            break  # "ду афғон тавассути марзбонони тоҷик": the guards are who killed them
        near.append(token)
    back = []  # a count read from a verb ("полковник … ҳалок гардид") names who before it
    for token in reversed(tokens[max(0, i - 10) : i] if number_at(tokens, i, lang) is None else []):
        if token in CLAUSE_BREAKS:
            break
        back.append(token)
    # "عناصر من التنظيم" (members of the group), "عناصر حرس الحدود" (of the border guard):
    # a word for members says nothing; the word after it does.
    for token in [*near, *back]:
        bare = bare_ar(token) if lang == "ar" else lowered(token)
        for cls, by_lang in VICTIM_STEMS.items():
            if bare.startswith(by_lang.get(lang, ())):
                return cls
    return "people"
