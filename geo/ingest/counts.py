"""Killed and injured counts a sentence states: digits, number words, Arabic duals, and a
person named in the singular (Russian "погиб пограничник", Arabic "مقتل عامل"): one.

A number word that is a name is no count: Tajik "дарёи Панҷ" (the Panj river; "панҷ" is
five), Persian "شهر پنج" (the town of Panj; "پنج" is five).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from geo.ingest import words as w
from geo.ingest.events import mentions
from geo.ingest.triggers import DETERMINERS, INCLUDING, INJURED, KILLED, VICTIMS

PERSON_NOUNS = {
    "fa": ["نفر", "تن", "کارگر", "سرباز", "مرزبان", "جنگجو", "عضو", "غیرنظامی", "شهروند"],
    "ar": ["مواطن", "مواطنين", "جنود", "جندي", "عناصر", "أشخاص", "شخص", "مسلح", "آخرين", "عمال"],
    "ru": ["человек", "пограничник", "военнослужащ", "боевик", "мирных", "граждан", "рабочи"],
    "tg": ["нафар", "сарбоз", "марзбон", "сарҳадбон", "ҷангҷӯ", "сокин", "коргар"],
    "en": ["people", "soldier", "guard", "worker", "civilian", "militant", "fighter", "person"],
}
# Verbs that say one person was killed or hurt (Russian singular past).
SINGULAR_VERBS = {
    "ru": {
        "killed": ("погиб", "погибла", "убит", "убита", "скончался", "скончалась"),
        "injured": ("ранен", "ранена"),
    },
}
# Arabic nouns for one person: after a noun or verb of killing ("مقتل عامل صيني"), or
# up to three words before a verb of it ("عنصرا من الشرطة أصيب").
ONE_PERSON_AR = (
    *("جندي", "عنصر", "عامل", "مواطن", "شخص", "حارس", "شرطي", "مدني", "طفل", "مهرب"),
    *("مسلح", "ضابط", "مزارع", "راع"),
)
# Arabic verbs (not nouns) of killing and injuring: their subject may stand before them
# ("إن جنديين من حرس الحدود قتلا"), up to AR_SUBJECT words back.
VERBS_AR = (
    *("أصيب", "أصيبت", "أصيبا", "أصيبوا", "قتل", "قتلت", "قتلا", "قتلوا"),
    *("لقي", "لقيا", "لقوا", "توفي"),
)
AR_SUBJECT = 4
_ARABIC_CLITICS = re.compile(r"^(?:[وبلف]?ال|[وبلف])")
_DIACRITICS = re.compile(r"[\u0640\u064b-\u0652\u0670]")
_TOKEN = re.compile(r"[\w\u200c\u0640\u064b-\u0652\u0670]+|[,،;؛]")
WINDOW = 12  # tokens between a number and its verb
# Dari and Tajik put the verb last, after the place and the circumstances: look further.
WINDOW_VERB_LAST = 16
# Where the number stands: before the verb in Dari and Tajik (verb last), after the
# noun of killing in Arabic ("مقتل خمسة"), either side in Russian and English.
LOOK = {"fa": (True, False), "tg": (True, False), "ar": (False, True)}
# A number across "and" or a comma usually belongs to another clause.
CLAUSE_BREAKS = {"و", "and", "и", "а", "ва", ",", "،", ";", "؛"}
# Words before "پنج"/"Панҷ" that make it the town or the river, not five.
NAME_CUES = {
    "fa": ("شهر", "ولسوالی", "دریای", "بندر", "ناحیه", "شهرستان"),
    "tg": ("дарёи", "ноҳияи", "шаҳри", "шаҳраки", "деҳаи", "вилояти"),
}
# "Nobody was killed": a verb of killing denied counts nothing. Russian and English deny
# before the verb ("никто не погиб"), Dari and Tajik after it ("کسی کشته نشد", "захмӣ нашуд").
NEGATED_BEFORE = {"ru": ("не", "никто", "нет"), "en": ("not", "no", "nobody", "none")}
NEGATED_AFTER = {"fa": ("نشد", "نشده", "نگردید"), "tg": ("нашуд", "нагардид", "нашудааст")}
YEARS = (1900, 2099)  # four digits in this range are a year, not a count

Span = tuple[int, int]
# Words that join two counted groups, and words that end the groups of one verb.
AND_WORDS = frozenset({"و", "and", "и", "ва", "а также", ",", "،", "plus"})
ENDS_GROUP = frozenset({";", "؛", "but", "но", "اما", "ولی", "лекин", "аммо", "لكن"})


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


@dataclass(frozen=True)
class Group:
    """One group counted: "two border guards" (value 2, class "security")."""

    value: int
    span: Span  # from the number to its verb, offsets into the sentence
    victims: str  # see VICTIMS: "security", "militant", "civilian", or "people"


def _low(word: str) -> str:
    return w.fold(word).lower()


# Folded once at import: these run for every token of every sentence.
_PERSONS = {lang: tuple(_low(s) for s in stems) for lang, stems in PERSON_NOUNS.items()}
_NUMBERS = {lang: {_low(k): v for k, v in table.items()} for lang, table in w.NUMBER_WORDS.items()}
_ONE_AR = frozenset(_low(n) for n in ONE_PERSON_AR)
_NAME_CUES = {lang: frozenset(_low(c) for c in cues) for lang, cues in NAME_CUES.items()}
_VERBS_AR = frozenset(_low(v) for v in VERBS_AR)
# Month names (the first word of each): a number right before one is a day, not a count.
_MONTHS = {
    lang: frozenset(_low(n.split()[0]) for n in names)
    for lang, names in {
        "fa": [*w.SOLAR_AFGHAN, *w.SOLAR_IRANIAN, *(n for g in w.GREGORIAN["fa"] for n in g)],
        "ar": [*(n for g in w.HIJRI for n in g), *(n for g in w.GREGORIAN["ar"] for n in g)],
        "ru": [*(n for g in w.GREGORIAN["ru"] for n in g), *w.RU_MONTH_ALONE],
        "tg": [n for g in w.GREGORIAN["tg"] for n in g],
        "en": [n for g in w.GREGORIAN["en"] for n in g],
    }.items()
}


_VICTIMS = {
    cls: {lang: tuple(_low(x) for x in stems) for lang, stems in by_lang.items()}
    for cls, by_lang in VICTIMS.items()
}
_INCLUDING = {lang: [_low(c).split() for c in cues] for lang, cues in INCLUDING.items()}


def victim_word(token: str, lang: str) -> bool:
    """Whether the word names victims of some class (a guard, a militant, a driver)."""
    return any(token.startswith(by_lang.get(lang, ())) for by_lang in _VICTIMS.values())


def victim_class(tokens: list[str], i: int, lang: str) -> str:
    """Who the number at token i counts: the class of the next two words ("двое
    пограничников": security), of the word itself (an Arabic dual), or "people"."""
    near: list[str] = []
    for token in tokens[i : i + 5]:  # "two Tajik border guards": the noun a few words on
        if near and (token in CLAUSE_BREAKS or _low(token) in PHRASE_ENDS):
            break  # "ду афғон тавассути марзбонони тоҷик": the guards are who killed them
        near.append(token)
    back = []
    for token in reversed(tokens[max(0, i - 10) : i]):
        if token in CLAUSE_BREAKS:
            break
        back.append(token)
    for token in [*near, *back]:
        bare = _bare_ar(token) if lang == "ar" else _low(token)
        for cls, by_lang in _VICTIMS.items():
            if bare.startswith(by_lang.get(lang, ())):
                return cls
    return "people"


def _after_including(tokens: list[str], lang: str) -> set[int]:
    """Numbers right after "including" (up to two words later): part of a total."""
    low = [_low(t) for t in tokens]
    out: set[int] = set()
    for cue in _INCLUDING.get(lang, []):
        for k in range(len(low) - len(cue) + 1):
            if low[k : k + len(cue)] == cue:
                out |= set(range(k + len(cue), min(len(low), k + len(cue) + 3)))
    return out


def _starts(token: str, lang: str) -> bool:
    return _low(token).startswith(_PERSONS[lang])


def _is_name(tokens: list[str], i: int, lang: str) -> bool:
    """A number word used as a name: after "شهر"/"ولسوالی"/"دریای" in Persian, after
    "дарёи"/"ноҳияи"/"шаҳри" in Tajik ("дарёи Панҷ", the Panj river)."""
    cues = _NAME_CUES.get(lang, frozenset())
    return i > 0 and _low(tokens[i - 1]) in cues


def _number(tokens: list[str], i: int, lang: str) -> int | None:
    low = _low(tokens[i])
    if lang == "ar" and low[:1] in ("و", "ف") and low[1:] in _NUMBERS[lang]:
        low = low[1:]  # "واثنين": and two
    if low.isdigit() and len(low) <= 4:
        return None if YEARS[0] <= int(low) <= YEARS[1] else int(low)  # "2025" is a year
    value = _NUMBERS[lang].get(low)
    return None if value is None or _is_name(tokens, i, lang) else value


def _score(tokens: list[str], i: int, at: int, lang: str) -> float:
    """Distance from the verb, less for a number before a person noun, more across "and"."""
    person = i + 1 < len(tokens) and _starts(tokens[i + 1], lang)
    between = tokens[min(i, at) + 1 : max(i, at)]
    crosses = any(w.fold(t).lower() in CLAUSE_BREAKS for t in between)
    return abs(i - at) - (3 if person else 0) + (5 if crosses else 0)


def _count_near(tokens: list[str], at: int, lang: str, skip: set[int]) -> tuple[int, int] | None:
    """The number nearest the verb at token `at`, not a skipped token: (value, its index)."""
    before, after = LOOK.get(lang, (True, True))
    reach = WINDOW_VERB_LAST if lang in ("fa", "tg") else WINDOW
    lo = at - reach if before else at + 1
    if lang == "ar" and _is_verb_ar(tokens[at]):
        lo = at - AR_SUBJECT
    hi = at + reach + 1 if after else at
    if _verbal_noun(tokens, at, lang):
        hi = at + VERBAL_NOUN_REACH + 1  # "کشته شدن دو مرزبان": the killing of two guards
    best: tuple[float, int, int] | None = None
    for i in range(max(0, lo), min(len(tokens), hi)):
        value = _number(tokens, i, lang) if i != at and i not in skip else None
        if value is None:
            continue
        score = _score(tokens, i, at, lang)
        if best is None or score < best[0]:
            best = (score, value, i)
    return (best[1], best[2]) if best else None


# Dari and Tajik verbal nouns put the count after them: "کشته شدن سه تن", "кушта шудани ду".
VERBAL_NOUNS = {"fa": ("شدن", "کردن"), "tg": ("шудани", "шудан", "кардани")}
VERBAL_NOUN_REACH = 4


def _verbal_noun(tokens: list[str], at: int, lang: str) -> bool:
    nouns = VERBAL_NOUNS.get(lang)
    if not nouns:
        return False
    return any(_low(t).startswith(nouns) for t in tokens[at : at + 2])


def _bare_ar(token: str) -> str:
    return _ARABIC_CLITICS.sub("", _DIACRITICS.sub("", _low(token)))


def _is_verb_ar(token: str) -> bool:
    return _DIACRITICS.sub("", _low(token)).removeprefix("و").removeprefix("ف") in _VERBS_AR


def _one_ar(token: str) -> bool:
    bare = _bare_ar(token)
    return bare in _ONE_AR or (bare.endswith("ا") and bare[:-1] in _ONE_AR)


def _negated(tokens: list[str], at: int, lang: str) -> bool:
    before = tokens[at - 1].lower() if at > 0 else ""
    after = _low(tokens[at + 1]) if at + 1 < len(tokens) else ""
    return before in NEGATED_BEFORE.get(lang, ()) or after.startswith(NEGATED_AFTER.get(lang, ()))


def _one_after(tokens: list[str], at: int, lang: str) -> int | None:
    """Arabic: a noun for one person right after the word of killing ("مقتل عامل صيني")."""
    if lang != "ar" or at + 1 >= len(tokens) or not _one_ar(tokens[at + 1]):
        return None
    counted = at + 2 < len(tokens) and _number(tokens, at + 2, lang) is not None
    return None if counted else at + 1


# Dari and Tajik say one person with a singular auxiliary after the word of killing: "کشته
# شد" (was killed; "کشته شدند": were), "ҳалок гардид" ("ҳалок гардиданд": plural).
SINGULAR_AUX = {
    "fa": frozenset({"شد", "گردید", "شده", "شدهاست", "گردیده"}),
    "tg": frozenset({"шуд", "гардид", "шудааст", "гардидааст", "гашт"}),
}


def _singular_aux(tokens: list[str], at: int, lang: str) -> int | None:
    for i in range(at + 1, min(len(tokens), at + 3)):
        low = _low(tokens[i]).replace("\u200c", "")
        if low in SINGULAR_AUX[lang]:
            return at
        if low in CLAUSE_BREAKS:
            break
    return None


def _person(token: str, lang: str) -> bool:
    low = _low(token)
    return low.startswith(_PERSONS[lang]) or victim_word(low, lang)


def _counts_people(tokens: list[str], j: int, lang: str) -> bool:
    """Whether a joined number counts people: a word for people right after it ("and four
    gunmen", "و سه مهاجم", "واثنين من عناصر"), or an Arabic dual that is such a word."""
    after = tokens[j + 1 : j + 4]
    return any(_person(t, lang) or (lang == "ar" and _one_ar(t)) for t in after) or (
        lang == "ar" and _bare_ar(tokens[j]) in _NUMBERS["ar"] and _number(tokens, j, lang) == 2
    )


def _english_one(tokens: list[str], at: int) -> int | None:
    """ "killed a driver", "shot to death a 22-year-old officer"; "a Tajik border guard was
    killed", "an officer has been wounded": one person, at the article's token."""
    after = tokens[at + 1 : at + 6]
    if after[:1] and _low(after[0]) in ("a", "an") and any(_person(t, "en") for t in after[1:]):
        return at + 1
    passive = [_low(t) for t in tokens[max(0, at - 2) : at]]
    if not ({"was", "been"} & set(passive)):
        return None
    for i in range(at - 1, max(-1, at - 8), -1):
        if tokens[i] in CLAUSE_BREAKS:
            return None
        if _low(tokens[i]) in ("a", "an", "one") and any(
            _person(t, "en") for t in tokens[i + 1 : at]
        ):
            return i
    return None


def _one_at_verb(tokens: list[str], at: int, lang: str, which: str) -> int | None:
    """With no number: a Russian verb in the singular ("погиб"), or an Arabic noun for one
    person up to three words before the verb ("عنصرا من الشرطة أصيب")."""
    if lang == "ru":
        return at if tokens[at].lower() in SINGULAR_VERBS["ru"][which] else None
    if lang in SINGULAR_AUX:
        return _singular_aux(tokens, at, lang)
    if lang == "en":
        return _english_one(tokens, at)
    if lang != "ar" or not _is_verb_ar(tokens[at]):
        return None
    for i in range(at - 1, max(-1, at - 4), -1):
        if tokens[i] in CLAUSE_BREAKS:
            return None
        if _one_ar(tokens[i]):
            return i
    return None


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


def _not_counts(text: str, spans: list[Span], tokens: list[str], lang: str) -> set[int]:
    """Tokens that are digits of a time ("22:00") or the day of a date ("5 декабря")."""
    folded = w.fold(text)
    times = [m.span() for m in (*_TIME.finditer(folded), *_AGE.finditer(folded))]
    out = {i for i, (s, e) in enumerate(spans) if any(a <= s and e <= b for a, b in times)}
    months = _MONTHS.get(lang, frozenset())
    days = range(len(tokens) - 1)
    out |= {i for i in days if tokens[i].isdigit() and _low(tokens[i + 1]) in months}
    # "December 7", "Nov 28": a day after its month
    return out | {i + 1 for i in days if tokens[i + 1].isdigit() and _month_word(tokens[i], months)}


def _month_word(token: str, months: frozenset[str]) -> bool:
    low = _low(token).rstrip(".")
    return low in months or (len(low) >= 3 and any(m.startswith(low) for m in months))


_MARKS = "[\u0640\u064b-\u0652\u0670]*"  # tatweel and Arabic diacritics, written or not


def _tolerant(phrase: str) -> str:
    """A phrase whose Arabic-script letters may carry diacritics: "قُتلوا" is "قتلوا"."""
    return "".join(
        re.escape(c) + (_MARKS if "\u0600" <= c <= "\u06ff" else "") for c in _low(phrase)
    )


@cache
def _alternation(phrases: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile("|".join(_tolerant(p) for p in ordered))


def _phrase_at(text: str, phrases: list[str]) -> list[int]:
    return [m.start() for m in _alternation(tuple(phrases)).finditer(_low(text))]


def _verb_tokens(text: str, spans: list[Span], lang: str, which: str) -> list[int]:
    verbs = KILLED[lang] if which == "killed" else INJURED[lang]
    out: list[int] = []
    for pos in _phrase_at(text, verbs):
        at = next((i for i, (s, e) in enumerate(spans) if s <= pos < e), None)
        if at is not None and at not in out:
            out.append(at)
    return out


def _conjoined(tokens: list[str], i: int, at: int, lang: str, skip: set[int]) -> list[int]:
    """Numbers joined to the one at i by "and" or a comma, further from the verb: "one
    soldier and four gunmen died", "погибли двое пограничников и трое боевиков"."""
    away = _conjoined_side(tokens, i, at, lang, skip, -1 if i < at else 1)
    return away + _conjoined_side(tokens, i, at, lang, skip, 1 if i < at else -1)


def _conjoined_side(
    tokens: list[str], i: int, at: int, lang: str, skip: set[int], step: int
) -> list[int]:
    """Joined numbers on one side of i (towards the verb: "two engineers and a driver
    were wounded"; away from it: "one soldier and four gunmen died")."""
    found: list[int] = []
    joined, j = False, i + step
    while 0 <= j < len(tokens) and j != at and abs(j - (found[-1] if found else i)) <= 4:
        low = _low(tokens[j])
        if lang == "ar" and low[:1] == "و" and _number(tokens, j, lang) is not None:
            joined = True  # "ثلاثة من الإرهابيين واثنين من عناصر": the "and" on the number
        if low in AND_WORDS:
            joined = True
        elif mentions(low, KILLED[lang] + INJURED[lang], lang) or low in ENDS_GROUP:
            break
        elif joined and j not in skip and _joined_value(tokens, j, lang) is not None:
            if _verb_next(tokens, j, step, lang) or not _counts_people(tokens, j, lang):
                break  # "погибли двое, трое ранены"; "killed two and arrested three"
            found.append(j)
            joined = False
        j += step
    return found


# Prepositions that end the noun phrase after a number: who is counted stands before them.
PHRASE_ENDS = frozenset(
    {
        *("by", "in", "on", "near", "at", "during", "from", "with", "after"),
        *("в", "во", "на", "от", "со", "при", "после", "у", "возле"),
        *("در", "توسط", "به", "با", "نزدیک"),  # not از: "سه تن از مرزبانان" (three of)
        *("في", "على", "قرب", "خلال", "بعد"),  # not من: "ثلاثة من المسلحين"
        *("дар", "тавассути", "ба", "бо", "назди"),
    }
)
# An article counts one when it is joined to a counted group: "two engineers and a driver".
ONE_JOINED = {"en": frozenset({"a", "an", "another"})}


def _joined_value(tokens: list[str], j: int, lang: str) -> int | None:
    if _low(tokens[j]) in ONE_JOINED.get(lang, frozenset()):
        return 1
    return _number(tokens, j, lang)


# "Mortally wounded" is a death, not an injury ("получил смертельное ранение").
MORTAL = ("смертельн", "mortally", "fatally", "مرگبار", "قاتله")


def _mortal(tokens: list[str], at: int) -> bool:
    return at > 0 and _low(tokens[at - 1]).startswith(MORTAL)


def _verb_next(tokens: list[str], j: int, step: int, lang: str) -> bool:
    ahead = tokens[j + step : j + 3 * step : step] if step > 0 else tokens[max(0, j - 2) : j]
    return any(mentions(_low(t), KILLED[lang] + INJURED[lang], lang) for t in ahead)


def _groups(text: str, lang: str, which: str) -> list[Group]:
    """Every count a verb of killing (or injuring) takes in text, each number once."""
    spans = [m.span() for m in _TOKEN.finditer(text)]
    tokens = [text[s:e] for s, e in spans]
    skip = _not_counts(text, spans, tokens, lang) | _after_including(tokens, lang)
    used: set[int] = set()
    out: list[Group] = []
    for at in _verb_tokens(text, spans, lang, which):
        if _negated(tokens, at, lang) or (which == "injured" and _mortal(tokens, at)):
            continue
        one = _one_after(tokens, at, lang)
        found = (1, one) if one is not None else _count_near(tokens, at, lang, skip | used)
        if found is None and (one := _one_at_verb(tokens, at, lang, which)) is not None:
            found = (1, one)
        if found is None or found[1] in used:
            continue
        value, i = found
        for j in [i, *_conjoined(tokens, i, at, lang, skip | used)]:
            v = value if j == i else _joined_value(tokens, j, lang) or 0
            first, last = min(j, at), max(j, at)
            victims = "people" if _restated(tokens, j, lang) else victim_class(tokens, j, lang)
            out.append(Group(v, (spans[first][0], spans[last][1]), victims))
            used.add(j)
    return out


_DETERMINERS = {lang: frozenset(_low(d) for d in ds) for lang, ds in DETERMINERS.items()}


def _restated(tokens: list[str], j: int, lang: str) -> bool:
    """ "The two killed were smugglers", "эти двое", "این دو": people counted before, so
    the count is of people at large (it adds no class of its own)."""
    return j > 0 and _low(tokens[j - 1]) in _DETERMINERS.get(lang, frozenset())


def _total(groups: list[Group]) -> tuple[int, Span] | None:
    if not groups:
        return None
    span = (min(g.span[0] for g in groups), max(g.span[1] for g in groups))
    return sum(g.value for g in groups), span


def casualties(sentence: str, lang: str) -> Counts:
    """Killed and injured counts a sentence states, from digits or number words; the groups
    of one sentence added up ("one soldier and four gunmen died": 5)."""
    killed, injured = _groups(sentence, lang, "killed"), _groups(sentence, lang, "injured")
    k, i = _total(killed), _total(injured)
    return Counts(
        k[0] if k else None,
        i[0] if i else None,
        k[1] if k else None,
        i[1] if i else None,
        tuple(killed),
        tuple(injured),
    )


def mentions_casualty(sentence: str, lang: str) -> bool:
    """Whether a sentence speaks of anyone killed or injured."""
    folded = w.fold(sentence).lower()
    return mentions(folded, KILLED[lang], lang) or mentions(folded, INJURED[lang], lang)
