"""The article's incidents, assembled over the whole text.

A sentence telling of violence (a trigger, or a toll) belongs to the incident told last
(the one the last such sentence joined: "in this attack", once the article has come back to
the strike, is the strike) unless it gives clear evidence of another: it opens with
"Meanwhile", "Earlier", "در همین حال" … and states a date, place or toll of its own; or its
own date does not overlap the incident's; or its own town lies more than `FAR_KM` from the
incident's. It may also rejoin an earlier incident whose date or place it shares (an
article that tells two incidents and comes back to the first). A sentence with no trigger
but a date or a place of its own (a detail: "The raid took place on the nights of 3 and 4
Hamal", "Инцидент произошел днем 24 декабря в районе Шамсиддин Шохин") gives them to the
incident it refers back to, or to the incident of its paragraph, or of the paragraph
before; the headline and the lead give theirs to the first incident. An aggregate over a
period ("since 2021, 16 people …") is background: never an incident, never a toll.

A statement or a denial becomes its own candidate only when it has a day of its own and
speaks of no violent incident the article tells, or only reacts to one (names it or its
attackers, tells none of its facts: "last week the Taliban called the attackers
destabilising elements"); otherwise it is said about that incident (its context). A
meeting or another act (an arrest, a seizure) becomes its own candidate when the article
tells of no violence, or when it has a date of its own.
"""

from __future__ import annotations

import bisect
from itertools import pairwise

from geo.ingest.analysis import Analysis, Info, Kind, dateline_opens
from geo.ingest.details import area_rank, attach_details
from geo.ingest.matching import KIND_RANK
from geo.ingest.reader import (
    REJOIN,
    Incident,
    Reader,
    aggregate,
    date_rank,
    lead,
    overlap,
)
from geo.ingest.reasons import Aside
from geo.model import EventType

TALK_TYPES = frozenset({EventType.STATEMENT, EventType.MEETING})

__all__ = ["Incident", "assemble", "date_rank"]


def _violent_incidents(an: Analysis, reader: Reader) -> list[Incident]:
    incidents: list[Incident] = []
    current: Incident | None = None  # the incident told last: "the attack" is that one
    for info in an.infos:
        if info.kind is not Kind.VIOLENCE or aggregate(info) or (incidents and _later(info)):
            if current is not None and _dates_current(reader, current, info):
                current.details.append(info.index)
            elif _opens_another(reader, current, info) if current else _opens_first(an, info):
                current = Incident(Kind.VIOLENCE, [info.index])
                incidents.append(current)
            continue
        if current is not None and (told := _the_earlier(an, current, info)) is not None:
            incidents.append(told)
        elif current is not None and not reader.distinct(current, info):
            current.core.append(info.index)
            continue
        elif (told := _rejoined(reader, incidents, current, info)) is not None:
            told.core.append(info.index)
        else:
            opening = _lead_details(an, info) if not incidents else []
            told = Incident(Kind.VIOLENCE, [info.index], details=opening)
            incidents.append(told)
        current = told
    return _fold_headings(an, incidents)


def _rejoined(
    reader: Reader, incidents: list[Incident], current: Incident | None, info: Info
) -> Incident | None:
    """A recent incident other than the one told last that the sentence shares a date or a
    place with: the article comes back to it ("this morning jets struck the village" after
    yesterday's clash, told after the strike). Time stays linear: only `REJOIN` back."""
    recent = [inc for inc in incidents[-1 - REJOIN :] if inc is not current]
    return next((inc for inc in recent if reader.shares(inc, info)), None)


def _later(info: Info) -> bool:
    """ "Another guard died in a firefight this month", told after an incident: the
    stretch's toll, not a new incident (told first, it is the incident)."""
    return info.recent and not any(d.precision == "day" for d in info.dates)


def _lead_details(an: Analysis, info: Info) -> list[int]:
    """The lead's dated details told before the first incident ("The incident took place on
    Wednesday, 24 December, in Shamsiddin Shohin district"): they date it as it
    opens, so a later sentence of another day is told apart from it."""
    told = lead(an)
    return [
        i.index
        for i in an.infos[: info.index]
        if i.index in told and i.kind is Kind.DETAIL and i.dates
    ]


def _the_earlier(an: Analysis, inc: Incident, info: Info) -> Incident | None:
    """ "An aircraft bombed the area after a clash … Two guards were killed in the clash":
    a sentence referring back to a kind of violence the incident was told to have come
    after tells that earlier incident, not this one. It opens it, with the sentences that
    named it ("… followed a firefight in Darqad district") as its details."""
    if not info.refers_back or info.etype is None or info.etype == _type(an, inc):
        return None
    named = [i for i in inc.core if an.infos[i].after == info.etype]
    return Incident(Kind.VIOLENCE, [info.index], details=named) if named else None


def _type(an: Analysis, inc: Incident) -> EventType | None:
    return next((t for i in inc.core if (t := an.infos[i].etype) is not None), None)


def _opens_another(reader: Reader, inc: Incident, info: Info) -> bool:
    """ "The next incident was recorded on 30 November in Shodak": a sentence naming an
    incident, with a date the current one cannot have, opens another; so does "Ещё один
    прорыв пресекли на Пянджском направлении" (another, and elsewhere)."""
    told = info.refers_back or info.new_incident
    elsewhere = info.new_incident and reader.place_agrees(inc, info) is False
    return (
        info.kind is Kind.DETAIL and told and (reader.date_agrees(inc, info) is False or elsewhere)
    )


def _opens_first(an: Analysis, info: Info) -> bool:
    """ "The second tragic incident took place at a frontier post on December 7." past
    the lead (whose details date the first incident, `_lead_details`) and before any
    violence is told: the sentences after it tell that incident."""
    return (
        info.index not in lead(an)
        and info.kind is Kind.DETAIL
        and (info.refers_back or info.new_incident)
        and any(d.precision == "day" for d in info.dates)
    )


def _dates_current(reader: Reader, inc: Incident, info: Info) -> bool:
    """A detail right after an undated incident, in its paragraph or referring back, dates
    it as soon as it is read (so a later sentence can be told apart by its date)."""
    if info.kind is not Kind.DETAIL or not info.dates or reader.date_of(inc) is not None:
        return False
    last = reader.an.infos[max(inc.core)].sentence.paragraph
    near = info.sentence.paragraph == last or info.refers_back
    return near and reader.place_agrees(inc, info) is not False


def _fold_headings(an: Analysis, incidents: list[Incident]) -> list[Incident]:
    """An incident told only by the headline is the incident the body tells."""
    body = [inc for inc in incidents if not all(an.infos[i].heading for i in inc.core)]
    if not body or len(body) == len(incidents):
        return incidents
    heads = [i for inc in incidents if inc not in body for i in inc.core]
    body[0].details.extend(heads)
    return body


def _others(an: Analysis, reader: Reader) -> list[Incident]:
    """Talk, denials and other acts: one group per run of sentences of one kind."""
    groups: list[Incident] = []
    current: Incident | None = None
    for info in an.infos:
        if info.heading or info.kind in (Kind.NONE, Kind.DETAIL):
            continue
        if info.kind is Kind.VIOLENCE:
            current = None
            continue
        last = an.infos[current.core[-1]] if current else None
        joins = (
            current is not None
            and last is not None
            and current.kind is info.kind
            and (
                last.sentence.paragraph == info.sentence.paragraph
                or _meeting_goes_on(an, current, info, groups)
            )
            and not reader.distinct(current, info)
            and not _said_apart(reader, current, info)
        )
        if joins and current is not None:
            current.core.append(info.index)
        else:
            current = Incident(info.kind, [info.index])
            groups.append(current)
    return groups


def _meeting_goes_on(an: Analysis, group: Incident, info: Info, groups: list[Incident]) -> bool:
    """A meeting told on in the next paragraphs ("… met border officials." then "At the joint
    meeting in Dushanbe the two sides …"): the same meeting, unless something else was told
    between them."""
    last = an.infos[group.core[-1]]
    meeting = EventType.MEETING
    return groups[-1] is group and last.etype == meeting and info.etype == meeting


def _said_apart(reader: Reader, group: Incident, info: Info) -> bool:
    """A sentence of talk dating a day the group was not said on ("… in the framework of
    the decision of 23 September 2013" in an interview of 22 July 2021): another event."""
    days = [d for d in info.dates if d.resolved and d.precision == "day"]
    said = [d for i in group.core for d in reader.an.infos[i].asides if d.resolved]
    return bool(days and said) and not any(overlap(a, b) for a in days for b in said)


def _own_day(reader: Reader, group: Incident, incidents: list[Incident]) -> bool:
    """A meeting or another act with a date of its own: an event of its own in an article
    that also tells of violence (a meeting the day after, a seizure of last month). An
    arrest or seizure whose sentence dates or places the clash ("пограничники в ночь на 8
    марта задержали трех наркокурьеров. В ходе перестрелки один убит") is the same
    operation. A meeting is its own event even when it dates the clash."""
    dates_one = any(i in inc.details for inc in incidents for i in group.core)
    if dates_one and group.kind is Kind.OTHER:
        return False  # the operation's arrests
    said = [d for i in group.core for d in reader.an.infos[i].asides if d.resolved]
    return reader.date_of(group) is not None or bool(said)


def _statement(reader: Reader, group: Incident) -> bool:
    """A statement or a denial."""
    if group.kind is Kind.DENIAL:
        return True
    return group.kind is Kind.TALK and reader.type_of(group) == EventType.STATEMENT


def _day_of_its_own(reader: Reader, group: Incident) -> bool:
    """A day (or a week) the statement was made or its sentences tell, resolved or waiting
    for a publication date ("on Monday" with none given); a month or a year is no day."""
    dates = [d for i in group.core for d in (*reader.an.infos[i].dates, *reader.an.infos[i].asides)]
    return any(
        d.precision in ("day", "week") or (not d.resolved and d.aside is None) for d in dates
    )


def _refers_to(an: Analysis, group: Incident, incidents: list[Incident]) -> bool:
    """Whether a statement speaks of one of the article's violent incidents: its words
    name the violence ("condemned the attack", "the attackers", a toll, "the incident"), it
    dates or places one, or it is told amid an incident's sentences."""
    violent = [inc for inc in incidents if inc.kind is Kind.VIOLENCE]
    if not violent:
        return False
    if any(an.infos[i].of_violence for i in group.core):
        return True
    if any(i in inc.details for inc in violent for i in group.core):
        return True
    first, last = min(group.core), max(group.core)
    return any(min(inc.core) < first and last < max(inc.core) for inc in violent)


def _reaction(reader: Reader, group: Incident, incidents: list[Incident]) -> bool:
    """A statement that speaks of an incident but tells none of its facts, on a day of its
    own: a reaction, news of its own ("last week the Taliban called the attackers
    destabilising elements"). One that tells a trigger, a toll or a place of the incident,
    or dates one, or is told amid its sentences, reports it: its context."""
    an = reader.an
    infos = [an.infos[i] for i in group.core]
    if any(i.counts.killed or i.counts.injured or i.places for i in infos):
        return False
    if any(i.etype is not None and i.etype not in TALK_TYPES for i in infos):
        return False
    if any(an.infos[i].kind is Kind.DENIAL for i in group.core):
        return False
    for inc in incidents:
        if set(group.core) & set(inc.details):
            return False
        if min(inc.core) < min(group.core) and max(group.core) < max(inc.core):
            return False
    return True


def _kept(reader: Reader, group: Incident, incidents: list[Incident]) -> bool:
    """Whether talk or another act is a candidate of its own. A statement is one only when
    it has a day of its own and speaks of no violent incident the article tells (otherwise
    it is said about that incident: its context); a meeting or another act when the
    article tells of no violence, or when it has a date of its own."""
    if _statement(reader, group):
        if not _day_of_its_own(reader, group):
            return False
        return not _refers_to(reader.an, group, incidents) or _reaction(reader, group, incidents)
    if not _told_when_or_where(reader, group):
        return False  # "trafficking from Afghanistan has become a challenge": a trend
    return not incidents or _own_day(reader, group, incidents)


def _told_when_or_where(reader: Reader, group: Incident) -> bool:
    """An act or a meeting with a date phrase of its own, or a place below the border and
    the country ("the minister voiced concern over Afghanistan" is neither)."""
    infos = [reader.an.infos[i] for i in group.core]
    spans = [(i.sentence.start, i.sentence.end) for i in infos]
    dated = any(a <= d.start < b for d in reader.an.dates for a, b in spans)  # any phrase
    return (
        dated
        or min((area_rank(i, reader.places) for i in infos), default=9) <= KIND_RANK["province"]
    )


def _concrete(an: Analysis, reader: Reader, inc: Incident) -> bool:
    """Violence told with something a map can hold: a date of its own (a bare year only
    with a place), a place below the border or country, or a day from a detail. "Clashes
    often happen on the border" and a related headline ("at least 8 soldiers killed in
    Afghanistan") are not incidents."""
    core = [an.infos[i] for i in inc.core]
    placed = min((area_rank(i, reader.places) for i in core), default=9) <= KIND_RANK["province"]
    own = [d for i in core for d in i.dates]
    years = bool(own) and all(d.precision == "year" for d in own)
    if years and not placed:
        return False  # "In 2024, a worker was killed in a similar attack": a year, nowhere
    if an.infos[min(inc.core)].new_incident:
        return True  # "Earlier, a drone struck a post": told as an incident of its own
    if own or any(d.aside is None for i in core for d in i.asides):
        return True  # a date of its own, even one that waits for the publication date
    said = any(d.aside is Aside.REPORT and d.precision == "day" for i in core for d in i.asides)
    if said and set(inc.core) & lead(an):
        return True  # the lead's news, the day it was announced: "announced on Thursday a clash"
    if placed:
        return True
    details = [an.infos[i] for i in inc.details]
    beside = [i for i in details if i.refers_back or _apart(an, i.index, inc.core) <= 1]
    if any(area_rank(i, reader.places) <= KIND_RANK["province"] for i in beside):
        return True  # a detail right by it places it: "… crossed the river in Shamsiddin
        # Shohin", "The incident took place in Khatlon region"
    days = [d for i in details for d in [*i.dates, *i.asides] if d.precision in ("day", "week")]
    days += [d for i in details for d in i.asides if d.aside is None]  # awaits a publication date
    line = dateline_opens(an, inc.core)
    opens = line is not None and line.date is not None
    return bool(days) or opens  # "ДУШАНБЕ, 4 декабря — Пограничники вступили в перестрелку"


def _listed(an: Analysis, incidents: list[Incident]) -> list[Incident]:
    """ "In two separate attacks on 26 and 30 November": one incident for each day listed,
    when no incident of the article is told on its own that day."""
    told = [d for inc in incidents for i in inc.core for d in an.infos[i].dates]
    out = []
    for info in an.infos:
        days = [d for d in info.dates if d.precision == "day"]
        if not info.several or len(days) < 2 or any(overlap(a, b) for a, b in pairwise(days)):
            continue
        out += [
            Incident(Kind.VIOLENCE, [info.index], day=d)
            for d in days
            if not any(overlap(d, t) for t in told)
        ]
    return out


def _apart(an: Analysis, at: int, core: list[int]) -> int:
    """Sentences between a detail and an incident, a clause telling an earlier incident
    ("…, after a clash killed two") not counted: it is of the same sentence."""
    return min(
        abs(at - c) - sum(an.infos[k].sentence.earlier for k in range(min(at, c) + 1, max(at, c)))
        for c in core
    )


def assemble(an: Analysis) -> list[Incident]:
    """The article's incidents in text order: violent ones, and talk or other acts where the
    article is about them."""
    reader = Reader(an)
    incidents = _violent_incidents(an, reader)
    incidents = sorted(incidents + _listed(an, incidents), key=lambda inc: min(inc.core))
    if incidents:
        attach_details(an, reader, incidents)
    incidents = [inc for inc in incidents if _concrete(an, reader, inc)]
    others = _others(an, reader)
    kept = [g for g in others if _kept(reader, g, incidents)]
    told = sorted((i, n) for n, inc in enumerate(incidents) for i in inc.core)
    for group in others:
        if group in kept or not incidents:
            continue
        at = bisect.bisect_right(told, (min(group.core), len(incidents))) - 1
        owner = incidents[told[at][1]] if at >= 0 else incidents[0]  # told last before it
        owner.context.extend(group.core)
    if kept:
        attach_details(an, reader, kept)
    return sorted(incidents + kept, key=lambda inc: min(inc.core))
