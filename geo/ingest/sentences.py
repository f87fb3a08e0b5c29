"""Sentences of an article with their code-point offsets; the text itself is never changed.

A sentence ends at . ! ? ؟ … or at a line break that does not continue it (a hard-wrapped
line goes on in lower case, or after a comma). A paragraph ends only at a blank line, or
where the next line is indented or bulleted: many articles break every line, and a toll
on the next line belongs to the incident on the line before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A dot between digits (18.45) does not end a sentence; a run of line breaks is one end.
# A dot after a number ends one only before a new sentence's first word (`_after_number`).
_END = re.compile(r"[.!?؟…](?![\d.])[»\"”’)]*|[ \t\f\v]*\r?\n(?:[ \t\f\v\r]*\n)*")
# After a number's dot: spaces, then a capital or a letter of a script with no capitals
# ("… on 3 May 2024. Last year …", "… ۱۴۰۳. در …"); not a list's "1. First", "п. 5. в".
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_])")
_BLANK = re.compile(r"\n[ \t\f\v\r]*\n")
_INDENT = re.compile(r"\t|[ \u00a0]{2,}|[•·▪*\-]\s")
# Abbreviations whose dot ends no sentence.
_ABBREVIATION = re.compile(
    r"(?<![\w])(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Dr|St|Col|Gen|Lt|"
    r"Maj|Capt|Sgt|No|Gov|Sen|Rep|г|гг|ул|им|ст|тел|обл|р-н|с|пос|т\.е|т\.к|т\.д|т\.п)\.$"
)
# A clock's "a.m." / "p.m.": the dot inside never ends a sentence, the last one only when
# a capital letter follows ("at 6 p.m. The post…"), not "at 11:15 a.m. on 24 December".
_CLOCK_INNER = re.compile(r"(?<![\w.])[aApP]\.$")
_CLOCK_LAST = re.compile(r"(?<![\w.])[aApP]\.[mM]\.$")
_CLOCK_NEXT = re.compile(r"\s*[^\W\d_]")
# A line ending in one of these goes on on the next line.
_CONTINUES = ',،;؛:(«"-‐–—'


@dataclass(frozen=True)
class Sentence:
    """text[start:end], trimmed of surrounding spaces, and its paragraph number."""

    start: int
    end: int
    paragraph: int
    earlier: bool = False  # a clause telling an earlier incident: "…, after a clash killed …"


def _is_paragraph_break(text: str, brk: re.Match[str]) -> bool:
    return bool(_BLANK.search(brk.group(0))) or bool(_INDENT.match(text, brk.end()))


def _continues(text: str, brk: re.Match[str]) -> bool:
    """Whether a single line break sits inside a sentence (a hard-wrapped line)."""
    i = brk.start() - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    j = brk.end()
    while j < len(text) and text[j] in " \t":
        j += 1
    if i < 0 or j >= len(text):
        return False
    return text[i] in _CONTINUES or text[j].islower()


def _in_clock(text: str, end: re.Match[str]) -> bool:
    """Whether this dot belongs to a clock's a.m./p.m. and ends no sentence."""
    before = text[max(0, end.start() - 4) : end.end()]
    if _CLOCK_INNER.search(before):
        return text[end.end() : end.end() + 2].lower() == "m."
    if not _CLOCK_LAST.search(before):
        return False
    word = _CLOCK_NEXT.match(text, end.end())
    return word is not None and not word.group(0)[-1].isupper()


def _after_number(text: str, end: re.Match[str]) -> bool:
    """Whether this dot follows a number and ends no sentence: one that ends the text or
    is followed by a capital (or a caseless script's letter) ends it."""
    if end.start() == 0 or not text[end.start() - 1].isdigit() or end.group(0)[0] != ".":
        return False
    line = text[text.rfind("\n", 0, end.start()) + 1 : end.start()]
    if line.strip().isdigit():  # a numbered list's "1. …"
        return True
    word = _NEXT_WORD.match(text, end.end())
    if word is None:
        return end.end() < len(text) and not text[end.end() :].isspace()
    letter = word.group(1)
    return letter.islower()


# A site's top-level domain after a dot: "Sputnik.tj", "REPORT.AZ", "Zorknews.kz".
_DOMAIN = re.compile(
    r"(?i:com|org|net|info|ru|tj|kz|kg|uz|af|ir|az|tv|uk|ua|by|tm|pk|cn|news)(?![^\W\d_])"
)


def _in_address(text: str, end: re.Match[str]) -> bool:
    """Whether this dot is inside a site's name ("передает Sputnik.tj со ссылкой …",
    "Baku. 27 August. REPORT.AZ / …"): right after a letter, right before a domain."""
    if end.group(0) != "." or end.start() == 0 or not text[end.start() - 1].isalpha():
        return False
    return _DOMAIN.match(text, end.end()) is not None


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences; offsets index the text exactly as given."""
    out: list[Sentence] = []
    start, paragraph = 0, 0
    for m in _END.finditer(text):
        if "\n" not in m.group(0):
            if (
                _ABBREVIATION.search(text, max(0, m.start() - 8), m.end())
                or _in_clock(text, m)
                or _after_number(text, m)
                or _in_address(text, m)
            ):
                continue  # "Dec. 1", "Col. Akhtamov", "г. Душанбе", "11:15 a.m. on": no end
            _add(out, text, start, m.end(), paragraph)
            start = m.end()
            continue
        new_paragraph = _is_paragraph_break(text, m)
        if not new_paragraph and _continues(text, m):
            continue
        _add(out, text, start, m.start(), paragraph)
        paragraph += new_paragraph
        start = m.end()
    _add(out, text, start, len(text), paragraph)
    return out


MAX_SENTENCE = 1500  # characters: a longer run with no end is cut at a space before it
_CUT = re.compile(r"[,،;؛:]\s|\s")


def _add(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:  # no sentence is read whole past this: time stays linear
        cut = _last_cut(text, start, start + MAX_SENTENCE)
        _add(out, text, start, cut, paragraph)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Sentence(start, end, paragraph))


def _last_cut(text: str, start: int, limit: int) -> int:
    """The last comma or space before limit (past the middle), else the limit itself."""
    found = [m.end() for m in _CUT.finditer(text, start + MAX_SENTENCE // 2, limit)]
    return found[-1] if found else limit
