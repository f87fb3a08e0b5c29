"""Numbers that count no one: a time ("22:00"), a numeric date, the day before a month
("5 декабря", "December 7"), an age or a quantity ("22-летний", "24 кг"), and the articles of
a law ("по статьям 179 («Терроризм»), 335 и 195 УК"). `geo.ingest.counts` skips them."""

from __future__ import annotations

import re

from geo.ingest import words as w
from geo.ingest.people import lowered, starts_person, victim_word

Span = tuple[int, int]

# Month names (the first word of each): a number right before one is a day, not a count.
MONTHS = {
    lang: frozenset(lowered(n.split()[0]) for n in names)
    for lang, names in {
        "fa": [*w.SOLAR_AFGHAN, *w.SOLAR_IRANIAN, *(n for g in w.GREGORIAN["fa"] for n in g)],
        "ar": [*(n for g in w.HIJRI for n in g), *(n for g in w.GREGORIAN["ar"] for n in g)],
        "ru": [*(n for g in w.GREGORIAN["ru"] for n in g), *w.RU_MONTH_ALONE],
        "tg": [n for g in w.GREGORIAN["tg"] for n in g],
        "en": [n for g in w.GREGORIAN["en"] for n in g],
    }.items()
}


# A time ("22:00", "18.45"), a numeric date ("2025-12-25", "25.12.2025"), an age or a
# span of years ("a 22-year-old", "22-летний", "۲۲ ساله", "за 5 лет"): no count.
_TIME = re.compile(
    r"(?<!\d)\d{1,2}[:.]\d{2}(?![\d.])|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}"
)


_AGE = re.compile(
    r"(?<![\d.,])\d{1,3}(?:[.,]\d+)?(?=[\s\-‐]*(?:nearly\s+)?(?:year|лет|летн|год|ساله|سال|عام|سنة"
    r"|сола|сол|kilo|kg|кг|килограм|грамм|тонн|ton|метр|meter|metre|km|км|کیلو|كيلو|کیلوگرم|"
    r"килограмм|кило|%|процент|percent|patron|патрон|rounds|магазин)[\w\u200c]*)",
    re.IGNORECASE,
)


# Articles of a law: every number after the word is one ("по статьям 179 («Терроризм»),
# 335 … и 195 УК", "under articles 179 and 335 of the Criminal Code", "ماده ۱۷۹").
_TITLE = r"(?:\s*(?:\([^)]*\)|«[^»]*»))?"  # "179 («Терроризм»)"
_LAW = re.compile(
    r"(?<![\w])(?:стать[яиейюям]*|ст\.|articles?|art\.|مواد|ماده|المادة|المواد|модда\w*)"
    rf"\s*\d+{_TITLE}(?:\s*(?:,|and|or|и|или|و|ва)\s*\d+{_TITLE})*",
    re.IGNORECASE,
)


def not_counts(text: str, spans: list[Span], tokens: list[str], lang: str) -> set[int]:
    """Tokens that are digits of a time ("22:00"), the day of a date ("5 декабря"), an age,
    a quantity, or an article of a law ("статьям 179, 335 и 195 УК")."""
    folded = w.fold(text)
    times = [m.span() for m in (*_TIME.finditer(folded), *_AGE.finditer(folded))]
    times += [m.span() for m in _LAW.finditer(folded)]
    out = {i for i, (s, e) in enumerate(spans) if any(a <= s and e <= b for a, b in times)}
    months = MONTHS.get(lang, frozenset())
    days = range(len(tokens) - 1)
    out |= {i for i in days if tokens[i].isdigit() and lowered(tokens[i + 1]) in months}
    # "December 7", "Nov 28": a day after its month
    out |= {i + 1 for i in days if tokens[i + 1].isdigit() and _month_word(tokens[i], months)}
    return out | _one_of_things(tokens, lang) | _shots(tokens)


# Shots, bullets, times: "killed by two shots", "получил три пулевых ранения", "بثلاث
# رصاصات", "با دو گلوله", "бо ду тир": the number counts what hit, not who was hit.
_SHOTS = re.compile(
    r"(?:shots|bullets|rounds|times|gunshots|выстрел\w*|пул[иьея]\w*|пулев\w*|گلوله\w*"
    r"|رصاص\w*|طلق\w*|тир|тири)",
    re.IGNORECASE,
)


def _shots(tokens: list[str]) -> set[int]:
    """A number right before a word of shots or bullets counts no one."""
    return {i for i in range(len(tokens) - 1) if _SHOTS.fullmatch(lowered(tokens[i + 1]))}


# "one of the posts": "one of" counts what follows it, and a post is no victim ("one of the
# guards", "one of them" count a person).
_OF_PEOPLE = frozenset({"them", "us", "those", "these", "whom", "which"})
_NOUN_REACH = 4  # words after "of" where its noun stands: "of the two border posts"
_NOUN_ENDS = frozenset({",", ";", ".", "and", "or", "were", "was", "in", "near", "at", "on"})


def _one_of_things(tokens: list[str], lang: str) -> set[int]:
    """English "one of the <things>": the "one" counts no one."""
    if lang != "en":
        return set()
    out = set()
    for i in range(len(tokens) - 2):
        if lowered(tokens[i]) != "one" or lowered(tokens[i + 1]) != "of":
            continue
        words = []
        for token in tokens[i + 2 : i + 2 + _NOUN_REACH]:
            if lowered(token) in _NOUN_ENDS:
                break
            words.append(lowered(token))
        people = any(
            t in _OF_PEOPLE or starts_person(t, lang) or victim_word(t, lang) for t in words
        )
        if words and not people:
            out.add(i)
    return out


def _month_word(token: str, months: frozenset[str]) -> bool:
    low = lowered(token).rstrip(".")
    return low in months or (len(low) >= 3 and any(m.startswith(low) for m in months))
