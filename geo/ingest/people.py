"""Who a count counts: one person named in the singular (Russian "погиб пограничник",
Arabic "مقتل عامل", Dari "کشته شد", English "a guard was killed"), the number a token
states, and the class of victims a number counts (security forces, militants, civilians,
or people at large; "the two killed" restates people counted before).

A number word that is a name is no count: Tajik "дарёи Панҷ" (the Panj river; "панҷ" is
five), Persian "شهر پنج" (the town of Panj; "پنج" is five).
"""

from __future__ import annotations

import re

from geo.ingest import words as w
from geo.ingest.toll_words import (
    AND_WORDS,
    CLAUSE_BREAKS,
    COMPANION,
    ENDS_GROUP,
    NAME_CUES,
    ONE_JOINED,
    ONE_PERSON_AR,
    PERSON_NOUNS,
    SINGULAR_AUX,
    SINGULAR_VERBS,
    VAGUE_QUANTITY,
    VERBS_AR,
    YEARS,
)
from geo.ingest.triggers import DETERMINERS, INJURED, KILLED, VICTIMS

_ARABIC_CLITICS = re.compile(r"^(?:[وبلف]?ال|[وبلف])")


_DIACRITICS = re.compile(f"[{w.AR_MARKS}]")
# Marks inside a word that are no letter (bidi marks, ZWJ, tatweel; the ZWNJ is kept:
# Persian words are written with it in the tables too).
_INVISIBLE = re.compile("[\u200d\u200e\u200f\u202a-\u202e\u2066-\u2069\u0640]")


def lowered(word: str) -> str:
    """A word as the tables are looked up: folded, lower case, no invisible marks."""
    return _INVISIBLE.sub("", w.fold(word)).lower()


# Folded once at import: these run for every token of every sentence. People are the words
# for people and every class of victims.
PERSONS = {
    lang: tuple(lowered(s) for s in (*stems, *(x for c in VICTIMS.values() for x in c[lang])))
    for lang, stems in PERSON_NOUNS.items()
}


NUMBERS_FOLDED = {
    lang: {lowered(k): v for k, v in table.items()} for lang, table in w.NUMBER_WORDS.items()
}


_TOLL_STEMS = {lang: tuple(lowered(x) for x in (*KILLED[lang], *INJURED[lang])) for lang in KILLED}


_ONE_AR = frozenset(lowered(n) for n in ONE_PERSON_AR)


_NAME_CUES = {lang: frozenset(lowered(c) for c in cues) for lang, cues in NAME_CUES.items()}


_VERBS_AR = frozenset(lowered(v) for v in VERBS_AR)


VICTIM_STEMS = {
    cls: {lang: tuple(lowered(x) for x in stems) for lang, stems in by_lang.items()}
    for cls, by_lang in VICTIMS.items()
}


def victim_word(token: str, lang: str) -> bool:
    """Whether the word names victims of some class (a guard, a militant, a driver)."""
    return any(token.startswith(by_lang.get(lang, ())) for by_lang in VICTIM_STEMS.values())


def starts_person(token: str, lang: str) -> bool:
    return lowered(token).startswith(PERSONS[lang])


def _is_name(tokens: list[str], i: int, lang: str) -> bool:
    """A number word used as a name: after "شهر"/"ولسوالی"/"دریای" in Persian, after
    "дарёи"/"ноҳияи"/"шаҳри" in Tajik ("дарёи Панҷ", the Panj river)."""
    cues = _NAME_CUES.get(lang, frozenset())
    return i > 0 and lowered(tokens[i - 1]) in cues


# Number words that are other words too: Persian "نه" is nine and "not"; a count only
# before a word for people ("نه سرباز").
AMBIGUOUS_NUMBERS = {"fa": frozenset({"نه"})}
# "One" that is also the indefinite article: Persian "یک ساحه" (a border area), Tajik "як
# минтақа". A count only before a word for people or of killing ("یک سرباز", "یک کشته").
INDEFINITE_ONE = {"fa": frozenset({"یک"}), "tg": frozenset({"як"})}
TEENS_AR = ("عشر", "عشره")  # "اثنا عشر" 12, "خمسة عشر" 15: a unit before ten


def number_at(tokens: list[str], i: int, lang: str) -> int | None:
    """The number token i states: digits, a number word, or a compound read from the words
    around it ("двадцать пять" 25, "twenty-five", "خمسة عشر" 15)."""
    low = lowered(tokens[i]).replace("\u0640", "")  # tatweel: "ثلاثـــة"
    if lang == "ar" and low[:1] in ("و", "ف") and low[1:] in NUMBERS_FOLDED[lang]:
        low = low[1:]  # "واثنين": and two
    if lang == "ar" and low[:2] == "ال" and low[2:] in NUMBERS_FOLDED[lang]:
        low = low[2:]  # "الأشخاص الثلاثة": the three
    if lang == "ar" and _dual(low):
        return 2  # "مواطنان", "جنديان": two, in the noun's own ending
    if low.isdigit() and len(low) <= 4:
        return None if YEARS[0] <= int(low) <= YEARS[1] else int(low)  # "2025" is a year
    value = NUMBERS_FOLDED[lang].get(low)
    if value is None or _is_name(tokens, i, lang):
        return None
    if low in AMBIGUOUS_NUMBERS.get(lang, ()) and not _names_people(_next(tokens, i), lang):
        return None  # "نه تنها" (not only), "نه سرباز" (nine soldiers)
    if low in INDEFINITE_ONE.get(lang, ()) and not _counts_after(tokens, i, lang):
        return None  # "در یک ساحۀ مرزی": in a border area
    if _second_part(tokens, i, lang, value):
        return None  # read with the word before it: "двадцать пять", "خمسة عشر"
    return value + _compound(tokens, i, lang, value)


def _dual(low: str) -> bool:
    """An Arabic noun for one person in the nominative dual ("-ان"): "عاملان", "مواطنان"
    (the oblique "-ين" is also a plural: "مواطنين" citizens)."""
    bare = _DIACRITICS.sub("", low).removeprefix("و")
    return bare.endswith("ان") and bare[:-2] in _ONE_AR


def _names_people(token: str, lang: str) -> bool:
    low = lowered(token)
    return low in PERSONS[lang] or victim_word(low, lang)


def _counts_after(tokens: list[str], i: int, lang: str) -> bool:
    """Whether the word after "one" is a person or the word of killing or injuring."""
    after = lowered(_next(tokens, i))
    return not after or _person(after, lang) or after.startswith(_TOLL_STEMS[lang])


def _second_part(tokens: list[str], i: int, lang: str, value: int) -> bool:
    if i == 0:
        return False
    before = NUMBERS_FOLDED[lang].get(lowered(tokens[i - 1]))
    if before is None:
        return False
    tens_then_unit = before >= 20 and before % 10 == 0 and value < 10
    return tens_then_unit or (lang == "ar" and before < 10 and lowered(tokens[i]) in TEENS_AR)


def _next(tokens: list[str], i: int) -> str:
    return tokens[i + 1] if i + 1 < len(tokens) else ""


def _compound(tokens: list[str], i: int, lang: str, value: int) -> int:
    """What the next word adds: a unit after tens ("twenty five"), ten after an Arabic
    unit ("خمسة عشر")."""
    after = lowered(_next(tokens, i))
    if lang == "ar" and value < 10 and after in TEENS_AR:
        return 10
    unit = NUMBERS_FOLDED[lang].get(after)
    return unit if value >= 20 and value % 10 == 0 and unit is not None and unit < 10 else 0


def bare_ar(token: str) -> str:
    return _ARABIC_CLITICS.sub("", _DIACRITICS.sub("", lowered(token)))


def is_verb_ar(token: str) -> bool:
    return _DIACRITICS.sub("", lowered(token)).removeprefix("و").removeprefix("ف") in _VERBS_AR


def _one_ar(token: str) -> bool:
    bare = bare_ar(token)
    return bare in _ONE_AR or (bare.endswith("ا") and bare[:-1] in _ONE_AR)


def one_after(tokens: list[str], at: int, lang: str) -> int | None:
    """Arabic: a noun for one person right after the word of killing ("مقتل عامل صيني")."""
    if lang != "ar" or at + 1 >= len(tokens) or not _one_ar(tokens[at + 1]):
        return None
    counted = at + 2 < len(tokens) and number_at(tokens, at + 2, lang) is not None
    return None if counted else at + 1


def _singular_aux(tokens: list[str], at: int, lang: str) -> int | None:
    for i in range(at + 1, min(len(tokens), at + 3)):
        low = lowered(tokens[i]).replace("\u200c", "")
        if low in CONVERBS.get(lang, ()):
            return at if _singular_subject(tokens, at, lang) else None
        if low in SINGULAR_AUX[lang]:
            return at
        if low in CLAUSE_BREAKS:
            break
    return None


# Participles that chain clauses ("ҳалок гардида, …", "کشته شده و …") say nothing of the
# number: the subject before them does ("полковник … ҳалок гардида": one; "марзбонон": not).
CONVERBS = {"tg": frozenset({"гардида", "шуда"}), "fa": frozenset({"شده", "گردیده"})}
_PLURAL = {"tg": ("он", "ён", "ҳо", "ҳои", "они", "ёни"), "fa": ("ان", "ها", "های", "هایی")}


def _singular_subject(tokens: list[str], at: int, lang: str) -> bool:
    """Whether the nearest word for a person before the verb is in the singular."""
    for i in range(at - 1, max(-1, at - 10), -1):
        if tokens[i] in CLAUSE_BREAKS:
            return False
        low = lowered(tokens[i]).replace("\u200c", "")
        if _person(low, lang):
            return not low.endswith(_PLURAL[lang])
    return False


def _person(token: str, lang: str) -> bool:
    low = lowered(token)
    return low.startswith(PERSONS[lang]) or victim_word(low, lang)


def counts_people(tokens: list[str], j: int, lang: str) -> bool:
    """Whether a joined number counts people: a word for people right after it ("and four
    gunmen", "و سه مهاجم", "واثنين من عناصر"), or an Arabic dual that is such a word."""
    after = tokens[j + 1 : j + 4]
    return any(_person(t, lang) or (lang == "ar" and _one_ar(t)) for t in after) or (
        lang == "ar"
        and bare_ar(tokens[j]) in NUMBERS_FOLDED["ar"]
        and number_at(tokens, j, lang) == 2
    )


def _english_one(tokens: list[str], at: int) -> int | None:
    """ "killed a driver", "shot to death a 22-year-old officer"; "a Tajik border guard was
    killed", "an officer has been wounded": one person, at the article's token."""
    after = tokens[at + 1 : at + 6]
    if after[:1] and lowered(after[0]) in ("a", "an") and any(_person(t, "en") for t in after[1:]):
        return at + 1
    # "was killed", "has been wounded", "was earlier that day killed": the auxiliary up to
    # three words before the verb, none of them a clause break.
    aux = next((k for k in range(at - 1, max(-1, at - 5), -1) if lowered(tokens[k]) in _AUX), None)
    if aux is None or any(tokens[k] in CLAUSE_BREAKS for k in range(aux, at)):
        return None
    end = aux + 1
    passive = [lowered(t) for t in tokens[max(0, end - 2) : end]]
    for i in range(end - 1, max(-1, end - 8), -1):
        if tokens[i] in CLAUSE_BREAKS:
            return None
        if lowered(tokens[i]) in ("a", "an", "one", "the") and any(
            _person(t, "en") for t in tokens[i + 1 : end]
        ):
            return i
    return _bare_subject(tokens, end, passive)


_AUX = ("was", "been")


def _bare_subject(tokens: list[str], at: int, passive: list[str]) -> int | None:
    """A headline's subject with no article, in the singular, right before "has been" or
    "was" ("Tajik border guard has been killed"): one person, at the noun."""
    if passive[-2:] != ["has", "been"] and passive[-1:] != ["was"]:
        return None
    noun = at - len(passive[-2:] if passive[-1:] == ["been"] else passive[-1:]) - 1
    word = lowered(tokens[noun]) if noun >= 0 else ""
    return noun if _person(word, "en") and not word.endswith("s") else None


def one_at_verb(tokens: list[str], at: int, lang: str, which: str) -> int | None:
    """With no number: a Russian verb in the singular ("погиб"), or an Arabic noun for one
    person up to three words before the verb ("عنصرا من الشرطة أصيب")."""
    if lang == "ru":
        return at if tokens[at].lower() in SINGULAR_VERBS["ru"][which] else None
    if lang in SINGULAR_AUX:
        return _singular_aux(tokens, at, lang)
    if lang == "en":
        return _english_one(tokens, at)
    if lang != "ar" or not is_verb_ar(tokens[at]):
        return None
    for i in range(at - 1, max(-1, at - 4), -1):
        if tokens[i] in CLAUSE_BREAKS:
            return None
        if _one_ar(tokens[i]):
            return i
    return None


def companion(tokens: list[str], at: int, lang: str) -> int | None:
    """After a Russian verb in the singular and its subject, "и его подельник" (and his
    accomplice): the companion's word, one more person; None when the noun is plural."""
    singular = (*SINGULAR_VERBS["ru"]["killed"], *SINGULAR_VERBS["ru"]["injured"])
    if lang != "ru" or tokens[at].lower() not in singular:
        return None
    for i in range(at + 1, min(len(tokens) - 2, at + 12)):
        if tokens[i] in CLAUSE_BREAKS - {"и"}:
            return None
        noun = lowered(tokens[i + 2])
        if lowered(tokens[i]) == "и" and lowered(tokens[i + 1]) in COMPANION["ru"]:
            one = _person(noun, lang) and not noun.endswith(("и", "ы"))
            return i + 2 if one else None
    return None


def joined_value(tokens: list[str], j: int, lang: str) -> int | None:
    if lowered(tokens[j]) in ONE_JOINED.get(lang, frozenset()):
        return 1
    return number_at(tokens, j, lang)


_DETERMINERS = {lang: frozenset(lowered(d) for d in ds) for lang, ds in DETERMINERS.items()}


def restated(tokens: list[str], j: int, lang: str) -> bool:
    """ "The two killed were smugglers", "эти двое", "این دو": people counted before, so
    the count is of people at large (it adds no class of its own)."""
    return j > 0 and lowered(tokens[j - 1]) in _DETERMINERS.get(lang, frozenset())


def vague_near(tokens: list[str], at: int, lang: str) -> int | None:
    """A word like "several" right by the verb ("несколько получили ранения", "several were
    wounded"): the count is not stated; numbers beyond it are another group's."""
    for i in range(max(0, at - 3), min(len(tokens), at + 4)):
        if lowered(tokens[i]) in VAGUE_QUANTITY.get(lang, frozenset()):
            return i
    return None


def vague_groups(
    tokens: list[str], at: int, counted: list[int], verbs: list[int], lang: str
) -> list[int]:
    """Vague quantities the verb at `at` takes ("several smugglers and two soldiers were
    killed", "несколько боевиков уничтожены"): right by the verb, or joined by "and" to a
    number it counts; not "some 30" (an approximate number), not another verb's ("two were
    killed and several wounded")."""
    vague = VAGUE_QUANTITY.get(lang, frozenset())
    out = []
    for v, token in enumerate(tokens):
        if lowered(token) not in vague or number_at(tokens, v + 1, lang) is not None:
            continue
        if any(abs(x - v) <= abs(at - v) for x in verbs if x != at):
            continue  # as near another verb: that verb's
        between = tokens[min(v, at) + 1 : max(v, at)]
        if any(t in ENDS_GROUP for t in between):
            continue
        joined = any(
            abs(v - j) <= 4 and any(t in AND_WORDS for t in tokens[min(v, j) + 1 : max(v, j)])
            for j in counted
        )
        beside = abs(v - at) <= 3 and not any(t in AND_WORDS for t in between)
        if beside or joined:
            out.append(v)
    return out


def singular_beyond(tokens: list[str], i: int, at: int, lang: str, which: str) -> bool:
    """A verb in the singular ("ранен") whose nearest number lies across a comma: that
    number is another clause's; the verb counts one."""
    if one_at_verb(tokens, at, lang, which) is None or lang != "ru":
        return False
    return any(t in (",", ";") for t in tokens[min(i, at) + 1 : max(i, at)])


FAR = 30  # tokens back to a counted subject a long participial clause keeps from its verb


def far_subject(
    tokens: list[str], at: int, lang: str, skip: set[int], verbs: list[int]
) -> tuple[int, int] | None:
    """A verb in the plural whose counted subject stands beyond the window, past a
    participial or relative clause: "три члена организации, незаконно пересекшие границу в
    районе …, оказали сопротивление и были обезврежены", "Three nationals working at a mining
    camp in … were killed" (three). The nearest number before the verb counting people,
    with no other word of killing or injuring between them; in English, opening the sentence
    or its reported clause (a subject, not an object of another verb)."""
    if not _plural(tokens, at, lang):
        return None
    for i in range(at - 1, max(-1, at - FAR), -1):
        if i in verbs:
            return None
        value = number_at(tokens, i, lang) if i not in skip else None
        if value is not None and value > 1 and counts_people(tokens, i, lang):
            return (value, i) if lang != "en" or _opens_subject(tokens, i) else None
    return None


def _plural(tokens: list[str], at: int, lang: str) -> bool:
    if lang == "en":  # "were killed", "were reportedly killed", "have been killed"
        return any(lowered(t) in ("were", "been") for t in tokens[max(0, at - 3) : at])
    return lang == "ru" and lowered(tokens[at]).endswith(("ы", "и"))


def _opens_subject(tokens: list[str], i: int) -> bool:
    before = [lowered(t) for t in tokens[max(0, i - 2) : i] if lowered(t) not in ("the", "all")]
    return not before or before[-1] in (",", ";", "that", "said", "say", "says")
