"""The article read once: its sentences, and in each the mentions the later stages use
(dates, places, actors, triggers, tolls), every one with its offsets into the text as given.

`analyse` is the first stage of `propose`: mentions → incidents (`geo.ingest.incidents`) →
fields and candidates (`geo.ingest.fields`). Nothing after it scans the raw text for
mentions again.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TypeVar

from geo.ingest import words as w
from geo.ingest.budget import check
from geo.ingest.clauses import clauses
from geo.ingest.counts import Counts, casualties
from geo.ingest.cues import (
    ANOTHER,
    ASSAILANTS,
    BACK_REFERENCES,
    BACKGROUND,
    DISASTER,
    RECENT,
    SIMILAR,
    TITLED,
)
from geo.ingest.dateline import Dateline, find_dateline, inline_datelines, off_clock
from geo.ingest.dates import DateFind, find_dates
from geo.ingest.events import event_type, followed_kind, speaks_of_violence
from geo.ingest.fuzzy import find_approximate, find_by_part, find_inside, find_unplaced
from geo.ingest.grouping import (
    is_heading,
    related_lines,
    since_period,
    starts_new_incident,
    sums_up_several,
    tallies,
)
from geo.ingest.lang import LANGS, detect_lang
from geo.ingest.matching import Hit, find_actors, find_places, names_a_date
from geo.ingest.offices import mark_offices
from geo.ingest.placing import guarded_places, mark_governments, mark_origins
from geo.ingest.reasons import STANDS_IN, Aside, PlaceReason
from geo.ingest.reporting import (
    state_ended,
)
from geo.ingest.sentences import Sentence, split_sentences
from geo.ingest.telling import (
    VIOLENT,
    Kind,
    aside_of,
    has_cue,
    of_saying,
    sentence_kind,
)
from geo.ingest.units import find_units, quoted
from geo.ingest.writing_day import anchored, ongoing
from geo.model import EventType
from geo.vocab import Actor, Place, Unit, load_units, unplaced_districts


@dataclass(frozen=True)
class Article:
    """An article as given, with the language and publication date it is read against."""

    text: str
    doc: str
    lang: str
    published: dt.date | None
    published_note: str
    dateline: Dateline | None = None
    inline: tuple[Dateline, ...] = ()  # datelines opening a paragraph further down

    def datelines(self) -> list[Dateline]:
        """The top dateline (when shaped) and those opening a paragraph further down."""
        top = [self.dateline] if self.dateline is not None and self.dateline.shaped else []
        return top + list(self.inline)


def read_article(
    text: str, doc: str, lang: str | None = None, published: dt.date | None = None
) -> Article:
    """Settle the language (from the script when not given) and the publication date."""
    lang = lang or detect_lang(text) or "en"
    if lang not in LANGS:
        raise ValueError(f"language {lang!r}: ingest reads {', '.join(LANGS)}")
    dateline = find_dateline(text, lang, published)
    inline = tuple(inline_datelines(text, lang, dateline))
    if published is not None:
        return Article(text, doc, lang, published, "publication date given", dateline, inline)
    if dateline is None:
        note = "no publication date given and no dateline found"
        return Article(text, doc, lang, None, note, None, inline)
    if dateline.date is None:
        note = f"no publication date given; {dateline.note}"
        return Article(text, doc, lang, None, note, dateline, inline)
    return Article(text, doc, lang, dateline.date, dateline.note, dateline, inline)


@dataclass(frozen=True)
class Vocab:
    """The gazetteer and the actor vocabulary the ingest matched against."""

    places: Mapping[str, Place]
    actors: Mapping[str, Actor]
    units: Mapping[str, Unit] = field(default_factory=load_units)


@dataclass(frozen=True)
class Info:
    """One sentence and what it mentions."""

    index: int
    sentence: Sentence
    heading: bool
    kind: Kind
    etype: EventType | None
    trigger: str | None
    dates: tuple[DateFind, ...]  # its own dates, resolved, not a report's day or a deadline
    asides: tuple[DateFind, ...]  # the day of a report, a deadline, and unresolved phrases
    places: tuple[Hit, ...]  # named as where (not a government, not where someone came from)
    standins: tuple[Hit, ...]  # a government, a place of origin
    actors: tuple[Hit, ...]
    counts: Counts
    new_incident: bool  # opens with "Meanwhile", "Earlier", "در همین حال" …
    refers_back: bool  # "the attack", "this incident", "в результате", "در این حمله" …
    background: bool  # an aggregate over a period: "since 2021, 16 people have been killed"
    several: bool = False  # sums up incidents: "в двух нападениях 26 и 30 ноября"
    of_violence: bool = False  # speaks of violence: a trigger, a toll, "the attackers" …
    sums_up: bool = False  # counts incidents of any kind: "две попытки прорыва на этой неделе"
    after: EventType | None = None  # came after another kind: "bombed … after a clash"
    recent: bool = False  # "this month": background once an incident has been told


@dataclass(frozen=True)
class Analysis:
    """The article and every sentence's mentions."""

    article: Article
    vocab: Vocab
    sentences: list[Sentence]
    dates: list[DateFind]  # every date phrase, in text order (the dateline's included)
    places: list[Hit]  # every place named, in text order (stand-ins marked)
    infos: list[Info]


Item = TypeVar("Item", Hit, DateFind)


def inside(items: list[Item], start: int, end: int) -> list[Item]:
    """Items (sorted by start) lying within text[start:end], found by bisection."""
    first = bisect.bisect_left(items, start, key=lambda x: x.start)
    last = bisect.bisect_left(items, end, key=lambda x: x.start)
    return [x for x in items[first:last] if x.end <= end]


def _outside_dateline(art: Article, items: list[Item]) -> list[Item]:
    """Items not in a shaped dateline ("ДУШАНБЕ, 4 декабря —"); a date on a short first
    line that is a sentence ("3 мая в Пяндже погибли два пограничника.") is its own."""
    lines = art.datelines()
    return [x for x in items if not any(line.covers(x.start, x.end) for line in lines)]


def _continued(infos: list[Info]) -> list[Info]:
    """A toll right after a period's total, in its paragraph, with no trigger, date or place
    of its own ("This year has seen 22 skirmishes. Twelve trespassers have been killed …")
    is that total's: background too."""
    out = list(infos)
    for k in range(1, len(out)):
        prev, cur = out[k - 1], out[k]
        total = prev.background and not any(d.precision == "day" for d in prev.dates)
        same = prev.sentence.paragraph == cur.sentence.paragraph
        own = cur.etype in VIOLENT or cur.dates or cur.places
        if total and same and cur.kind is Kind.VIOLENCE and not own:
            out[k] = replace(cur, background=True)
    return out


def _speech(art: Article, s: Sentence, dates: list[DateFind], who: list[Hit]) -> bool:
    """A verb of saying makes a statement when the sentence names an actor and dates the
    saying (a date not inside what was said), and tells of no toll."""
    sentence = art.text[s.start : s.end]
    counts = casualties(sentence, art.lang)
    if not who or (counts.killed or counts.injured) is not None:
        return False
    return any(of_saying(sentence, art.lang, d.start - s.start) for d in dates)


def _split_dates(
    art: Article, s: Sentence, found: _Found, kind_of: Kind | None = None
) -> tuple[list[DateFind], list[DateFind]]:
    """The sentence's own dates (resolved, the event's) and the rest, marked why."""
    dates = _outside_dateline(art, inside(found.dates, s.start, s.end))
    marked = [replace(d, aside=aside_of(art.text, art.lang, d, s)) for d in dates]
    own = [d for d in marked if d.resolved and not d.aside]
    return own, [d for d in marked if d not in own]


def _saying_day(art: Article, s: Sentence, own: list[DateFind]) -> list[DateFind]:
    """Of a statement's dates, those of the saying (before what was said)."""
    sentence = art.text[s.start : s.end]
    return [d for d in own if of_saying(sentence, art.lang, d.start - s.start)]


_QUOTE = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"")


def without_titles(sentence: str, lang: str) -> str:
    """The sentence with another report's quoted headline blanked (same length: offsets
    hold): "хабар дар мавзӯи «Ду моҳигир … кушта шуданд» паҳн шуда буд" tells of a report,
    its toll and trigger are that report's words."""
    cues = [w.fold(c).lower() for c in TITLED.get(lang, [])]
    folded = w.fold(sentence).lower()
    out = sentence
    for m in _QUOTE.finditer(sentence):
        before = folded[max(0, m.start() - 24) : m.start()].rstrip()
        if any(before.endswith(c) for c in cues):
            out = out[: m.start()] + " " * (m.end() - m.start()) + out[m.end() :]
    return out


def _info(art: Article, n: int, s: Sentence, found: _Found) -> Info:
    text, lang = art.text, art.lang
    sentence = without_titles(text[s.start : s.end], lang)
    own, rest = _split_dates(art, s, found)
    who = inside(found.actors, s.start, s.end)
    etype, trigger = event_type(sentence, lang, _speech(art, s, [*own, *rest], who))
    counts = casualties(sentence, lang)
    if found.disaster:  # no sentence tells of violence: a quake's or a flood's dead
        counts = Counts(None, None)
    several = sums_up_several(sentence, lang)
    if several:  # "две попытки прорыва …, убиты трое": their toll together, no one's
        counts = Counts(None, None)
    places = _outside_dateline(art, inside(found.places, s.start, s.end))
    stand = [h for h in places if h.reasons & STANDS_IN]
    named = guarded_places(sentence, s.start, lang, trigger, [h for h in places if h not in stand])
    kind = sentence_kind(art.text, art.lang, s, etype, counts)
    own, rest = state_ended(lang, trigger, art.published, own, rest)  # "… until 2005"
    if several and kind in (Kind.VIOLENCE, Kind.OTHER):
        kind = Kind.DETAIL  # its date and places tell of the incidents it sums up
    if etype == EventType.STATEMENT and kind is Kind.TALK:  # the saying's day, not its news
        said = _saying_day(art, s, own)
        own, rest = (
            [d for d in own if d not in said],
            [*rest, *(replace(d, aside=Aside.REPORT) for d in said)],
        )
    if kind is Kind.NONE and (own or named):
        kind = Kind.DETAIL
    return Info(
        *(n, s, is_heading(text, s), kind, etype, trigger, tuple(own), tuple(rest)),
        *(tuple(named), tuple(stand), tuple(who), counts),
        s.earlier
        or starts_new_incident(text, s, lang)
        or has_cue(sentence, lang, SIMILAR)
        or has_cue(sentence, lang, ANOTHER),
        has_cue(sentence, lang, BACK_REFERENCES),
        has_cue(sentence, lang, BACKGROUND)
        or since_period(sentence, lang)
        or tallies(sentence, lang, [*own, *rest]),
        several and etype in VIOLENT,
        of_violence=speaks_of_violence(sentence, lang),
        sums_up=several,
        after=followed_kind(sentence, lang, etype) if kind is Kind.VIOLENCE else None,
        recent=has_cue(sentence, lang, RECENT),
    )


@dataclass(frozen=True)
class _Found:
    dates: list[DateFind]
    places: list[Hit]
    actors: list[Hit]
    disaster: bool = False  # the article tells of a natural disaster and of no violence


def _tells_only_of_disaster(text: str, lang: str, sentences: list[Sentence]) -> bool:
    """An earthquake or a flood named, and no violence: no trigger, no assailants. Its
    tolls are the disaster's ("По данным властей, погибли две тысячи человек" after the
    quake is named), never an incident's."""
    if not has_cue(text, lang, DISASTER) or has_cue(text, lang, ASSAILANTS):
        return False
    return all(event_type(text[s.start : s.end], lang)[0] not in VIOLENT for s in sentences)


def _unit_name(text: str, hit: Hit, places: Mapping[str, Place]) -> bool:
    """A name in quotes is a post's or a detachment's ("the 1st post «Istiqlol»"): read as
    a place only when the curated gazetteer holds it (a detachment named after its town)."""
    curated = places[hit.key].geonames_id is not None or not hit.key.startswith("gn-")
    # A district the shipped data places nowhere is read as its province: a post named
    # like it («Бахорак», Baharak of Takhar) is no province.
    curated = curated and PlaceReason.UNPLACED_DISTRICT not in hit.reasons
    return not curated and quoted(text, hit.start)


def _unplaced(vocab: Vocab) -> dict[str, str]:
    """Each district no shipped data places → the province place that stands for it."""
    provinces = {p.admin1: p.id for p in vocab.places.values() if p.kind == "province"}
    named = {re.sub(r"\s*\(.*\)$", "", d): a for d, a in unplaced_districts().items()}
    return {d: provinces[a] for d, a in named.items() if a in provinces}


def dateline_opens(an: Analysis, indices: list[int], *, beside: bool = False) -> Dateline | None:
    """The shaped dateline that opens one of these sentences ("ДУШАНБЕ, 4 декабря —
    Пограничники …"), if any; a dateline standing alone is no sentence's, but `beside` (for
    its date only) also takes one split off before a sentence on its line ("30 ноября. Двое
    граждан Китая погибли …")."""
    text = an.article.text
    spans = [an.infos[i].sentence for i in indices]
    for line in an.article.datelines():
        if any(s.start <= line.start < s.end for s in spans):
            return line
        after = [s for s in spans if s.start >= line.end]
        if beside and any(not text[line.end : s.start].strip(" .\t—–-") for s in after):
            return line
    return None


def analyse(art: Article, vocab: Vocab) -> Analysis:
    """Read the article once: sentences, and the mentions in each."""
    text = art.text
    exact = find_places(text, vocab.places)
    named = exact + find_approximate(text, vocab.places, exact)
    named = named + find_by_part(text, vocab.places, named)
    named = named + find_unplaced(text, _unplaced(vocab), named)
    named = sorted(named + find_inside(text, vocab.places, named), key=lambda h: h.start)
    named = [h for h in named if not (_unit_name(text, h, vocab.places) or names_a_date(text, h))]
    named += find_units(text, vocab.units, vocab.places, named)  # «Istiqlol»: its district
    named.sort(key=lambda h: h.start)
    places = mark_origins(text, mark_governments(text, named, art.lang), art.lang)
    places = mark_offices(text, places, art.lang)
    dates = off_clock(art.dateline, find_dates(text, art.lang, art.published))
    if art.published is None:
        dates = anchored(text, art.lang, dates)
    dates = sorted(dates + ongoing(text, art.lang, art.published, dates), key=lambda d: d.start)
    links = related_lines(text, art.lang)  # "Read also: …": other stories' words
    dates, places = _off(dates, links), _off(places, links)
    sentences = clauses(art.text, art.lang, split_sentences(text), dates)
    quake = _tells_only_of_disaster(text, art.lang, sentences)
    found = _Found(dates, places, find_actors(text, vocab.actors), quake)
    infos = _continued([_checked(_info(art, n, s, found)) for n, s in enumerate(sentences)])
    infos = [_silenced(i) if any(a <= i.sentence.start < b for a, b in links) else i for i in infos]
    return Analysis(art, vocab, sentences, found.dates, places, infos)


def _checked(info: Info) -> Info:
    check()  # the ingest's time budget, once a sentence
    return info


Spanned = TypeVar("Spanned", Hit, DateFind, Sentence)


def _off(items: list[Spanned], spans: list[tuple[int, int]]) -> list[Spanned]:
    """Items lying outside every span."""
    return [x for x in items if not any(a <= x.start and x.end <= b for a, b in spans)]


def _silenced(info: Info) -> Info:
    """A sentence of a link to another story: it tells nothing of this article."""
    return replace(info, kind=Kind.NONE, etype=None, trigger=None, counts=Counts(None, None))
