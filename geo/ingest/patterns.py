"""The regular expressions that find date phrases, built once per language from geo.ingest.words.

They run on `words.fold(text)` (same length as the text), so match offsets are text offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from geo.ingest import words as w

B = r"(?<![\w\u200c])"  # no letter (or ZWNJ) right before
E = r"(?![\w\u200c])"  # no letter right after
SP = r"[\s\u200c]+"
RELATIVE: dict[str, dict[str, tuple[int, int, str]]] = {
    "fa": {
        "دیروز": (-1, -1, "day"),
        "روز گذشته": (-1, -1, "day"),  # "عصر روز گذشته": yesterday evening
        "پریروز": (-2, -2, "day"),
        "امروز": (0, 0, "day"),
        "دیشب": (-1, 0, "week"),
        "شب گذشته": (-1, 0, "week"),
        "هفته گذشته": (-7, -1, "week"),
        "هفته پیش": (-7, -1, "week"),
        "هفته‌ی گذشته": (-7, -1, "week"),
        "این هفته": (-6, 0, "week"),
        "ماه گذشته": (0, 0, "month"),
        "امسال": (0, 0, "year"),
        "پارسال": (-1, -1, "year"),
    },
    "ar": {
        "أمس": (-1, -1, "day"),
        "الأمس": (-1, -1, "day"),
        "أول أمس": (-2, -2, "day"),
        "الليلة الماضية": (-1, 0, "week"),
        "ليلة أمس": (-1, 0, "week"),
        "الأسبوع الماضي": (-7, -1, "week"),
        "هذا الأسبوع": (-6, 0, "week"),
        "الشهر الماضي": (0, 0, "month"),
        "هذا العام": (0, 0, "year"),
        "العام الماضي": (-1, -1, "year"),
    },
    "ru": {
        "вчера": (-1, -1, "day"),
        "позавчера": (-2, -2, "day"),
        "сегодня": (0, 0, "day"),
        "прошлой ночью": (-1, 0, "week"),
        "минувшей ночью": (-1, 0, "week"),
        "этой ночью": (-1, 0, "week"),  # said in the morning: the night just gone
        "сегодня ночью": (-1, 0, "week"),
        "на прошлой неделе": (-7, -1, "week"),
        "на минувшей неделе": (-7, -1, "week"),
        "на этой неделе": (-6, 0, "week"),
        "в прошлом месяце": (0, 0, "month"),
        "в этом году": (0, 0, "year"),
        "в прошлом году": (-1, -1, "year"),
    },
    "tg": {
        "дирӯз": (-1, -1, "day"),
        "парерӯз": (-2, -2, "day"),
        "имрӯз": (0, 0, "day"),
        "шаби гузашта": (-1, 0, "week"),
        "дишаб": (-1, 0, "week"),
        "ҳафтаи гузашта": (-7, -1, "week"),
        "ҳафтаи ҷорӣ": (-6, 0, "week"),
        "моҳи гузашта": (0, 0, "month"),
        "имсол": (0, 0, "year"),
        "порсол": (-1, -1, "year"),
        "соли гузашта": (-1, -1, "year"),
        "соли ҷорӣ": (0, 0, "year"),
    },
    "en": {
        "yesterday": (-1, -1, "day"),
        "the day before yesterday": (-2, -2, "day"),
        "today": (0, 0, "day"),
        "last night": (-1, 0, "week"),
        "overnight": (-1, 0, "week"),
        "this night": (-1, 0, "week"),
        "last week": (-7, -1, "week"),
        "this week": (-6, 0, "week"),
        "last month": (0, 0, "month"),
        "this year": (0, 0, "year"),
        "last year": (-1, -1, "year"),
    },
}
# After a day or a month, the year stated relative to publication: "۱۵ ثور امسال", "3 May
# last year", "تموز الجاري" (the current one). 0: the year of publication; -1: the one before.
RELATIVE_YEAR: dict[str, dict[str, int]] = {
    "fa": {"امسال": 0, "سال جاری": 0, "سال روان": 0, "پارسال": -1},
    "ar": {"الجاري": 0, "من العام الجاري": 0, "من هذا العام": 0},
    "ru": {"этого года": 0, "текущего года": 0},
    "tg": {"имсол": 0, "соли ҷорӣ": 0, "порсол": -1},
    "en": {"this year": 0, "of this year": 0, "last year": -1, "of last year": -1},
}
PARTS: dict[str, dict[str, str]] = {
    "fa": {"اواخر": "late", "اوایل": "early", "اوائل": "early", "اواسط": "mid"},
    "ar": {"أواخر": "late", "أوائل": "early", "منتصف": "mid", "أواسط": "mid"},
    "ru": {"в конце": "late", "в начале": "early", "в середине": "mid"},
    "tg": {"охири": "late", "аввали": "early", "миёнаи": "mid"},
    "en": {
        "late": "late",
        "early": "early",
        "mid": "mid",
        "the end of": "late",
        "the beginning of": "early",
    },
}
# "Three days ago", "полтора месяца назад", "دو هفته پیش", "قبل ثلاثة أيام": units of time
# counted back from publication (the days in a unit); "and a half" adds half a unit.
AGO_UNITS: dict[str, dict[str, int]] = {
    "en": {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30},
    "ru": {"день": 1, "дня": 1, "дней": 1, "неделю": 7, "недели": 7, "недель": 7},
    "fa": {"روز": 1, "هفته": 7, "ماه": 30, "سال": 365},
    "tg": {"рӯз": 1, "ҳафта": 7, "моҳ": 30, "сол": 365},
    "ar": {"يوم": 1, "أيام": 1, "أسبوع": 7, "أسابيع": 7, "شهر": 30, "أشهر": 30, "شهور": 30},
}
AGO_UNITS["en"] |= {"year": 365, "years": 365}
AGO_UNITS["ru"] |= {"месяц": 30, "месяца": 30, "месяцев": 30, "год": 365, "года": 365, "лет": 365}
AGO_UNITS["ar"] |= {"سنة": 365, "سنوات": 365, "عام": 365, "أعوام": 365}
# Arabic duals: two of the unit ("قبل شهرين", two months ago).
AGO_DUALS = {"يومين": 1, "أسبوعين": 7, "شهرين": 30, "عامين": 365, "سنتين": 365}
AGO = {"en": "ago", "ru": "назад", "fa": "پیش|قبل", "tg": "пеш|қабл", "ar": "قبل|منذ"}
HALF = {"en": "and a half", "ru": "с половиной", "fa": "و نیم", "tg": "у ним|ва ним", "ar": "ونصف"}
BEFORE_ANOTHER = {"fa": ["از"], "tg": ["аз"], "ar": ["من"]}  # "… before that", not "ago"
# ... unless "from" opens where it came from: "یک سال پیش از خاک افغانستان" (a year ago,
# from Afghan soil), "як сол пеш аз хоки Афғонистон", "قبل عام من الأراضي الأفغانية".
FROM_WHERE = {
    "fa": ["خاک", "سوی", "سمت", "طرف", "جانب", "داخل", "قلمرو", "آن سوی"],
    "tg": ["хоки", "тарафи", "ҷониби", "соҳили", "қаламрави"],
    "ar": ["الأراضي", "أراضي", "جهة", "الجانب", "داخل"],
}
# Counts that are no number word: "a week ago", "полтора месяца назад".
AGO_COUNTS = {"en": {"a": 1.0, "an": 1.0, "one and a half": 1.5}, "ru": {"полтора": 1.5}}
# "of last year" after a month: the month in the year before publication.
LAST_YEAR = {
    "fa": ["سال گذشته", "سال پیش", "پارسال"],
    "ar": ["من العام الماضي"],
    "ru": ["прошлого года"],
    "tg": ["соли гузашта"],
    "en": ["last year"],
}
# Solar hijri months: Afghan (zodiac) and Iranian name of each, Hamal/Farvardin first.
SOLAR_NAMES = [[a, b] for a, b in zip(w.SOLAR_AFGHAN, w.SOLAR_IRANIAN, strict=True)]
# "The night of" a weekday: Persian/Tajik mean its eve; Arabic "ليلة/ليل السبت" is read either
# way by writers, so the two days are kept.
NIGHT_CUES = frozenset({"شب", "шаби", "в ночь на", "ليلة", "ليل"})


def key(phrase: str | None) -> str:
    """The lookup form of a phrase: folded, lower case, single spaces."""
    return re.sub(r"[\s\u200c]+", " ", w.fold(phrase or "")).strip().lower()


def alt(names: list[str]) -> str:
    """A regex alternation of names, longest first, spaces matching any run of spacing."""
    forms = sorted({w.fold(n) for n in names}, key=len, reverse=True)
    return "|".join(re.escape(f).replace(r"\ ", SP) for f in forms)


@dataclass(frozen=True)
class DatePattern:
    """One kind of date phrase in one language, and the tables to read its groups."""

    lang: str
    kind: str
    regex: re.Pattern[str]
    months: dict[str, int] = field(default_factory=dict)
    weekdays: dict[str, int] = field(default_factory=dict)

    def _group(self, m: re.Match[str], name: str) -> str | None:
        return m.groupdict().get(name)

    def month_of(self, m: re.Match[str]) -> int | None:
        """The month number the match names."""
        return self.months.get(key(self._group(m, "month")))

    def weekday_of(self, m: re.Match[str]) -> int | None:
        """The weekday (Monday 0) the match names."""
        return self.weekdays.get(key(self._group(m, "wd")))

    def part_of(self, m: re.Match[str]) -> str | None:
        """'early', 'mid' or 'late' when the phrase says so."""
        return {key(k): v for k, v in PARTS[self.lang].items()}.get(key(self._group(m, "part")))

    def night_before(self, m: re.Match[str]) -> bool:
        """Whether a weekday is introduced as its eve ("شب جمعه")."""
        return key(self._group(m, "cue")) in {key(c) for c in NIGHT_CUES}

    def relative_year(self, m: re.Match[str]) -> tuple[int, str] | None:
        """A "this year" / "last year" after a date: years before publication, and the words."""
        said = key(self._group(m, "relyear"))
        return next(
            ((v, k) for k, v in RELATIVE_YEAR[self.lang].items() if key(k) == said and said),
            None,
        )

    def ago_of(self, m: re.Match[str]) -> float | None:
        """Days before publication an "ago" phrase counts back."""
        if dual := self._group(m, "dual"):
            return 2.0 * {key(k): v for k, v in AGO_DUALS.items()}[key(dual)]
        unit = {key(k): v for k, v in AGO_UNITS[self.lang].items()}.get(key(self._group(m, "unit")))
        said = key(self._group(m, "n"))
        counts = {key(k): v for k, v in AGO_COUNTS.get(self.lang, {}).items()}
        words = {key(k): float(v) for k, v in w.NUMBER_WORDS[self.lang].items()}
        n = float(said) if said.isdigit() else counts.get(said, words.get(said))
        if unit is None or n is None:
            return None
        return (n + (0.5 if self._group(m, "half") else 0.0)) * unit

    def offsets_of(self, m: re.Match[str]) -> tuple[int, int, str] | None:
        """Days before publication a relative phrase covers, and its precision."""
        return {key(k): v for k, v in RELATIVE[self.lang].items()}.get(key(self._group(m, "rel")))


def _table(groups: list[list[str]], start: int = 1) -> dict[str, int]:
    return {key(name): i for i, names in enumerate(groups, start) for name in names}


def _month_groups(lang: str) -> list[list[str]]:
    groups = [list(g) for g in w.GREGORIAN[lang]]
    if lang == "ru":
        for g, alone in zip(groups, w.RU_MONTH_ALONE, strict=True):
            g.append(alone)
    return groups


def _pieces(lang: str) -> dict[str, str]:
    months = alt([n for g in _month_groups(lang) for n in g])
    month = f"(?P<month>{months})" + (rf"(?:\s*/\s*(?:{months}))?" if lang == "ar" else "")
    ordinal = {"en": "(?:st|nd|rd|th)?", "tg": "(?:-?(?:ум|юм)(?:и)?)?", "ru": "(?:-?(?:го|е))?"}
    day = r"(?P<day>\d{1,2})" + ordinal.get(lang, "")
    if lang == "fa":
        day = rf"(?:(?P<day>\d{{1,2}})|(?P<dayw>{alt(list(w.FA_ORDINALS))}))"
    year_body = {
        "fa": rf"{SP}(?:سال{SP})?(?P<year>\d{{4}})",
        "ar": rf"{SP}(?P<year>\d{{4}})(?:{SP}م)?",
        "ru": rf"{SP}(?P<year>\d{{4}})(?:{SP}(?:года|г\.))?",
        "tg": rf"{SP}(?:соли{SP})?(?P<year>\d{{4}})",
        "en": r",?\s+(?P<year>\d{4})",
    }[lang]
    relyear = rf"{SP}(?P<relyear>{alt(list(RELATIVE_YEAR[lang]))})"
    return {
        "month": month,
        "day": day,
        "year": f"(?:{year_body}|{relyear})?",
        # English "may" is also a verb: "they may this year …" is no month.
        "year_required": f"(?:{year_body})" if lang == "en" else f"(?:{year_body}|{relyear})",
        "part": alt(list(PARTS[lang])),
    }


def _gregorian(lang: str, p: dict[str, str]) -> list[str]:
    found = [B + p["day"] + SP + p["month"] + p["year"] + E]
    if lang == "en":
        found.append(B + p["month"] + r"\s+" + p["day"] + p["year"] + E)
    return found


def _night(lang: str, p: dict[str, str]) -> list[str]:
    lead = {
        "ru": rf"в{SP}ночь{SP}(?:с{SP}\d{{1,2}}{SP})?на",
        "tg": "шаби",
        "fa": "شب",
        "ar": w.fold("ليلة"),
        "en": r"(?:the\s+)?night\s+of(?:\s+the)?",
    }[lang]
    if lang == "en":
        return [B + lead + r"\s+" + p["day"] + rf"(?:\s+(?:of\s+)?{p['month']})?" + E]
    return [B + lead + SP + p["day"] + SP + p["month"] + p["year"] + E]


def _months(lang: str, p: dict[str, str]) -> list[str]:
    part = rf"(?P<part>{p['part']})"
    month = p["month"]
    year = p["year"] + rf"(?:{SP}(?P<lastyear>{alt(LAST_YEAR[lang])}))?"
    if lang == "ru":
        return [B + part + SP + month + year + E, B + rf"(?:в|во){SP}" + month + year + E]
    lead = {"fa": "ماه", "ar": w.fold("(?:شهر|في|وفي)"), "tg": "моҳи", "en": "in"}[lang]
    found = [B + rf"(?:{part}{SP}(?:{lead}{SP})?|{lead}{SP})" + month + year + E]
    if lang in ("fa", "ar", "en"):
        found.append(B + month + p["year_required"] + E)  # a bare month only with a year
    return found


def _years(lang: str, p: dict[str, str]) -> list[str]:
    part = rf"(?:(?P<part>{p['part']}){SP})?"
    body = {
        "fa": rf"{part}سال{SP}(?P<year>\d{{4}})",
        "ar": rf"{part}(?:{w.fold('عام|سنة')}){SP}(?P<year>\d{{4}})",
        "ru": rf"{part}(?P<year>\d{{4}}){SP}(?:году|года)",
        "tg": rf"{part}соли{SP}(?P<year>\d{{4}})",
        # "until 2005": the year alone, its "until" left before it (a deadline's cue).
        "en": rf"(?:(?P<part>{p['part']})[\s-]+|in\s+|(?<=until )|(?<=till ))(?P<year>\d{{4}})",
    }[lang]
    return [B + body + E]


def _weekdays(lang: str, p: dict[str, str]) -> list[str]:
    days = alt([n for g in w.WEEKDAYS[lang] for n in g])
    cues = alt(w.DAY_CUES[lang] + ["شب"] * (lang == "fa"))
    wd = rf"(?P<wd>{days})"
    if lang == "fa":
        follow = rf"(?=\s+(?:\d|{alt(list(w.FA_ORDINALS))}))"
        return [B + rf"(?:(?P<cue>{cues}){SP})?" + wd + rf"(?(cue)|{follow})" + E]
    if lang == "tg":  # the weekday is matched case-sensitively ("Душанбе" is the city), its cue not
        last = rf"(?:и(?:{SP}гузашта)?)?"  # "душанбеи гузашта": last Monday
        return [B + rf"(?:(?P<cue>(?i:{cues})){SP})?" + wd + last + E]
    if lang == "en":
        return [B + rf"(?:(?P<cue>{cues})\s+)?" + wd + E]
    if lang == "ar":  # a bare weekday with its article: "وقع الأربعاء"; not الأحد (the one)
        bare = alt([n for g in w.WEEKDAYS[lang][:4] + w.WEEKDAYS[lang][5:6] for n in g])
        return [B + rf"(?P<cue>{cues}){SP}" + wd + E, B + rf"(?P<wd>{bare})" + E]
    return [B + rf"(?P<cue>{cues}){SP}" + wd + E]


def _relative(lang: str) -> list[str]:
    """ "Yesterday" …; in Persian not after a count ("دو روز گذشته": the past two days)."""
    counted = ""
    if lang == "fa":
        counts = [r"\d", *(re.escape(n) for n in [*w.NUMBER_WORDS["fa"], "چند"])]
        counted = "".join(rf"(?<!{c}[\s\u200c])" for c in counts)
    return [B + counted + rf"(?P<rel>{alt(list(RELATIVE[lang]))})" + E]


def _ago(lang: str) -> list[str]:
    """ "Three days ago" and its like; Arabic puts "قبل" first ("قبل ثلاثة أيام", "قبل شهرين")."""
    counts = [*w.NUMBER_WORDS[lang], *AGO_COUNTS.get(lang, {})]
    n = rf"(?P<n>\d{{1,3}}|{alt(counts)})"
    unit = rf"(?P<unit>{alt(list(AGO_UNITS[lang]))})"
    half = rf"(?:{SP}(?P<half>{HALF[lang].replace(' ', SP)}))?"
    # "Ду рӯз пеш аз он", "دو روز پیش از حمله", "قبل ثلاثة أيام من": before another event.
    where = rf"(?!{SP}(?:{alt(FROM_WHERE[lang])}){E})" if lang in FROM_WHERE else ""
    than = rf"(?!{SP}(?:{alt(BEFORE_ANOTHER[lang])}){E}{where})" if lang in BEFORE_ANOTHER else ""
    if lang == "ar":
        duals = alt(list(AGO_DUALS))
        return [B + rf"(?:{AGO['ar']}){SP}(?:{n}{SP}{unit}{half}|(?P<dual>{duals}))" + E + than]
    return [B + n + SP + unit + half + SP + rf"(?:{AGO[lang]})" + E + than]


def _solar(p: dict[str, str]) -> list[tuple[str, str]]:
    """Solar hijri days ("۹ دلو ۱۴۰۳") and months: a month name only after "ماه" or a part
    ("اواخر ماه حوت"), or before a year ("حوت ۱۴۰۳"): alone, "تیر", "جدی", "میزان" are words."""
    names = alt([n for g in SOLAR_NAMES for n in g])
    year = rf"{SP}(?:سال{SP})?(?P<year>1[34]\d\d)"
    relyear, lastyear = alt(list(RELATIVE_YEAR["fa"])), alt(LAST_YEAR["fa"])
    relative = rf"{SP}(?:(?P<relyear>{relyear})|(?P<lastyear>{lastyear}))"
    lead = rf"(?:(?P<part>{p['part']}){SP}(?:ماه{SP})?|ماه{SP})"
    return [
        ("solar", B + p["day"] + SP + rf"(?P<month>{names})(?:{year})?" + E),
        ("solar_month", B + lead + rf"(?P<month>{names})(?:{year}|{relative})?" + E),
        ("solar_month", B + rf"(?P<month>{names}){year}" + E),
    ]


def _calendars(lang: str, p: dict[str, str]) -> list[tuple[str, str, list[list[str]]]]:
    hijri_year = rf"(?:{SP}(?P<year>1[34]\d\d))?(?:{SP}?(?:هـ|ه\.ق|ق))?"
    hijri = B + p["day"] + SP + rf"(?P<month>{alt([n for g in w.HIJRI for n in g])})" + hijri_year
    found = [("hijri", hijri + E, w.HIJRI)]
    if lang == "fa":
        found += [(kind, rx, SOLAR_NAMES) for kind, rx in _solar(p)]
    return found


# A date in digits, day first: "15.01.2026", "15/01/2026".
NUMERIC = B + r"(?P<day>\d{1,2})[./](?P<mon>\d{1,2})[./](?P<year>\d{4})(?![\d])"


@cache
def patterns_for(lang: str) -> tuple[DatePattern, ...]:
    """Every date pattern of a language, compiled."""
    p = _pieces(lang)
    months = _table(_month_groups(lang))
    weekdays = _table(w.WEEKDAYS[lang], start=0)
    flags = re.IGNORECASE
    out = [
        DatePattern(lang, kind, re.compile(rx, flags), months)
        for kind, builder in (
            ("gregorian", _gregorian),
            ("night", _night),
            ("month", _months),
            ("year", _years),
        )
        for rx in builder(lang, p)
    ]
    out += [DatePattern(lang, "relative", re.compile(rx, flags)) for rx in _relative(lang)]
    out += [DatePattern(lang, "ago", re.compile(rx, flags)) for rx in _ago(lang)]
    wd_flags = 0 if lang == "tg" else flags  # Tajik "душанбе" is Monday, "Душанбе" the city
    out += [
        DatePattern(lang, "weekday", re.compile(rx, wd_flags), weekdays=weekdays)
        for rx in _weekdays(lang, p)
    ]
    out.append(DatePattern(lang, "numeric", re.compile(NUMERIC)))
    if lang in ("fa", "ar"):
        out += [
            DatePattern(lang, kind, re.compile(rx, flags), _table(groups))
            for kind, rx, groups in _calendars(lang, p)
        ]
    return tuple(out)
