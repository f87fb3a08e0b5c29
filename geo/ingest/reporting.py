"""How a sentence reports what happened, as distinct from what happened.

- A **report date**: a date phrase in the clause of a verb of reporting, a clause that tells
  of no event ("сообщили во вторник в ГКНБ", "کمیته … روز سه‌شنبه اعلام کرد که …", "хабар
  дод КДАМ рӯзи 11 декабр", "officials said on Monday that …") is the day the report was
  made. It does not make its sentence an incident of its own, and a date the text gives
  for the incident is preferred to it. Clauses end at punctuation, quotes and "that"
  (که, أن/إن, что, ки).
- A **frame**: "said in a statement that …", "في بيان إن …", "در بیانیه‌ای اعلام کرد که …":
  the statement is how the sentence reports, not an event (see `geo.ingest.events`).
- A **deadline**: a date after "by", "until", "before" ("بحلول 11 سبتمبر", "до 1 декабря",
  "تا پایان سال") is when something is due, not when it happened; like a report date it
  does not date its sentence, except for a state told as over: "was responsible for
  guarding the border until 2005" ended, its guarding changed hands, that year.
- A **denial** ("رد کرد", "نفى", "опроверг", "рад кард", "denied") is a statement of its own,
  never part of the incident it denies.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import cache

from geo.ingest import words as w
from geo.ingest.dates import DateFind
from geo.ingest.patterns import alt
from geo.ingest.reasons import Aside
from geo.ingest.triggers import AFTER, DETERMINERS, HANDOVER

# Verbs of reporting, as stems that start a word.
REPORT_VERBS: dict[str, list[str]] = {
    "fa": [
        "اعلام کرد",
        "اعلام شد",
        "گفت",
        "افزود",
        "گزارش داد",
        "خبر داد",
        "تایید کرد",
        "تأیید کرد",
        "اطلاع داد",
        "نوشت",
        "می‌گوید",
        "می‌گویند",
    ],
    "ar": ["أعلن", "قال", "أفاد", "ذكر", "أكد", "صرح", "أوضح", "أضاف", "نقل"],
    "ru": ["сообщ", "заяв", "рассказ", "подтверд", "переда", "информир"],
    "tg": ["хабар дод", "иттилоъ дод", "гуфт", "эълон кард", "тасдиқ кард", "иброз дошт"],
    "en": ["said", "says", "announced", "reported", "told", "confirmed", "stated"],
}
# Words that begin like a verb of reporting but are not one: talks, a conversation.
NOT_REPORT = ("گفتگو", "گفتوگو", "گفت‌وگو", "гуфтугӯ", "гуфтушунид")
# "That": reported content follows, in a clause of its own.
THAT: dict[str, list[str]] = {
    "fa": ["که"],
    "ar": ["أن", "إن", "أنه", "بأن", "ان"],
    "ru": ["что", "чтобы"],
    "tg": ["ки"],
    "en": ["that"],
}
DENIAL: dict[str, list[str]] = {
    "fa": ["رد کرد", "رد کردند", "رد نمود", "تکذیب", "انکار کرد"],
    "ar": ["نفى", "نفت", "نفوا", "ينفي", "تنفي", "نفي", "أنكر", "أنكرت"],
    "ru": ["опроверг", "отверг", "отрица"],
    "tg": ["рад кард", "рад намуд", "инкор кард"],
    "en": ["denied", "denies", "denial"],
}
# Words that set a denial against what was told before it: "officials said an aircraft
# bombed the area, but both governments denied any involvement".
CONTRAST: dict[str, list[str]] = {
    "fa": ["اما", "ولی", "لیکن"],
    "ar": ["لكن", "ولكن", "غير أن", "إلا أن"],
    "ru": ["но", "однако"],
    "tg": ["аммо", "вале", "лекин"],
    "en": ["but", "however"],
}
DEADLINE: dict[str, list[str]] = {
    "fa": ["تا", "تا پایان", "پیش از", "قبل از"],
    "ar": ["بحلول", "حتى", "قبل"],
    "ru": ["до", "к", "не позднее", "не позже"],
    "tg": ["то", "пеш аз", "то охири"],
    "en": ["by", "until", "before", "no later than"],
}
_B = r"(?<![\w\u200c])"
_ARABIC_AND = "(?:[وف])?"  # Arabic writes "and" on the word: وقالت, ونفت


@cache
def _verbs(lang: str) -> re.Pattern[str]:
    lead = _ARABIC_AND if lang == "ar" else ""
    return re.compile(_B + lead + f"(?:{alt(REPORT_VERBS[lang])})", re.IGNORECASE)


@cache
def _that(lang: str) -> str:
    lead = _ARABIC_AND if lang == "ar" else ""
    return _B + lead + f"(?:{alt(THAT[lang])})" + r"(?![\w\u200c])"


@cache
def _breaks(lang: str) -> re.Pattern[str]:
    return re.compile(r"[,،;؛:«»\"“”()\n–—]|" + _that(lang), re.IGNORECASE)


@cache
def _denials(lang: str) -> re.Pattern[str]:
    lead = _ARABIC_AND if lang == "ar" else ""
    # Arabic forms are whole words ("نفت" she denied); elsewhere stems ("опроверг…").
    end = r"(?![\w\u200c])" if lang == "ar" else ""
    return re.compile(_B + lead + f"(?:{alt(DENIAL[lang])})" + end, re.IGNORECASE)


def clause_around(text: str, start: int, end: int, lang: str) -> tuple[int, int]:
    """The clause holding text[start:end], within text (a sentence)."""
    folded = w.fold(text)
    cuts = [m for m in _breaks(lang).finditer(folded) if m.end() <= start or m.start() >= end]
    before = [m.end() for m in cuts if m.end() <= start]
    after = [m.start() for m in cuts if m.start() >= end]
    return max(before, default=0), min(after, default=len(text))


def _report_verbs(folded: str, lang: str) -> list[re.Match[str]]:
    """Verbs of reporting in folded text ("گفتگو", talks, is none)."""
    found = []
    for m in _verbs(lang).finditer(folded):
        word = re.match(r"[\w\u200c]*", folded[m.start() :])
        if not (word and word.group(0).startswith(tuple(w.fold(x) for x in NOT_REPORT))):
            found.append(m)
    return found


def has_report_verb(clause: str, lang: str) -> bool:
    """Whether a verb of reporting stands in the clause."""
    return bool(_report_verbs(w.fold(clause), lang))


# Attributions that open a sentence: what follows their comma is the content reported.
ATTRIBUTION: dict[str, list[str]] = {
    "fa": ["به گزارش", "به نقل از", "بر اساس", "طبق", "به گفته"],
    "ar": ["بحسب", "حسب", "وفقا ل", "وفقاً ل", "نقلا عن", "بحسب ما"],
    "ru": ["как сообщ", "по данным", "по словам", "по информации", "как сообщает", "как отмечает"],
    "tg": ["ба гуфтаи", "тибқи", "бино ба", "ба иттилои", "тавре"],
    "en": ["according to", "as reported by", "citing"],
}


def _attributed(folded: str, lang: str) -> int | None:
    """After an opening attribution ("Как сообщили в ГКНБ, …"), where its comma ends."""
    head = folded.lstrip(' «"“(').lower()
    if not head.startswith(tuple(w.fold(a).lower() for a in ATTRIBUTION.get(lang, []))):
        return None
    comma = re.search(r"[,،]", folded)
    return comma.end() if comma else None


def content_start(sentence: str, lang: str) -> int | None:
    """Where reported content begins: at the first "that" after a verb of reporting, or
    after the comma of an opening attribution ("По данным ведомства, 1 декабря …"). A date
    after it dates what was reported ("گفت که … روز چهارشنبه …"), not the saying."""
    folded = w.fold(sentence)
    if (after := _attributed(folded, lang)) is not None:
        return after
    verbs = _report_verbs(folded, lang)
    if not verbs:
        return None
    that = re.compile(_that(lang), re.IGNORECASE).search(folded, verbs[0].end())
    return that.start() if that else None


TRAILING_WORDS = 8  # an attribution closing a sentence is this short


def trailing_attribution(sentence: str, lang: str) -> int | None:
    """Where an attribution closing the sentence starts (", the committee said.", "—
    сообщили в ведомстве"): what comes before it is what was said, and a date there is
    the news's, not the saying's."""
    folded = w.fold(sentence).rstrip(' .!?؟"”»\n')
    cuts = [m.start() for m in re.finditer(r"[,،–—]", folded)]
    if not cuts:
        return None
    tail = folded[cuts[-1] + 1 :]
    if len(tail.split()) > TRAILING_WORDS or not _report_verbs(tail, lang):
        return None
    return cuts[-1]


def _refers_back(folded: str, at: int, lang: str) -> bool:
    """Whether a word follows "after (the)" ("پس از تکذیب", "after the denial"): a denial
    told before, not made in this sentence."""
    head = re.split(r"[.,،;؛:!?؟«»\"“”()]", folded[max(0, at - 60) : at])[-1].lower()
    words = head.split()
    if words and words[-1] in {w.fold(d).lower() for d in DETERMINERS[lang]}:
        words = words[:-1]
    tail = " ".join(words)
    return any(
        tail == c or tail.endswith(" " + c) for c in map(str.lower, map(w.fold, AFTER[lang]))
    )


def denial_word(sentence: str, lang: str) -> str | None:
    """The word by which the sentence denies something ("X denied that …"), as written."""
    folded = w.fold(sentence)
    for m in _denials(lang).finditer(folded):
        if not _refers_back(folded, m.start(), lang):
            return sentence[m.start() : m.end()]
    return None


def before_contrast(sentence: str, lang: str, at: int) -> str | None:
    """The words before the last "but" that comes before `at` (a denial's word), or None."""
    folded = w.fold(sentence).lower()
    cues = [m.start() for c in CONTRAST[lang] for m in _word(c).finditer(folded[:at])]
    return sentence[: max(cues)] if cues else None


@cache
def _word(cue: str) -> re.Pattern[str]:
    return re.compile(_B + re.escape(w.fold(cue).lower()) + r"(?![\w\u200c])")


def is_denial(sentence: str, lang: str) -> bool:
    """Whether the sentence denies something."""
    return denial_word(sentence, lang) is not None


def state_ended(
    lang: str,
    trigger: str | None,
    published: dt.date | None,
    own: list[DateFind],
    asides: list[DateFind],
) -> tuple[list[DateFind], list[DateFind]]:
    """A handover sentence's dates, its own and its asides, with a deadline a state ended
    on made its own: "Russia was responsible for guarding the border until 2005" tells that
    guarding changed hands in 2005. Only a date before publication (a past state), and only
    with a word of guarding changing hands or of who guarded ("by 2030 it will take over
    guarding" is a plan)."""
    if trigger is None or trigger not in HANDOVER.get(lang, []):
        return own, asides
    ended = [
        d
        for d in asides
        if d.aside is Aside.DEADLINE
        and d.date_end is not None
        and (published is None or d.date_end < published)
    ]
    kept = [d for d in asides if d not in ended]
    return [*own, *(replace(d, aside=None) for d in ended)], kept
