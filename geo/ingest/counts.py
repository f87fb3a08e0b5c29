"""Killed and injured counts a sentence states: digits, number words, Arabic duals, and a
person named in the singular (`geo.ingest.people`); every group of a sentence added ("one
soldier and four gunmen died": 5), each group with the class of victims it counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from geo.ingest import words as w
from geo.ingest.events import earlier_events, mentions, stem_rx
from geo.ingest.joined import conjoined, subject_of_later
from geo.ingest.not_counts import not_counts
from geo.ingest.people import (
    companion,
    far_subject,
    is_verb_ar,
    joined_value,
    lowered,
    number_at,
    one_after,
    one_at_verb,
    restated,
    singular_beyond,
    starts_person,
    vague_groups,
    vague_near,
)
from geo.ingest.toll_words import (
    AR_SUBJECT,
    CLAUSE_BREAKS,
    CONDITIONAL,
    LOOK,
    MORTAL,
    NEGATED_AFTER,
    NEGATED_BEFORE,
    VERBAL_NOUN_REACH,
    VERBAL_NOUNS,
    WINDOW,
    WINDOW_VERB_LAST,
)
from geo.ingest.triggers import INCLUDING, INJURED, KILLED
from geo.ingest.victims import victim_class

_TOKEN = re.compile(rf"{w.WORD.pattern}|[,،;؛]")  # words, and the commas that end a group


Span = tuple[int, int]


@dataclass(frozen=True)
class Counts:
    """Killed and injured as the sentence states them (None: no number given), and the
    words that state each (from the number to its verb, offsets into the sentence)."""

    killed: int | None
    injured: int | None
    killed_at: Span | None = None
    injured_at: Span | None = None
    killed_groups: tuple[Group, ...] = ()
    injured_groups: tuple[Group, ...] = ()
    # "مقتل وإصابة أربعة", "four were killed or wounded": one number for both, a total of
    # the killed and the injured together (neither toll), and its words.
    either: Group | None = None
    # Classes of victims counted with no number ("several smugglers and two soldiers were
    # killed": "militant"): the sentence states no total for them.
    vague_killed: tuple[str, ...] = ()
    vague_injured: tuple[str, ...] = ()


@dataclass(frozen=True)
class Group:
    """One group counted: "two border guards" (value 2, class "security")."""

    value: int
    span: Span  # from the number to its verb, offsets into the sentence
    victims: str  # see VICTIMS: "security", "militant", "civilian", or "people"
    number: int = -1  # where the number stands (offset into the sentence)


_INCLUDING = {lang: [lowered(c).split() for c in cues] for lang, cues in INCLUDING.items()}


def _after_including(tokens: list[str], lang: str) -> set[int]:
    """Numbers right after "including" (up to two words later): part of a total, within
    its clause only ("أصيب 4 منهم بجروح وقتل واحد": the "one" is the next verb's)."""
    low = [lowered(t) for t in tokens]
    out: set[int] = set()
    for cue in _INCLUDING.get(lang, []):
        for k in range(len(low) - len(cue) + 1):
            if low[k : k + len(cue)] == cue:
                out |= set(_in_clause(tokens, k + len(cue), min(len(low), k + len(cue) + 3), lang))
    return out


def _in_clause(tokens: list[str], start: int, stop: int, lang: str) -> range:
    """Tokens from start up to stop, ending before a word of killing or injuring or a break
    that opens another clause."""
    stems = KILLED[lang] + INJURED[lang]
    for i in range(start, stop):
        low = lowered(tokens[i])
        if low in CLAUSE_BREAKS or mentions(low, stems, lang) or (lang == "ar" and is_verb_ar(low)):
            return range(start, i)
    return range(start, stop)


def _score(tokens: list[str], i: int, at: int, lang: str) -> float:
    """Distance from the verb, less for a number before a person noun, more across "and"
    (a word of its own, or the "و"/"ف" on an Arabic verb that opens a clause: in "قتل
    جنديان وأصيب 5 آخرون" the two soldiers are the killed, the wounded are five)."""
    person = i + 1 < len(tokens) and starts_person(tokens[i + 1], lang)
    between = tokens[min(i, at) + 1 : max(i, at)]
    crosses = any(w.fold(t).lower() in CLAUSE_BREAKS for t in between)
    crosses = crosses or (i < at and _opens_clause(tokens[at], lang))
    return abs(i - at) - (3 if person else 0) + (5 if crosses else 0)


def _opens_clause(verb: str, lang: str) -> bool:
    """An Arabic verb joined to the clause before it by "و" or "ف" ("وقتل", "فأصيب")."""
    return lang == "ar" and lowered(verb)[:1] in ("و", "ف") and is_verb_ar(verb)


def _count_near(tokens: list[str], at: int, lang: str, skip: set[int]) -> tuple[int, int] | None:
    """The number nearest the verb at token `at`, not a skipped token: (value, its index)."""
    before, after = LOOK.get(lang, (True, True))
    reach = WINDOW_VERB_LAST if lang in ("fa", "tg") else WINDOW
    lo = at - reach if before else at + 1
    if lang == "ar" and is_verb_ar(tokens[at]):
        lo = at - AR_SUBJECT
    hi = at + reach + 1 if after else at
    if _verbal_noun(tokens, at, lang):
        hi = at + VERBAL_NOUN_REACH + 1  # "کشته شدن دو مرزبان": the killing of two guards
    best: tuple[float, int, int] | None = None
    vague = vague_near(tokens, at, lang)
    for i in range(max(0, lo), min(len(tokens), hi)):
        value = number_at(tokens, i, lang) if i != at and i not in skip else None
        if value is not None and i > at and subject_of_later(tokens, i, lang):
            continue  # "a guard was killed and two smugglers were wounded": theirs
        if value is None or (vague is not None and min(i, at) < vague < max(i, at)):
            continue  # "погибли трое, ещё несколько ранены": the injured are not counted
        score = _score(tokens, i, at, lang)
        if best is None or score < best[0]:
            best = (score, value, i)
    return (best[1], best[2]) if best else None


def _verbal_noun(tokens: list[str], at: int, lang: str) -> bool:
    nouns = VERBAL_NOUNS.get(lang)
    if not nouns:
        return False
    return any(lowered(t).startswith(nouns) for t in tokens[at : at + 2])


def _negated(tokens: list[str], at: int, lang: str) -> bool:
    before = tokens[at - 1].lower() if at > 0 else ""
    after = lowered(tokens[at + 1]) if at + 1 < len(tokens) else ""
    return before in NEGATED_BEFORE.get(lang, ()) or after.startswith(NEGATED_AFTER.get(lang, ()))


_MARKS = f"[{w.AR_MARKS}]*"  # tatweel and Arabic diacritics, written or not


def _tolerant(phrase: str) -> str:
    """A phrase whose Arabic-script letters may carry diacritics: "قُتلوا" is "قتلوا"."""
    return "".join(
        re.escape(c) + (_MARKS if "\u0600" <= c <= "\u06ff" else "") for c in lowered(phrase)
    )


@cache
def _alternation(phrases: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile("|".join(_tolerant(p) for p in ordered), re.IGNORECASE)


def _phrase_at(text: str, phrases: list[str]) -> list[int]:
    """Where the phrases start, in the text's own offsets (folding is one character for
    one; lowercasing is not: "İ".lower() is two)."""
    return [m.start() for m in _alternation(tuple(phrases)).finditer(w.fold(text))]


def _verb_tokens(text: str, spans: list[Span], lang: str, which: str) -> list[int]:
    verbs = KILLED[lang] if which == "killed" else INJURED[lang]
    out: list[int] = []
    for pos in _phrase_at(text, verbs):
        at = next((i for i, (s, e) in enumerate(spans) if s <= pos < e), None)
        if at is not None and at not in out:
            out.append(at)
    return out


def _mortal(tokens: list[str], at: int) -> bool:
    return at > 0 and lowered(tokens[at - 1]).startswith(MORTAL)


def _groups(text: str, lang: str, which: str) -> tuple[list[Group], tuple[str, ...]]:
    """Every count a verb of killing (or injuring) takes in text, each number once, and
    the classes of victims it counts with no number ("several smugglers")."""
    spans = [m.span() for m in _TOKEN.finditer(text)]
    tokens = [text[s:e] for s, e in spans]
    skip = not_counts(text, spans, tokens, lang) | _after_including(tokens, lang)
    used: set[int] = set()
    out: list[Group] = []
    verbs = _verb_tokens(text, spans, lang, "killed") + _verb_tokens(text, spans, lang, "injured")
    vague: list[int] = []
    for at in _verb_tokens(text, spans, lang, which):
        if _negated(tokens, at, lang) or (which == "injured" and _mortal(tokens, at)):
            continue
        one = one_after(tokens, at, lang)
        found = (1, one) if one is not None else _count_near(tokens, at, lang, skip | used)
        if found is not None and singular_beyond(tokens, found[1], at, lang, which):
            found = None  # "трое погибли, командир ранен": the wounded one is one
        companions: list[int] = []
        if found is None and lang in ("ru", "en"):
            found = far_subject(tokens, at, lang, skip | used, verbs)
        if found is None and (one := one_at_verb(tokens, at, lang, which)) is not None:
            found = (1, one)
            companions = [c] if (c := companion(tokens, at, lang)) is not None else []
        joined = (
            []
            if found is None or found[1] in used
            else _joined(tokens, found, at, lang, skip | used) + companions
        )
        vague += vague_groups(tokens, at, joined, verbs, lang)
        for j in joined:
            value = found[0] if found and j == found[1] else joined_value(tokens, j, lang) or 0
            value = 1 if j in companions else value
            out.append(_group(tokens, spans, j, at, value, lang))
            used.add(j)
    classes = (victim_class(tokens, v, lang) for v in vague)
    return out, tuple(dict.fromkeys(classes))


def _joined(
    tokens: list[str], found: tuple[int, int], at: int, lang: str, skip: set[int]
) -> list[int]:
    """The number found and those joined to it by "and"."""
    return [found[1], *conjoined(tokens, found[1], at, lang, skip)]


def _group(tokens: list[str], spans: list[Span], j: int, at: int, value: int, lang: str) -> Group:
    """The group the number at j counts for the verb at `at`."""
    first, last = min(j, at), max(j, at)
    victims = "people" if restated(tokens, j, lang) else victim_class(tokens, j, lang)
    if victims == "people":  # "سه تروریست … هر سه آنان از پا درآمدند": the three
        victims = _named_before(tokens, j, value, lang)
    return Group(value, (spans[first][0], spans[last][1]), victims, spans[j][0])


def _named_before(tokens: list[str], j: int, value: int, lang: str) -> str:
    """The class of the same number named earlier in the sentence with its noun ("three
    terrorists … all three of them were killed"), or people."""
    for k in range(j - 1, -1, -1):
        if number_at(tokens, k, lang) == value:
            named = victim_class(tokens, k, lang)
            if named != "people":
                return named
    return "people"


def class_named(text: str, value: int, lang: str) -> str:
    """The class of victims a number counts where text names it with its noun ("three
    members of a terrorist group crossed …": militant), or people."""
    tokens = _TOKEN.findall(text)
    for k in range(len(tokens)):
        if (
            number_at(tokens, k, lang) == value
            and (cls := victim_class(tokens, k, lang)) != "people"
        ):
            return cls
    return "people"


def _total(groups: list[Group]) -> tuple[int, Span] | None:
    if not groups:
        return None
    span = (min(g.span[0] for g in groups), max(g.span[1] for g in groups))
    return sum(g.value for g in groups), span


_OR = frozenset({"", "و", "and", "or", "и", "или", "ва", "ё", "یا", "أو", "او"})


def _verb_word(sentence: str, g: Group) -> tuple[int, int]:
    """Where the verb of a group stands: at its end when the number comes first."""
    if g.number == g.span[0]:
        starts = [m for m in w.WORD.finditer(sentence, 0, g.span[1]) if m.end() == g.span[1]]
        return (starts[-1].start(), g.span[1]) if starts else (g.span[1], g.span[1])
    m = w.WORD.match(sentence, g.span[0])
    return (g.span[0], m.end()) if m else (g.span[0], g.span[0])


def _verbs_joined(sentence: str, a: Group, b: Group) -> bool:
    """Whether the verbs of two groups stand side by side, joined by "and" or "or" at most
    ("مقتل وإصابة", "killed or wounded", "убиты и ранены")."""
    first, second = sorted((_verb_word(sentence, a), _verb_word(sentence, b)))
    between = sentence[first[1] : second[0]].strip().lower()
    if sentence[second[0] : second[0] + 1] == "و" and not between:
        return True  # "وإصابة": the Arabic "and" on the word
    return between in _OR


_CLAUSE_BREAK = re.compile(r"[.,،;؛:!?؟]")


def _conditions(sentence: str, lang: str) -> list[int]:
    """Where a condition opens ("if they kill a smuggler"): no toll in its clause."""
    folded = w.fold(sentence).lower()
    return [m.start() for cue in CONDITIONAL[lang] for m in stem_rx(cue, lang).finditer(folded)]


def _of_earlier(sentence: str, g: Group, earlier: list[int]) -> bool:
    """A toll in the clause of an earlier event ("weeks after an attack that killed three
    workers") or of a condition ("if they kill a smuggler"): not this sentence's."""
    return any(e < g.span[0] and not _CLAUSE_BREAK.search(sentence, e, g.span[1]) for e in earlier)


def casualties(sentence: str, lang: str) -> Counts:
    """Killed and injured counts a sentence states, from digits or number words; the groups
    of one sentence added up ("one soldier and four gunmen died": 5). One number both verbs
    take ("مقتل وإصابة أربعة") is the killed and injured together: neither toll."""
    (killed, vague_killed), (injured, vague_injured) = (
        _groups(sentence, lang, "killed"),
        _groups(sentence, lang, "injured"),
    )
    earlier = earlier_events(sentence, lang) + _conditions(sentence, lang)
    killed = [g for g in killed if not _of_earlier(sentence, g, earlier)]
    injured = [g for g in injured if not _of_earlier(sentence, g, earlier)]
    shared = {
        k.number
        for k in killed
        for i in injured
        if k.number == i.number and _verbs_joined(sentence, k, i)
    }
    either = next((g for g in killed if g.number in shared), None)
    killed = [g for g in killed if g.number not in shared]
    injured = [g for g in injured if g.number not in shared]
    k, i = _total(killed), _total(injured)
    return Counts(
        k[0] if k else None,
        i[0] if i else None,
        k[1] if k else None,
        i[1] if i else None,
        tuple(killed),
        tuple(injured),
        either,
        vague_killed,
        vague_injured,
    )


def mentions_casualty(sentence: str, lang: str) -> bool:
    """Whether a sentence speaks of anyone killed or injured."""
    folded = w.fold(sentence).lower()
    return mentions(folded, KILLED[lang], lang) or mentions(folded, INJURED[lang], lang)
