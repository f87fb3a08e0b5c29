"""What happened in a sentence: event type from trigger words, killed and injured counts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from geo.ingest import words as w
from geo.ingest.patterns import alt
from geo.ingest.triggers import (
    AFTER,
    CIVILIAN_WORDS,
    DETERMINERS,
    NOT_TRIGGERS,
    SPEECH,
    TOPIC,
    TRIGGERS,
)
from geo.model import EventType

KILLED = {
    "fa": ["کشته", "جان باخت", "جان خود را از دست", "هلاک", "جان سپرد"],
    "ar": ["مقتل", "قتل", "قتلى", "لقي حتفه", "لقوا حتفهم", "مصرع", "قتيل"],
    "ru": ["погиб", "убит", "гибел", "скончал"],
    "tg": ["кушта", "ҳалок", "фавтид", "ба ҳалокат"],
    "en": ["killed", "dead", "died", "death"],
}
INJURED = {
    "fa": ["زخمی", "مجروح", "جراحت"],
    "ar": ["إصابة", "أصيب", "جرحى", "جريح", "مصاب"],
    "ru": ["ранен", "ранения", "пострадал"],
    "tg": ["захмӣ", "маҷрӯҳ", "ярадор"],
    "en": ["injured", "wounded", "hurt"],
}
PERSON_NOUNS = {
    "fa": ["نفر", "تن", "کارگر", "سرباز", "مرزبان", "جنگجو", "عضو", "غیرنظامی", "شهروند"],
    "ar": ["مواطن", "مواطنين", "جنود", "جندي", "عناصر", "أشخاص", "شخص", "مسلح", "آخرين", "عمال"],
    "ru": ["человек", "пограничник", "военнослужащ", "боевик", "мирных", "граждан", "рабочи"],
    "tg": ["нафар", "сарбоз", "марзбон", "сарҳадбон", "ҷангҷӯ", "сокин", "коргар"],
    "en": ["people", "soldier", "guard", "worker", "civilian", "militant", "fighter", "person"],
}
# Where a word starts; Arabic writes و/ب/ل/ف and the article ال onto the word itself.
_WORD_START = r"(?<![\w\u200c])"
_START = {lang: _WORD_START for lang in ("fa", "ru", "tg", "en")}
_START["ar"] = _WORD_START + "(?:[وبلف]?ال|[وبلف])?"
_TOKEN = re.compile(r"[\w\u200c]+|[,،;؛]")
WINDOW = 12  # tokens between a number and its verb


Span = tuple[int, int]


@dataclass(frozen=True)
class Counts:
    """Killed and injured as the sentence states them (None: no number given), and the
    words that state each (from the number to its verb, offsets into the sentence)."""

    killed: int | None
    injured: int | None
    killed_at: Span | None = None
    injured_at: Span | None = None


def _low(word: str) -> str:
    return w.fold(word).lower()


# Folded once at import: these run for every token of every sentence.
_PERSONS = {lang: tuple(_low(s) for s in stems) for lang, stems in PERSON_NOUNS.items()}
_NUMBERS = {lang: {_low(k): v for k, v in table.items()} for lang, table in w.NUMBER_WORDS.items()}


def _starts(token: str, lang: str) -> bool:
    return _low(token).startswith(_PERSONS[lang])


def _number(token: str, lang: str) -> int | None:
    low = _low(token)
    if low.isdigit() and len(low) <= 4:
        return int(low)
    return _NUMBERS[lang].get(low)


# Where the number stands: before the verb in Dari and Tajik (verb last), after the
# noun of killing in Arabic ("مقتل خمسة"), either side in Russian and English.
LOOK = {"fa": (True, False), "tg": (True, False), "ar": (False, True)}
# A number across "and" or a comma usually belongs to another clause.
CLAUSE_BREAKS = {"و", "and", "и", "а", "ва", ",", "،", ";", "؛"}


def _score(tokens: list[str], i: int, at: int, lang: str) -> float:
    """Distance from the verb, less for a number before a person noun, more across "and"."""
    person = i + 1 < len(tokens) and _starts(tokens[i + 1], lang)
    between = tokens[min(i, at) + 1 : max(i, at)]
    crosses = any(w.fold(t).lower() in CLAUSE_BREAKS for t in between)
    return abs(i - at) - (3 if person else 0) + (5 if crosses else 0)


def _count_near(tokens: list[str], at: int, lang: str) -> tuple[int, int] | None:
    """The number nearest the verb at token `at`: (value, its token index)."""
    before, after = LOOK.get(lang, (True, True))
    lo = at - WINDOW if before else at + 1
    hi = at + WINDOW + 1 if after else at
    best: tuple[float, int, int] | None = None
    for i in range(max(0, lo), min(len(tokens), hi)):
        value = _number(tokens[i], lang)
        if value is None or i == at:
            continue
        score = _score(tokens, i, at, lang)
        if best is None or score < best[0]:
            best = (score, value, i)
    return (best[1], best[2]) if best else None


@cache
def _alternation(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(alt(list(phrases)).lower())


_MARKS = "[\u0640\u064b-\u0652\u0670]*"  # tatweel and Arabic diacritics, written or not


@cache
def _stem_rx(stem: str, lang: str) -> re.Pattern[str]:
    """A stem at the start of a word; in Arabic script, diacritics may sit between letters."""
    marks = _MARKS if lang in ("fa", "ar") else ""
    body = "".join(re.escape(c) + (marks if c.isalpha() else "") for c in _low(stem))
    return re.compile(_START[lang] + f"(?P<stem>{body})")


def _phrase_at(text: str, phrases: list[str]) -> list[int]:
    return [m.start() for m in _alternation(tuple(phrases)).finditer(_low(text))]


def _count(text: str, lang: str, verbs: list[str]) -> tuple[int, Span] | None:
    """The count a verb of killing (or injuring) takes, and the words from number to verb."""
    spans = [m.span() for m in _TOKEN.finditer(text)]
    tokens = [text[s:e] for s, e in spans]
    for pos in _phrase_at(text, verbs):
        at = next((i for i, (s, e) in enumerate(spans) if s <= pos < e), None)
        if at is not None and (found := _count_near(tokens, at, lang)) is not None:
            value, i = found
            first, last = min(i, at), max(i, at)
            return value, (spans[first][0], spans[last][1])
    return None


def casualties(sentence: str, lang: str) -> Counts:
    """Killed and injured counts a sentence states, from digits or number words."""
    killed = _count(sentence, lang, KILLED[lang])
    injured = _count(sentence, lang, INJURED[lang])
    return Counts(
        killed[0] if killed else None,
        injured[0] if injured else None,
        killed[1] if killed else None,
        injured[1] if injured else None,
    )


_CLAUSE_END = re.compile(r"[.,،;؛:!?؟«»\"“”()\[\]]")
_WORD_CHARS = re.compile(r"[\w\u200c\u0640\u064b-\u0652\u0670]*")


def _words_before(folded: str, pos: int) -> list[str]:
    """The words of the clause before pos (up to the last punctuation mark)."""
    head = _CLAUSE_END.split(folded[max(0, pos - 80) : pos])[-1]
    return re.split(r"[\s\u200c]+", head.strip()) if head.strip() else []


def _after_cue(words: list[str], cues: list[str], between: int, allowed: set[str] | None) -> bool:
    """Whether the words end with a cue and then at most `between` (allowed) words."""
    for cue in cues:
        want = re.split(r"[\s\u200c]+", _low(cue))
        for k in range(between + 1):
            tail = words[len(words) - k :] if k else []
            if len(words) < len(want) + k or (allowed is not None and set(tail) - allowed):
                continue
            if words[len(words) - k - len(want) : len(words) - k] == want:
                return True
    return False


def _is_this_event(folded: str, m: re.Match[str], stem: str, lang: str) -> bool:
    """A trigger names this sentence's event unless its word is another word ("جنگجو",
    a fighter), it follows "after (the)" (an earlier event) or a topic ("the fight against")."""
    tail = _WORD_CHARS.match(folded, m.end("stem"))
    word = folded[m.start("stem") : tail.end() if tail else m.end("stem")]
    if word.startswith(tuple(_low(x) for x in NOT_TRIGGERS.get(stem, ()))):
        return False
    words = _words_before(folded, m.start())
    determiners = {_low(d) for d in DETERMINERS[lang]}
    if _after_cue(words, AFTER[lang], 1, determiners):
        return False
    return not _after_cue(words, TOPIC[lang], 2, None)


def _triggered(folded: str, stem: str, lang: str) -> bool:
    return any(_is_this_event(folded, m, stem, lang) for m in _stem_rx(stem, lang).finditer(folded))


def event_type(
    sentence: str, lang: str, speech: bool = False
) -> tuple[EventType | None, str | None]:
    """The event type a sentence's trigger words suggest, and the trigger. With `speech`
    (the sentence names an actor and a date), a verb of saying makes a statement."""
    folded = w.fold(sentence).lower()
    for etype, by_lang in TRIGGERS.items():
        stems = by_lang[lang] + (SPEECH[lang] if speech and etype == EventType.STATEMENT else [])
        for stem in stems:
            # A trigger starts a word: "مین" (mine) must not match inside "زمین" (land).
            if _triggered(folded, stem, lang):
                if etype == EventType.BATTLES and _mentions(folded, CIVILIAN_WORDS[lang], lang):
                    return EventType.VIOLENCE_AGAINST_CIVILIANS, stem
                return etype, stem
    return None, None


def _mentions(folded: str, stems: list[str], lang: str) -> bool:
    return any(_stem_rx(s, lang).search(folded) for s in stems)


def mentions_casualty(sentence: str, lang: str) -> bool:
    """Whether a sentence speaks of anyone killed or injured."""
    folded = w.fold(sentence).lower()
    return _mentions(folded, KILLED[lang], lang) or _mentions(folded, INJURED[lang], lang)
