"""Sentences of an article with their code-point offsets; the text itself is never changed."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? ؟ or a line break; a dot between digits (18.45) does not end one.
_END = re.compile(r"(?<!\d)[.!?؟…](?![\d.])[»\"”’)]*|\n+")


@dataclass(frozen=True)
class Sentence:
    """text[start:end], trimmed of surrounding spaces, and its paragraph number."""

    start: int
    end: int
    paragraph: int


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences; offsets index the text exactly as given."""
    out: list[Sentence] = []
    start, paragraph = 0, 0
    for m in _END.finditer(text):
        end = m.end() if not m.group(0).startswith("\n") else m.start()
        _add(out, text, start, end, paragraph)
        if "\n" in m.group(0):
            paragraph += 1
        start = m.end()
    _add(out, text, start, len(text), paragraph)
    return out


def _add(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, paragraph))
