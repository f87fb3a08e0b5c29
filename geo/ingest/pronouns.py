"""The dead named by a pronoun: "Three members of a group crossed the border … They opened
fire and were killed in a shootout" counts the three. A reader takes "they" for the people
counted just before; the toll is that number, and the evidence says which words."""

from __future__ import annotations

import re

from geo.ingest import words as w
from geo.ingest.analysis import Analysis, Info, Kind
from geo.ingest.events import mentions
from geo.ingest.evidence import Read
from geo.ingest.not_counts import MONTHS
from geo.ingest.people import counts_people, lowered, number_at
from geo.ingest.triggers import KILLED
from geo.ingest.victims import victim_class

# Pronouns that stand for people told before, as the subject of a verb of killing.
PRONOUNS = {
    "en": ("they",),
    "ru": ("они",),
    "fa": ("آنها", "آنان", "ایشان"),
    "tg": ("онҳо",),
}
_TOKEN = re.compile(w.WORD.pattern)
BACK = 5  # sentences looked back for the people counted


def _tokens(text: str) -> list[tuple[str, int]]:
    return [(m.group(0), m.start()) for m in _TOKEN.finditer(text)]


def _pronoun_killed(text: str, lang: str) -> bool:
    """A pronoun then, in its sentence, a verb of killing, and no other count of people."""
    words = [t for t, _ in _tokens(text)]
    low = [w.fold(t).lower() for t in words]
    at = next((i for i, t in enumerate(low) if t in PRONOUNS.get(lang, ())), None)
    if at is None:
        return False
    rest = words[at + 1 :]
    counted = (number_at(words, k, lang) for k in range(at + 1, len(words)))
    return mentions(w.fold(" ".join(rest)).lower(), KILLED[lang], lang) and all(
        n in (None, 1)
        for n in counted  # "one of the posts" counts no one
    )


def restated_dead(an: Analysis, core: list[Info]) -> tuple[int, str, int, int] | None:
    """The number of people a pronoun of the incident's sentences stands for, their class,
    and where the number was read (article offsets), or None."""
    text, lang = an.article.text, an.article.lang
    for info in core:
        s = info.sentence
        if info.counts.killed is not None or not _pronoun_killed(text[s.start : s.end], lang):
            continue
        for before in reversed(an.infos[max(0, info.index - BACK) : info.index]):
            found = _counted(text, before, lang)
            if found is not None:
                return found
    return None


def _counted(text: str, info: Info, lang: str) -> tuple[int, str, int, int] | None:
    s = info.sentence
    pairs = _tokens(text[s.start : s.end])
    words = [t for t, _ in pairs]
    for k in range(len(words)):
        value = number_at(words, k, lang)
        day = k + 1 < len(words) and lowered(words[k + 1]) in MONTHS.get(lang, frozenset())
        if value is not None and value > 1 and not day and counts_people(words, k, lang):
            start = s.start + pairs[k][1]
            return value, victim_class(words, k, lang), start, start + len(words[k])
    return None


PRONOUN_BEFORE = 2  # sentences before an incident's first where "they … were killed" is its


def told(an: Analysis, core: list[Info]) -> list[Info]:
    """The sentences telling of an incident: its own, those between them, and up to two
    just before the first ("Four fighters crossed. They were liquidated. Two guards died"),
    but not another incident's violence."""
    if not core:
        return []
    first, own = core[0].index, {i.index for i in core}
    start = first
    while start > 0 and first - start < PRONOUN_BEFORE:
        if an.infos[start - 1].kind is Kind.VIOLENCE:
            break
        start -= 1
    span = an.infos[start : core[-1].index + 1]
    return [i for i in span if i.index in own or i.kind is not Kind.VIOLENCE]


def they_dead(
    an: Analysis, core: list[Info], killed: int | None, classes: set[str], reads: list[Read]
) -> int | None:
    """ "Three members crossed … They were killed": the people counted before, the whole toll
    when none is stated, or added when they are of another class than those counted ("…
    They were liquidated. Two guards died": 3 militants + 2 guards). The read goes to
    `reads`."""
    said = restated_dead(an, told(an, core))
    if said is None or (killed is not None and (said[1] == "people" or said[1] in classes)):
        return killed
    total = said[0] + (killed or 0)
    how = f"counted as {total}: {said[0]} ({said[1]}), 'they', the people counted before"
    reads.append(Read("fatalities", said[2], said[3], how=how))
    return total
