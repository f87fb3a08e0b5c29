"""What the article states for one incident, gathered from all its sentences: the excerpt,
the type, the dates and places best first, the actors, and the toll as a reader adds it.

Dates: the incident's own sentences' most precise date, then a detail's (a sentence that
refers back, the headline, the lead), then the day of a report (said so), then the
dateline's. Places: the most specific place stated for the incident anywhere (a town
before a district before a province), then a government or a place of origin, the seat
of a speaker, a place borrowed from the sentence before, the dateline's town. Tolls: each
group of victims counted once at its fullest ("one killed" in the lead, "four killed"
below: four), the groups added ("two guards" and "three militants": five).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace

from geo.ingest.analysis import VIOLENT, Analysis, Info, Kind, dateline_opens, inside
from geo.ingest.counts import Group, class_named
from geo.ingest.cues import ANOTHER
from geo.ingest.dates import DAY, DateFind
from geo.ingest.details import same_place
from geo.ingest.evidence import Read
from geo.ingest.fields import Parts, Toll
from geo.ingest.matching import KIND_RANK, Hit, cue_before
from geo.ingest.placing import CAPITALS, borrowed_place, call_seat, is_call, speaker_seat
from geo.ingest.pronouns import they_dead
from geo.ingest.reader import Incident, date_rank, lead, reported_by
from geo.ingest.reasons import DATELINE_DATE, NEWS_DAY, NEWS_DAY_ANOTHER, Aside, PlaceReason
from geo.ingest.telling import has_cue
from geo.model import EventType
from geo.vocab import Place

MAX_EXCERPT = 1500  # characters: a longer run of sentences is cut to its first ones
SPECIFIC = ("security", "militant", "civilian")


def _run(an: Analysis, inc: Incident) -> list[Info]:
    """The sentences the excerpt holds: from the first telling the incident (a headline
    only when nothing else does), on through its sentences in that paragraph and the next,
    no longer than MAX_EXCERPT unless one sentence is."""
    core = [an.infos[i] for i in sorted(inc.core)]
    body = [i for i in core if not i.heading] or core
    run = [body[0]]
    for info in (an.infos[i] for i in inc.sentences() if i > body[0].index):
        near = info.sentence.paragraph - run[-1].sentence.paragraph <= 1
        fits = info.sentence.end - run[0].sentence.start <= MAX_EXCERPT
        if not (near and fits) or info.heading:
            break
        run.append(info)
    return run


def _span(an: Analysis, inc: Incident) -> tuple[int, int]:
    run = _run(an, inc)
    return run[0].sentence.start, run[-1].sentence.end


def _elsewhere(an: Analysis, inc: Incident) -> list[tuple[str, int, int]]:
    """Where else the article tells of the incident (a later restatement, a toll below)
    or speaks about it (a statement, a denial): kind and offsets, for the reviewer."""
    start, end = _span(an, inc)
    told = [
        ("restated", an.infos[i].sentence.start, an.infos[i].sentence.end)
        for i in inc.sentences()
        if not start <= an.infos[i].sentence.start < end and not an.infos[i].heading
    ]
    said = [
        (str(an.infos[i].kind), an.infos[i].sentence.start, an.infos[i].sentence.end)
        for i in inc.context
    ]
    return told + said


def _type(an: Analysis, inc: Incident) -> tuple[EventType | None, str | None]:
    infos = [an.infos[i] for i in sorted(inc.core)]
    typed = [i for i in infos if i.etype is not None]
    civilian = next((i for i in typed if i.etype == EventType.VIOLENCE_AGAINST_CIVILIANS), None)
    violent = [i for i in typed if i.etype in VIOLENT]
    chosen = civilian or next(iter(violent), None) or next(iter(typed), None)
    return (chosen.etype, chosen.trigger) if chosen else (None, None)


def _by_precision(dates: list[DateFind]) -> list[DateFind]:
    """In `date_rank` order ("condemned on Friday an attack on Wednesday": Wednesday)."""
    return sorted(dates, key=date_rank)


def _dates(an: Analysis, inc: Incident) -> list[DateFind]:
    if inc.day is not None:  # one of the days a summing-up sentence lists
        return [inc.day]
    core = _by_precision([d for i in sorted(inc.core) for d in an.infos[i].dates])
    day = reported_by(an, inc)  # no detail dates it after its report
    # A period's total beside it ("the second since last November") dates no incident.
    details = [d for i in inc.details if not an.infos[i].background for d in an.infos[i].dates]
    details = _by_precision(
        [d for d in details if not (day and d.date_start and d.date_start > day)]
    )
    asides = [d for i in sorted(inc.core) for d in an.infos[i].asides]
    line = _dateline_date(an, inc)
    if _type(an, inc)[0] == EventType.STATEMENT:  # a statement is dated by its saying
        said = [
            replace(d, aside=None, note=f"{d.note} The day the statement was made.".strip())
            for d in asides
            if d.aside is Aside.REPORT and d.resolved
        ]
        news = _news_day(an, inc) if inc.kind is Kind.VIOLENCE else []  # a toll announced
        return said + core + asides + details + line + news
    if inc.kind is not Kind.VIOLENCE:  # talk by its own day before a neighbour's
        return core + asides + details + line
    reported = [d for i in inc.details for d in an.infos[i].asides if d.aside is Aside.REPORT]
    return core + details + asides + reported + line + _news_day(an, inc)


def _news_day(an: Analysis, inc: Incident) -> list[DateFind]:
    """Violence the lead tells and nothing dates ("The committee announced that four
    gunmen were killed …"): the news of the day it was published, or of the day before,
    said so (a two-day interval, read from the lead's first words)."""
    published = an.article.published
    told, note = _told_as_news(an, inc)
    dated = published is not None and any(
        d.precision in ("day", "week") and _news_window(d, published)
        for i in an.infos
        for d in i.dates
    )
    if published is None or not told or dated:
        return []  # a day the article states elsewhere may be this incident's: none guessed
    s = an.infos[told[0]].sentence
    words = an.article.text[s.start : s.end].split()
    end = s.start + len(words[0]) if words else s.start
    return [
        DateFind(
            s.start,
            end,
            an.article.text[s.start : end],
            "published",
            published - DAY,
            published,
            "week",
            note,
        )
    ]


def _told_as_news(an: Analysis, inc: Incident) -> tuple[list[int], str]:
    """The incident's sentences the lead tells; else, when the lead tells violence, those
    telling it as another incident of the same news ("in another clash north of the city
    …"), which no date of its own sets apart from the lead's days."""
    lead_told = lead(an)
    told = sorted(set(inc.core) & lead_told)
    if told or not any(an.infos[i].kind is Kind.VIOLENCE for i in lead_told):
        return told, NEWS_DAY
    text, lang = an.article.text, an.article.lang
    spans = [(i, an.infos[i].sentence) for i in sorted(inc.core)]
    another = [i for i, s in spans if has_cue(text[s.start : s.end], lang, ANOTHER)]
    return another, NEWS_DAY_ANOTHER


NEWS_WINDOW = 7 * DAY


def _news_window(d: DateFind, published: dt.date) -> bool:
    """A day that may be the lead's news: from a week before the publication day on. A day
    long before it ("on 26 August 2018" in a report of August 2019) is another incident's."""
    return d.date_end is None or d.date_end >= published - NEWS_WINDOW


def _dateline_date(an: Analysis, inc: Incident) -> list[DateFind]:
    line = dateline_opens(an, inc.core, beside=True)
    if line is None:
        return []
    found = inside(an.dates, line.start, line.end)
    return [replace(d, note=f"{DATELINE_DATE} {d.note}".strip()) for d in found]


def _places(an: Analysis, inc: Incident) -> list[Hit]:
    infos = [an.infos[i] for i in inc.sentences()]
    core = set(inc.core)
    named = [h for i in infos for h in i.places if i.index in core or h.key not in CAPITALS]
    if inc.kind is Kind.VIOLENCE:
        named = _in_its_country(an, inc, _no_seats(named, an.vocab.places))
    elif _call(an, inc) and all(_coarse(an, h) for h in named):
        # "… in a phone call on strengthening the border": the border is its subject
        seat = call_seat([h for i in infos for h in i.actors])
        named = seat or named
    if inc.kind is Kind.VIOLENCE and all(_coarse(an, h) for h in named):
        named = same_place(an, inc) or named
    if named:
        return named
    standins = [h for i in infos for h in i.standins]
    if inc.kind is Kind.VIOLENCE:  # an office's province is not where violence was
        standins = [h for h in standins if PlaceReason.OFFICE not in h.reasons]
    if inc.kind is Kind.VIOLENCE and standins and all(_coarse_origin(an, h) for h in standins):
        return _across(standins, an.vocab.places) or standins
    if standins:
        return standins
    who = [h for i in infos for h in i.actors]
    etype, _ = _type(an, inc)
    seat = speaker_seat(etype, who)
    if seat:
        return seat
    return _borrowed(an, inc) or _dateline_town(an, inc)


# "In" before a country: where the violence is, not where anyone came from.
IN_WORDS = {"fa": ["در"], "ar": ["في"], "ru": ["в", "во"], "tg": ["дар"], "en": ["in"]}


def _in_its_country(an: Analysis, inc: Incident, named: list[Hit]) -> list[Hit]:
    """Violence told as going on in a country ("fighting is under way in Afghanistan") is
    a situation of that country, not of another country a sentence beside it names (a base
    in Bokhtar)."""
    places, text, lang = an.vocab.places, an.article.text, an.article.lang
    core = [an.infos[i] for i in inc.core]
    if not any(d.kind == "ongoing" for i in core for d in i.dates):
        return named
    own = [h for i in core for h in i.places]
    inside = [h for h in own if cue_before(text, h.start, IN_WORDS.get(lang, []))]
    countries = {places[h.key].country for h in inside if places[h.key].kind == "country"}
    if not countries:
        return named
    return [h for h in named if h in own or places[h.key].country in (*countries, None)]


def _call(an: Analysis, inc: Incident) -> bool:
    text, lang = an.article.text, an.article.lang
    return any(
        is_call(text[s.start : s.end], lang) for s in (an.infos[i].sentence for i in inc.core)
    )


def _coarse(an: Analysis, hit: Hit) -> bool:
    """The border, an area or a country: no place a call or meeting is held in."""
    return KIND_RANK.get(an.vocab.places[hit.key].kind, 5) >= KIND_RANK["border"]


def _coarse_origin(an: Analysis, hit: Hit) -> bool:
    """A province or country named as where it came from (not a government)."""
    coarse = an.vocab.places[hit.key].kind in ("province", "country")
    return (
        coarse and PlaceReason.ORIGIN in hit.reasons and PlaceReason.GOVERNMENT not in hit.reasons
    )


def _across(origins: list[Hit], places: Mapping[str, Place]) -> list[Hit]:
    """Violence told only by the province or country it came from ("they crossed from
    Badakhshan province"): the border crossed, read from the words naming the origin, says
    so. A district or town across the river stays (it is close: "со стороны уезда Даркад")."""
    border = next((p.id for p in places.values() if p.kind == "border"), None)
    if border is None:
        return []
    first = origins[0]
    note = f"only where it came from is named ('{first.text}'): the border crossed stands for it"
    return [Hit(first.start, first.end, border, first.text, note, frozenset({PlaceReason.ACROSS}))]


def _no_seats(hits: list[Hit], places: Mapping[str, Place]) -> list[Hit]:
    """A capital named beside places of the border region is where the news came from (an
    embassy, a ministry), not where the violence was: it goes when others are named."""
    regional = [h for h in hits if h.key not in CAPITALS and places[h.key].kind != "country"]
    return [h for h in hits if h.key not in CAPITALS] if regional else hits


def _borrowed(an: Analysis, inc: Incident) -> list[Hit]:
    if inc.kind is not Kind.VIOLENCE:
        return []  # a statement is made where its speaker is, not where the news was
    first = an.infos[min(inc.core)].sentence
    lines = an.article.datelines()
    named = [h for h in an.places if not any(line.covers(h.start, h.end) for line in lines)]
    named = [h for h in named if PlaceReason.OFFICE not in h.reasons]  # no office's seat
    return borrowed_place(
        an.article.text, named, (first.start, first.end), an.sentences, an.vocab.places
    )


def _dateline_town(an: Analysis, inc: Incident) -> list[Hit]:
    line = dateline_opens(an, inc.core)
    if line is None:
        return []
    found = inside(an.places, line.start, line.end)
    return [h.because(PlaceReason.DATELINE_TOWN) for h in found]


def _groups(an: Analysis, infos: list[Info], which: str) -> list[tuple[Info, Group]]:
    """Every count of the incident's sentences; a headline's or a subheading's count sums
    up the news ("Three Afghan citizens killed on the border" over "three smugglers were
    killed"): counted as people, a total, never added to the body's classes."""
    out = []
    for info in infos:
        counts = info.counts
        groups = counts.killed_groups if which == "killed" else counts.injured_groups
        if info.heading:
            out += [(info, replace(g, victims="people")) for g in groups]
        else:
            out += [(info, _named_before(an, info, g)) for g in groups]
    return out


RESTATED_REACH = 3  # sentences back where "all three" may find the three it restates


def _named_before(an: Analysis, info: Info, g: Group) -> Group:
    """ "Three members of a terrorist group crossed … All three were neutralised": a count
    of people takes the class of the same number named in a sentence just before."""
    if g.victims != "people":
        return g
    text = an.article.text
    for before in an.infos[max(0, info.index - RESTATED_REACH) : info.index][::-1]:
        cls = class_named(
            text[before.sentence.start : before.sentence.end], g.value, an.article.lang
        )
        if cls != "people":
            return replace(g, victims=cls)
    return g


def _fullest(found: list[tuple[Info, Group]]) -> tuple[int | None, list[tuple[Info, Group]]]:
    """Each class of victims at its fullest: the groups of one sentence added, the sentence
    that counts the class highest taken; the classes added, or the largest count of
    people when it is more (a total)."""
    per: dict[tuple[int, str], list[tuple[Info, Group]]] = {}
    for info, g in found:
        per.setdefault((info.index, g.victims), []).append((info, g))
    best: dict[str, list[tuple[Info, Group]]] = {}
    for (_, victims), groups in per.items():
        if victims not in best or _sum(groups) > _sum(best[victims]):
            best[victims] = groups
    specific = [x for c in SPECIFIC if c in best for x in best[c]]
    people = best.get("people", [])
    if people and _sum(people) >= _sum(specific):
        return _sum(people), people
    return (_sum(specific), specific) if specific else (None, [])


def _sum(groups: list[tuple[Info, Group]]) -> int:
    return sum(g.value for _, g in groups)


def _toll(an: Analysis, inc: Incident) -> Toll:
    infos = [an.infos[i] for i in sorted(inc.core)]
    reads: list[Read] = []
    values: dict[str, int | None] = {}
    unstated: list[str] = []
    for which, field in (("killed", "fatalities"), ("injured", "injured")):
        found = _groups(an, infos, which)
        total, used = _fullest(found)
        if _uncounted(infos, which, {g.victims for _, g in found}):
            total, used = None, []  # "several smugglers and two soldiers": no total stated
            unstated.append(field)
        values[which] = total
        parts = " + ".join(f"{g.value} ({g.victims})" for _, g in used)
        how = f"counted as {total}" + (f" = {parts}" if len(used) > 1 else "")
        for info, g in used:
            start = info.sentence.start
            reads.append(Read(field, start + g.span[0], start + g.span[1], how=how))
    if "fatalities" not in unstated:
        classes = {g.victims for _, g in _groups(an, infos, "killed")}
        values["killed"] = they_dead(an, infos, values["killed"], classes, reads)
    injured = _rest_injured(infos, values["killed"], values["injured"], reads)
    if "injured" in unstated:
        injured = None
    return Toll(values["killed"], injured, tuple(reads), tuple(unstated))


def _uncounted(infos: list[Info], which: str, counted: set[str]) -> list[str]:
    """Classes of victims the incident's sentences count only vaguely ("several
    smugglers") and no sentence counts with a number; "several dead" (people) is counted
    by any number the incident gives ("three militants … two guards")."""
    vague = {
        c
        for i in infos
        for c in (i.counts.vague_killed if which == "killed" else i.counts.vague_injured)
    }
    if counted:
        vague.discard("people")
    return sorted(vague - counted)


def _rest_injured(
    infos: list[Info], killed: int | None, injured: int | None, reads: list[Read]
) -> int | None:
    """ "Four killed and injured" and "the three who died": one injured. With the killed
    and injured given together and the killed alone elsewhere, the rest were injured."""
    both = [(i, i.counts.either) for i in infos if i.counts.either is not None]
    if injured is not None or killed is None or not both:
        return injured
    info, total = max(both, key=lambda x: x[1].value)
    if total.value <= killed:
        return injured
    how = f"{total.value} killed and injured together, {killed} of them killed"
    at = info.sentence.start
    reads.append(Read("injured", at + total.span[0], at + total.span[1], how=how))
    return total.value - killed


def gather(an: Analysis, inc: Incident) -> Parts:
    """Everything the article states for one incident."""
    etype, trigger = _type(an, inc)
    actors = sorted({h for i in inc.sentences() for h in an.infos[i].actors}, key=lambda h: h.start)
    return Parts(
        *(_span(an, inc), etype, trigger, _dates(an, inc), _places(an, inc), actors),
        _toll(an, inc),
        tuple(_elsewhere(an, inc)),
    )
