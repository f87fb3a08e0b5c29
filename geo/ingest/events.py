"""What happened in a sentence: the event type its trigger words suggest, read in context.

Counts are in `geo.ingest.counts`; denials and report frames in `geo.ingest.reporting`.
"""

from __future__ import annotations

import re
from functools import cache

from geo.ingest import words as w
from geo.ingest.cues import ASSAILANTS, BACK_REFERENCES, OCCURRED
from geo.ingest.dates import find_dates
from geo.ingest.reporting import THAT, before_contrast, denial_word
from geo.ingest.triggers import (
    AFTER,
    DETERMINERS,
    FIGURATIVE,
    INJURED,
    INTERVIEW,
    KILLED,
    NOT_TRIGGERS,
    SPEECH,
    TOPIC,
    TRIGGERS,
    VICTIMS,
)
from geo.model import EventType
from geo.spellings import INSIDE_WORD

# Where a word starts; Arabic writes و/ب/ل/ف and the article ال onto the word itself.
_WORD_START = r"(?<![\w\u200c])"
_START = {lang: _WORD_START for lang in ("fa", "ru", "tg", "en")}
_START["ar"] = _WORD_START + "(?:[وبلف]?ال|[وبلف])?"


def _low(word: str) -> str:
    return w.fold(word).lower()


_MARKS = f"[{w.AR_MARKS}]*"  # tatweel and Arabic diacritics, written or not


@cache
def stem_rx(stem: str, lang: str) -> re.Pattern[str]:
    """A stem at the start of a word; in Arabic script, diacritics may sit between letters."""
    marks = _MARKS if lang in ("fa", "ar") else ""
    body = "".join(re.escape(c) + (marks if c.isalpha() else "") for c in _low(stem))
    return re.compile(_START[lang] + f"(?P<stem>{body})")


_CLAUSE_END = re.compile(r"[.,،;؛:!?؟«»\"“”()\[\]]")
_WORD_CHARS = re.compile(rf"[\w{INSIDE_WORD}]*")  # the rest of a word (`geo.spellings`)


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


def earlier_events(sentence: str, lang: str) -> list[int]:
    """Where an earlier incident the sentence compares with starts ("The incident comes weeks
    after an attack that killed three workers", "این حادثه چند هفته پس از حملۀ مرزی که …"):
    a trigger after "after", in a sentence referring back to the incident told before that
    "after". What follows it in its clause is that earlier incident's. "The situation grew
    tense after the attack in which five died" compares with nothing: the attack's toll."""
    folded = w.fold(sentence).lower()
    told = [m.end() for cue in BACK_REFERENCES[lang] for m in stem_rx(cue, lang).finditer(folded)]
    afters = [m.start() for cue in AFTER[lang] for m in stem_rx(cue, lang).finditer(folded)]
    violent = [*TRIGGERS[EventType.BATTLES][lang], *TRIGGERS[EventType.EXPLOSIONS][lang]]
    out = []
    for stem in violent:
        for m in stem_rx(stem, lang).finditer(folded):
            if not _after_cue(_words_before(folded, m.start()), AFTER[lang], 3, None):
                continue
            cue = max((a for a in afters if a < m.start()), default=None)
            if cue is not None and any(t <= cue for t in told):
                out.append(m.start())
    return sorted(out)


def followed_kind(sentence: str, lang: str, own: EventType | None) -> EventType | None:
    """Another kind of violence the sentence's own came after ("an aircraft bombed the area
    after a clash", "the air strike followed a firefight"): an earlier incident, not this
    one. None when the sentence's own event is no violence or of that same kind ("the
    situation grew tense after the attack")."""
    if own not in _VIOLENT:
        return None
    folded = w.fold(sentence).lower()
    determiners = {_low(d) for d in DETERMINERS[lang]}
    for etype in (EventType.BATTLES, EventType.EXPLOSIONS):
        for stem in TRIGGERS[etype][lang]:
            for m in stem_rx(stem, lang).finditer(folded):
                before = _words_before(folded, m.start())
                if etype != own and _after_cue(before, AFTER[lang], 1, determiners):
                    return etype
    return None


def _tells_of_incident(content: str, lang: str) -> bool:
    """Whether reported words date something or tell of violence or casualties."""
    violent = [*TRIGGERS[EventType.BATTLES][lang], *TRIGGERS[EventType.EXPLOSIONS][lang]]
    stems = [*violent, *KILLED[lang], *INJURED[lang]]
    return bool(find_dates(content, lang, None)) or mentions(content, stems, lang)


def _frames(folded: str, end: int, lang: str) -> bool:
    """A statement followed within three words by "that" or a quote, reporting an incident
    ("قال في بيان إن الحادث وقع ليلة ٢١ سبتمبر"), is how the sentence reports, not an
    event; one reporting a position ("said in a statement that the base would act") is."""
    after = list(re.finditer(rf"{w.WORD.pattern}|[«\"“]", folded[end : end + 60]))[:4]
    that = {_low(x) for x in THAT[lang]}
    for m in after:
        t = m.group(0)
        if t in that or t in '«"“' or (lang == "ar" and t[1:] in that):
            return _tells_of_incident(folded[end + m.end() :], lang)
    return False


def _interview(folded: str, end: int, lang: str) -> bool:
    after = re.sub(r"[\s\u200c]+", " ", folded[end : end + 40]).strip()
    return after.startswith(tuple(_low(x) for x in INTERVIEW[lang]))


def _figurative(folded: str, end: int, lang: str) -> bool:
    """A trigger facing a challenge or a threat (its next word or the one after)."""
    after = re.findall(w.WORD.pattern, folded[end : end + 50])[:2]
    return any(stem_rx(cue, lang).match(word) for word in after for cue in FIGURATIVE.get(lang, []))


def _is_this_event(folded: str, m: re.Match[str], stem: str, lang: str, etype: EventType) -> bool:
    """A trigger names this sentence's event unless its word is another word ("جنگجو",
    a fighter), it follows "after (the)" (an earlier event) or a topic ("the fight against"),
    a statement only frames what is reported, or a meeting is an interview."""
    tail = _WORD_CHARS.match(folded, m.end("stem"))
    end = tail.end() if tail else m.end("stem")
    if folded[m.start("stem") : end].startswith(tuple(_low(x) for x in NOT_TRIGGERS.get(stem, ()))):
        return False
    if etype == EventType.STATEMENT and stem not in SPEECH[lang] and _frames(folded, end, lang):
        return False
    if etype == EventType.MEETING and _interview(folded, end, lang):
        return False
    if _figurative(folded, end, lang):
        return False
    words = _words_before(folded, m.start())
    determiners = {_low(d) for d in DETERMINERS[lang]}
    if _after_cue(words, AFTER[lang], 1, determiners):
        return False
    return not _after_cue(words, TOPIC[lang], 2, None)


def _triggered(folded: str, stem: str, lang: str, etype: EventType) -> bool:
    found = stem_rx(stem, lang).finditer(folded)
    return any(_is_this_event(folded, m, stem, lang, etype) for m in found)


def event_type(
    sentence: str, lang: str, speech: bool = False
) -> tuple[EventType | None, str | None]:
    """The event type a sentence's trigger words suggest, and the trigger. A denial is a
    statement; with `speech` (the sentence names an actor and a date), so is a verb of
    saying."""
    if (denied := denial_word(sentence, lang)) is not None:
        told = before_contrast(sentence, lang, sentence.find(denied))
        found = event_type(told, lang) if told else (None, None)
        if found[0] in _VIOLENT:  # "officials said X bombed …, but Y denied it": violence
            return found
        return EventType.STATEMENT, denied  # a denial is a statement of its own
    folded = w.fold(sentence).lower()
    for etype, by_lang in TRIGGERS.items():
        stems = by_lang[lang] + (SPEECH[lang] if speech and etype == EventType.STATEMENT else [])
        for stem in stems:
            # A trigger starts a word: "مین" (mine) must not match inside "زمین" (land).
            if _triggered(folded, stem, lang, etype):
                if etype == EventType.BATTLES and mentions(folded, VICTIMS["civilian"][lang], lang):
                    return EventType.VIOLENCE_AGAINST_CIVILIANS, stem
                return etype, stem
    return None, None


def mentions(folded: str, stems: list[str], lang: str) -> bool:
    """Whether one of the stems starts a word of the folded text."""
    return any(stem_rx(s, lang).search(folded) for s in stems)


def speaks_of_violence(sentence: str, lang: str) -> bool:
    """Whether a sentence speaks of violence at all, even as the topic of talk ("condemned
    the attack", "called the attackers destabilising elements", "the incident occurred …")."""
    folded = w.fold(sentence).lower()
    stems = [s for t in _VIOLENT for s in TRIGGERS.get(t, {}).get(lang, [])]
    stems += [*ASSAILANTS[lang], *OCCURRED[lang], *KILLED[lang], *INJURED[lang]]
    return mentions(folded, stems + BACK_REFERENCES[lang], lang)


_VIOLENT = (EventType.BATTLES, EventType.EXPLOSIONS, EventType.VIOLENCE_AGAINST_CIVILIANS)


_BREAK = re.compile(r"[,،;؛—–]")


def after_clause(sentence: str, lang: str) -> tuple[int, int] | None:
    """Where a clause telling an earlier incident of its own begins: a comma, then "after"
    and, within six words, a word of violence ("…, after a clash killed two guards", "…،
    پس از درگیری که …", "…, после того как в перестрелке погибли …"). The caller keeps it
    apart only when both clauses count someone. The comma's offset, and where the clause's
    words begin after "after"."""
    folded = w.fold(sentence).lower()
    stems = [s for t in _VIOLENT for s in TRIGGERS.get(t, {}).get(lang, [])]
    for brk in _BREAK.finditer(folded):
        rest = folded[brk.end() : brk.end() + 70]
        words = list(re.finditer(r"[^\s\u200c]+", rest))
        for cue in AFTER[lang]:
            want = re.split(r"[\s\u200c]+", _low(cue))
            if [m.group(0) for m in words[: len(want)]] != want or cue in _NOT_AFTER:
                continue
            head = " ".join(m.group(0) for m in words[len(want) : len(want) + 6])
            if len(words) > len(want) and any(stem_rx(s, lang).search(head) for s in stems):
                return brk.start(), brk.end() + words[len(want)].start()
    return None


_NOT_AFTER = ("same", "همین", "ҳамон", "نفس", "том же", "той же", "since")


_GOES_ON = re.compile(r"[\w\u200c]")  # the word goes on past the cue
_REMOTE = frozenset({EventType.EXPLOSIONS})
_CLOSE = frozenset({EventType.BATTLES, EventType.VIOLENCE_AGAINST_CIVILIANS})


def violence_kind(etype: EventType | None) -> str | None:
    """Kinds of violence told apart: "remote" (a blast, a strike, shelling), "close" (a
    clash, an assault on people), or None (no violence)."""
    if etype in _REMOTE:
        return "remote"
    return "close" if etype in _CLOSE else None


def other_kind_after(sentence: str, lang: str) -> tuple[int, int] | None:
    """Where a clause telling violence of another kind than the words before it begins:
    "after" inside the sentence, then, up to the clause's end, a trigger of the other kind
    ("the air attack comes after two of their forces were killed in armed clashes", "حمله
    هوایی پس از آن انجام شد که دو مرزبان در درگیری کشته شدند"). The cue's offset, and
    where the clause's words begin after it."""
    folded = w.fold(sentence).lower()
    for cue in AFTER[lang]:
        if cue in _NOT_AFTER:
            continue
        for m in stem_rx(cue, lang).finditer(folded):
            if _GOES_ON.match(folded, m.end()):
                continue  # "afterwards": another word
            rest = _CLAUSE_END.split(folded[m.end() :])[0]
            begins = m.end() + len(rest) - len(rest.lstrip())
            mine = violence_kind(event_type(sentence[: m.start()], lang)[0])
            theirs = violence_kind(event_type(sentence[begins : m.end() + len(rest)], lang)[0])
            if mine is not None and theirs is not None and mine != theirs:
                return m.start(), begins
    return None
