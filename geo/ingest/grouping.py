"""Sentence cues the incident assembly reads (`geo.ingest.incidents`), and which candidates
only restate another.

A sentence opening with "Earlier,", "Meanwhile", "وفي وقت سابق", "در همین حال" … moves to
another incident or time (`starts_new_incident`). A heading (a short line with no closing
punctuation, or up to 20 words before a blank line) is never a candidate (`is_heading`). A
later candidate with the same type, place and date as an earlier one (or the same type and
date, naming no place), adding no count, restates it: it is folded into the earlier one
(`ingest.restated`).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from geo.ingest import words as w
from geo.ingest.cues import SINCE
from geo.ingest.dates import DateFind
from geo.ingest.people import number_at
from geo.ingest.sentences import Sentence

# Openings that move to another incident or time.
NEW_INCIDENT: dict[str, list[str]] = {
    "fa": [
        *("در همین حال", "در حادثه‌ای دیگر", "در رویدادی دیگر", "پیش از این", "از سوی دیگر"),
        *("در حادثه ای دیگر", "در حمله‌ای دیگر", "حادثه بعدی", "حمله مشابه"),
        *("یادآوری می‌شود", "یادآوری می شود", "یادآور می‌شود", "یادآور می شود"),
        # "This is while …": what follows is set beside the news, another time or event.
        *("این در حالی است که", "این در حالیست که", "این درحالیست که", "این درحالی است که"),
    ],
    "ar": [
        *("في وقت سابق", "في غضون ذلك", "من جهة أخرى", "في سياق آخر", "في حادث آخر"),
        *("في حادثة أخرى", "هجوم مماثل", "الحادث التالي"),
        *("يذكر أن", "يذكر ان", "يشار إلى أن"),
    ],
    "ru": [
        *("ранее", "между тем", "тем временем", "в другом инциденте", "в другом случае"),
        *("ещё один прорыв", "еще один прорыв", "ещё одно нападение", "еще одно нападение"),
        *("ещё один инцидент", "еще один инцидент", "следующий", "похожее", "аналогичн"),
        # A recap of an earlier event: "Напомним, 18 января …", "Ранее сообщалось …".
        *("напомним", "напоминаем", "ранее сообщалось"),
    ],
    "tg": [
        *("пештар", "дар ҳамин ҳол", "дар ҳодисаи дигар", "ҳодисаи навбатӣ", "ҳамлаи дигар"),
        *("ёдовар мешавем", "ёдовар мешавем, ки", "қаблан"),
    ],
    "en": [
        *("earlier", "meanwhile", "separately", "elsewhere", "in another incident"),
        *("previously", "another attack", "another incident", "another clash", "a similar"),
        *("the next", "in a separate"),
        *("recall", "it will be recalled", "as reported earlier"),
    ],
}
# Incident nouns after a number of two or more ("две попытки прорыва", "در دو حمله جداگانه",
# "two separate attacks"), and Arabic duals: the sentence sums up several incidents, so its
# toll is theirs together (no one incident's); its date and places still tell of them.
SEVERAL: dict[str, tuple[str, ...]] = {
    "fa": ("حمله", "حادثه", "درگیری", "رویداد", "تلاش", "مورد"),
    "ar": ("هجمات", "حوادث", "اشتباكات"),
    "ru": (
        *("попытк", "нападени", "инцидент", "столкновени", "прорыв", "случа", "атак"),
        *("стычк", "боестолкновени", "перестрел"),
    ),
    "tg": ("ҳамла", "ҳодиса", "задухӯрд", "кӯшиш"),
    "en": (
        *("attempt", "attacks", "incidents", "clashes", "breaches", "cases", "separate"),
        "skirmishes",
    ),
}
_AR_DUALS = ("هجومين", "هجومان", "حادثين", "حادثتين", "حادثان", "اشتباكين", "هجمتين")
HEADING_WORDS = 10  # a line of at most this many words, with no closing mark, is a heading
HEADLINE_WORDS = 20  # ... and up to this many when a blank line follows it
_CLOSING = ".!?؟…:;؛»\"”')"


def _fold(text: str) -> str:
    return re.sub(r"[\s\u200c]+", " ", w.fold(text)).strip().lower()


def starts_new_incident(text: str, s: Sentence, lang: str) -> bool:
    """Whether the sentence opens with words that move to another incident or time."""
    head = _fold(text[s.start : s.start + 40])
    if lang == "ar" and head.startswith("و"):
        head = head[1:]  # "وفي وقت سابق": the Arabic "and" written on the word
    return any(
        re.match(re.escape(_fold(o)) + r"(?![\w\u200c])", head) for o in NEW_INCIDENT.get(lang, [])
    )


def sums_up_several(text: str, lang: str) -> bool:
    """Whether a sentence counts incidents: two or more of them, or an Arabic dual."""
    return (incidents_counted(text, lang) or 0) >= 2


def incidents_counted(text: str, lang: str) -> int | None:
    """How many incidents a sentence counts ("22 skirmishes", "30 armed skirmishes", "две
    попытки", an Arabic dual: 2), the largest number before an incident noun (in English and
    Russian maybe past one adjective); None when it counts none."""
    tokens = w.WORD.findall(w.fold(text).lower())
    found = (
        [2]
        if lang == "ar" and any(t.removeprefix("ب").removeprefix("و") in _DUALS for t in tokens)
        else []
    )
    for i in range(len(tokens) - 1):
        value = number_at(tokens, i, lang)
        nouns = tokens[i + 1 : i + (3 if lang in ("en", "ru") else 2)]
        if value is not None and any(_incident_noun(t, lang) for t in nouns):
            found.append(value)
    return max(found, default=None)


_DUALS = frozenset(_fold(x) for x in _AR_DUALS)
_STEMS = {lang: tuple(_fold(x) for x in stems) for lang, stems in SEVERAL.items()}


def _incident_noun(token: str, lang: str) -> bool:
    """Persian and Tajik count with the singular (maybe with its ezafe: "ду ҳамлаи"), so
    the word itself: "حمله‌ور" (an attacker) is none."""
    if lang in ("fa", "tg"):
        return any(
            token.replace("\u200c", "") in (x, x + "ی", x + "ای", x + "и") for x in _STEMS[lang]
        )
    return token.startswith(_STEMS.get(lang, ()))


# Page furniture: a line opening with these links to other stories ("Читайте также: Трое
# китайцев погибли …"); its words tell no incident of this article.
RELATED: dict[str, tuple[str, ...]] = {
    "fa": ("بیشتر بخوانید", "همچنین بخوانید", "بخوانید", "مطالب مرتبط", "مطلب مرتبط"),
    "ar": ("اقرأ أيضا", "اقرأ أيضاً", "اقرأ ايضا", "اقرأ المزيد", "مواضيع ذات صلة", "قصص مقترحة"),
    "ru": ("читайте также", "читайте еще", "читайте ещё", "смотрите также", "по теме", "см. также"),
    "tg": ("инчунин хонед", "инчунин бихонед", "хонед", "мавзӯъҳои марбут", "бештар хонед"),
    "en": (
        "related news",
        "related stories",
        "related",
        "read also",
        "also read",
        "read more",
        "see also",
    ),
}
_LINE = re.compile(r"(?m)^[ \t]*(.*)$")
# Page furniture too: a photo's caption ("FILE: Tajik servicemen of the Panj detachment walk
# at …", "Фото: Ховар", "Иллюстративное фото."); its places and dates are the picture's.
# Only the line itself: the article goes on on the next one.
CAPTIONS: dict[str, tuple[str, ...]] = {
    "fa": ("عکس", "عکس آرشیوی", "تصویر", "عکس تزئینی"),
    "ar": ("صورة", "صورة أرشيفية", "الصورة", "صورة تعبيرية"),
    "ru": ("фото", "иллюстративное фото", "архивное фото", "фото из архива"),
    "tg": ("акс", "сурат", "акси архивӣ"),
    "en": ("file", "file photo", "photo", "illustrative photo", "pictured"),
}
_CAPTION_END = re.compile(r"\s*(?:[:：|]|[-—–]\s|[.]?\s*$)")


def related_lines(text: str, lang: str) -> list[tuple[int, int]]:
    """Lines that link to other stories: one opening with "Read also:", and the line after
    a cue standing alone."""
    cues = tuple(_fold(c) for c in RELATED.get(lang, ()))
    out: list[tuple[int, int]] = []
    alone = False
    for m in _LINE.finditer(text):
        line = _fold(m.group(1))
        if not line:
            continue
        if alone:
            out.append(m.span(1))
            alone = False
            continue
        cue = next((c for c in cues if line.startswith(c)), None)
        rest = line[len(cue) :] if cue else ""
        rest = rest.lstrip()
        if cue is not None and (not rest or rest[0] in ":：-—–|»"):
            out.append(m.span(1))  # the cue, then a colon or a dash: "Read also: …"
            alone = not rest.strip(" :：-—–|»")
    return sorted(set(out) | set(_teasers(text)) | set(_captions(text, lang)))


def _captions(text: str, lang: str) -> list[tuple[int, int]]:
    """Lines opening with a caption's cue and a colon or a dash, or that cue alone."""
    cues = sorted((_fold(c) for c in CAPTIONS.get(lang, ())), key=len, reverse=True)
    out = []
    for m in _LINE.finditer(text):
        line = _fold(m.group(1))
        cue = next((c for c in cues if line.startswith(c)), None)
        if cue is not None and _CAPTION_END.match(line, len(cue)):
            out.append(m.span(1))
    return out


TEASER_RUN = 2  # heading-like lines in a row, inside the body, that link to other stories


def _teasers(text: str) -> list[tuple[int, int]]:
    """Runs of two or more short lines with no closing mark, one after another once the
    body has begun (a line ended with a full stop): other stories' headlines set in the
    page ("Как Таджикистан может стать щитом…" then "…талибы застрелили двух лесников"),
    not this article's words. A subheading stands alone."""
    lines = [m for m in _LINE.finditer(text) if m.group(1).strip()]
    body = next((k for k, m in enumerate(lines) if m.group(1).rstrip()[-1:] in _CLOSING), None)
    if body is None:
        return []
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    for m in lines[body + 1 :]:
        line = m.group(1).strip()
        if line[-1:] not in _CLOSING and len(line.split()) <= HEADLINE_WORDS:
            run.append(m.span(1))
            continue
        out += run if len(run) >= TEASER_RUN else []
        run = []
    return out


def is_heading(text: str, s: Sentence) -> bool:
    """A short line standing alone, with no closing mark, with more text after it."""
    line_start = text.rfind("\n", 0, s.start) + 1
    line_end = text.find("\n", s.end)
    rest_of_line = text[s.end :] if line_end == -1 else text[s.end : line_end]
    alone = not text[line_start : s.start].strip() and not rest_of_line.strip()
    words = len(text[s.start : s.end].split())
    more = bool(text[s.end :].strip())
    if not (alone and more) or text[s.end - 1] in _CLOSING:
        return False
    blank_after = (
        not text[s.end : text.find("\n", line_end + 1)].strip() if line_end >= 0 else False
    )
    return words <= HEADING_WORDS or (words <= HEADLINE_WORDS and blank_after)


def _same_incident_key(props: dict[str, Any], place: str | None) -> tuple[Any, ...]:
    when = (props["date_start"], props["date_end"])
    if props["date_start"] is None:
        when = (None, _fold(props["date_text"] or ""))
    return (props["event_type"], place, *when)


def _adds_nothing(later: dict[str, Any], earlier: dict[str, Any]) -> bool:
    return all(later[k] is None or later[k] == earlier[k] for k in ("fatalities", "injured"))


def fold_restatements(features: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop candidates that restate an earlier one (same type, date and place, or naming no
    place of their own); the earlier one lists where (offsets)."""
    kept: list[dict[str, Any]] = []
    first: dict[tuple[Any, ...], dict[str, Any]] = {}
    for feature in features:
        props = feature["properties"]
        key = _same_incident_key(props, props["place_id"])
        earlier = first.get(key)
        if earlier is None and props["place_id"] is None:
            earlier = first.get(_same_incident_key(props, "*"))
        if earlier is not None and _adds_nothing(props, earlier["properties"]):
            src = props["sources"][0]
            earlier["properties"]["ingest"].setdefault("restated", []).append(
                {"start": src["start"], "end": src["end"]}
            )
            continue
        first.setdefault(key, feature)
        first.setdefault(_same_incident_key(props, "*"), feature)  # for one naming no place
        kept.append(feature)
    return kept


@cache
def _since_rx(lang: str) -> re.Pattern[str]:
    months = [n for group in w.GREGORIAN.get(lang, []) for n in group]
    if lang == "ru":
        months += [f"{m[:-1]}я" for g in w.GREGORIAN["ru"] for m in g if m.endswith("ь")]
    period = "|".join(re.escape(w.fold(m)) for m in months) + r"|\d{4}"
    since = "|".join(re.escape(w.fold(s)) for s in SINCE[lang])
    return re.compile(rf"(?<![\w])(?:{since})\s+(?:{period})(?![\w])", re.IGNORECASE)


def since_period(sentence: str, lang: str) -> bool:
    """ "Since November", "с 2021 года", "منذ يناير": a total over a period follows."""
    return bool(_since_rx(lang).search(w.fold(sentence)))


MANY = 5  # incidents: a sentence counting this many tells a period's total


def tallies(sentence: str, lang: str, dates: list[DateFind]) -> bool:
    """A period's total: many incidents counted ("22 skirmishes"), or several over a year
    ("This year has seen three attacks", "в прошлом году две попытки прорыва")."""
    n = incidents_counted(sentence, lang)
    if n is None or n < 2:
        return False
    years = [d for d in dates if d.resolved]
    return n >= MANY or (bool(years) and all(d.precision == "year" for d in years))
