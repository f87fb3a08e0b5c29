"""Counts joined to a counted number by "and" or a comma, each another group of the same
verb: "one soldier and four gunmen died" (1 + 4), "погибли двое пограничников и трое
боевиков", "two engineers and a driver were wounded"; not "погибли двое, трое ранены" (the
three are another verb's) nor "killed two and arrested three".
"""

from __future__ import annotations

from geo.ingest.events import mentions
from geo.ingest.people import counts_people, joined_value, lowered, number_at
from geo.ingest.toll_words import AND_WORDS, CLAUSE_BREAKS, ENDS_GROUP, LOOK
from geo.ingest.triggers import INJURED, KILLED


def conjoined(tokens: list[str], i: int, at: int, lang: str, skip: set[int]) -> list[int]:
    """Numbers joined to the one at i by "and" or a comma, further from the verb: "one
    soldier and four gunmen died", "погибли двое пограничников и трое боевиков"."""
    away = _conjoined_side(tokens, i, at, lang, skip, -1 if i < at else 1)
    return away + _conjoined_side(tokens, i, at, lang, skip, 1 if i < at else -1)


# Tokens from one counted number to the next one joined to it: the first group's noun may
# run long ("двое сотрудников погранслужбы Таджикистана и трое боевиков").
_REACH = 6


def _conjoined_side(
    tokens: list[str], i: int, at: int, lang: str, skip: set[int], step: int
) -> list[int]:
    """Joined numbers on one side of i (towards the verb: "two engineers and a driver
    were wounded"; away from it: "one soldier and four gunmen died")."""
    found: list[int] = []
    joined, j = False, i + step
    if step > 0 and not LOOK.get(lang, (True, True))[1] and j > at:
        return found  # verb last: a number after the verb is the next clause's
    while 0 <= j < len(tokens) and j != at and abs(j - (found[-1] if found else i)) <= _REACH:
        low = lowered(tokens[j])
        if lang == "ar" and low[:1] == "و" and number_at(tokens, j, lang) is not None:
            joined = True  # "ثلاثة من الإرهابيين واثنين من عناصر": the "and" on the number
        if low in AND_WORDS:
            joined = True
        elif _a_toll_verb(low, lang) or low in ENDS_GROUP:
            break
        elif joined and j not in skip and joined_value(tokens, j, lang) is not None:
            later = j > at and subject_of_later(tokens, j, lang)  # "… and three were wounded"
            if later or _verb_next(tokens, j, step, lang) or not counts_people(tokens, j, lang):
                break  # "погибли двое, трое ранены"; "killed two and arrested three"
            found.append(j)
            joined = False
        j += step
    return found


def _a_toll_verb(low: str, lang: str) -> bool:
    """A word of killing or injuring, in Arabic also with "and" or "so" written on it
    ("وقتل ثلاثة أفغان وجرح أربعة": the four are the wounded, not more dead)."""
    stems = KILLED[lang] + INJURED[lang]
    bare = low[1:] if lang == "ar" and low[:1] in ("و", "ف") and len(low) > 3 else low
    return mentions(low, stems, lang) or mentions(bare, stems, lang)


def _verb_next(tokens: list[str], j: int, step: int, lang: str) -> bool:
    ahead = tokens[j + step : j + 3 * step : step] if step > 0 else tokens[max(0, j - 2) : j]
    return any(mentions(lowered(t), KILLED[lang] + INJURED[lang], lang) for t in ahead)


# Auxiliaries a later verb of killing or injuring follows: "two smugglers were wounded",
# "ещё четыре человека были ранены".
_AUXILIARIES = {
    "en": ("were", "was", "are", "is", "have", "has", "had"),
    "ru": ("был", "была", "были", "было"),
}


def subject_of_later(tokens: list[str], i: int, lang: str) -> bool:
    """A number after the verb that is the subject of a later one ("… killed and two
    smugglers were wounded", "погибли трое граждан и ещё четыре человека были ранены"):
    within four words, an auxiliary ("were", "были") and a word of killing or injuring."""
    if lang not in _AUXILIARIES:
        return False
    ahead = [lowered(t) for t in tokens[i + 1 : i + 6]]
    for k, word in enumerate(ahead):
        if word in CLAUSE_BREAKS:
            return False
        if word in _AUXILIARIES[lang] and k + 1 < len(ahead):
            rest = " ".join(ahead[k + 1 : k + 3])
            return mentions(rest, KILLED[lang] + INJURED[lang], lang)
    return False
