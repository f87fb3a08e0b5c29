"""The article's incidents, assembled over the whole text.

A sentence telling of violence (a trigger, or a toll) belongs to the incident before it
unless it gives clear evidence of another: it opens with "Meanwhile", "Earlier", "در همین
حال" … and states a date, place or toll of its own; or its own date does not overlap the
incident's; or its own town lies more than `FAR_KM` from the incident's. It may also rejoin
an earlier incident whose date or place it shares (an article that tells two incidents and
comes back to the first). A sentence with no trigger but a date or a place of its own (a
detail: "The raid took place on the nights of 3 and 4 Hamal", "Инцидент произошел днем 24
декабря в районе Шамсиддин Шохин") gives them to the incident it refers back to, or to the
incident of its paragraph, or of the paragraph before; the headline and the lead give
theirs to the first incident. An aggregate over a period ("since 2021, 16 people …") is
background: never an incident, never a toll.

Talk (a meeting, a statement), a denial or another act (an arrest, a seizure) become their
own candidate only when the article tells of no violence, or when they have a date of
their own that no incident's overlaps; otherwise they are context of the incident.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from geo.ingest.analysis import Analysis, Info, Kind, dateline_opens
from geo.ingest.dates import DateFind
from geo.ingest.matching import KIND_RANK
from geo.ingest.placing import CAPITALS
from geo.ingest.reasons import Aside, PlaceReason
from geo.vocab import Place, distance_km

REJOIN = 8  # incidents back that a sentence may rejoin (time stays linear)
LEAD = 3  # sentences of the first paragraph that make the lead
NEAR = 4  # sentences: a detail further from every sentence of an incident is not its own
FAR_KM = 35.0  # two towns further apart than this are two places
TOWN_RANK = KIND_RANK["district"]  # a town, a city or a district: precise enough to tell apart
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


@dataclass(eq=False)  # an incident is itself: two told alike are still two
class Incident:
    """Sentences (indices) of one incident: `core` tells of it, `details` date or place it."""

    kind: Kind
    core: list[int] = field(default_factory=list)
    details: list[int] = field(default_factory=list)
    context: list[int] = field(default_factory=list)  # talk, denials told about it
    # What its sentences state so far, read once as it grows (time stays linear).
    known: tuple[int, int] = (0, 0)
    dates: list[DateFind] = field(default_factory=list)
    towns: list[Place] = field(default_factory=list)

    def sentences(self) -> list[int]:
        """Core and detail sentences in text order."""
        return sorted({*self.core, *self.details})


def date_rank(d: DateFind) -> tuple[int, dt.date | None]:
    """The most precise first; the earliest among equals (an incident comes before the
    reports of it)."""
    return PRECISION_RANK.get(d.precision, 4), d.date_start


def best_date(dates: list[DateFind]) -> DateFind | None:
    """The first date by `date_rank`."""
    return min(dates, key=date_rank, default=None)


def _interval(d: DateFind) -> tuple[dt.date, dt.date]:
    assert d.date_start is not None and d.date_end is not None
    return d.date_start, d.date_end


def _overlap(a: DateFind, b: DateFind) -> bool:
    (s1, e1), (s2, e2) = _interval(a), _interval(b)
    return not (e1 < s2 or e2 < s1)


def _provinces(info: Info, places: Mapping[str, Place]) -> set[str]:
    """The first-level divisions of the places named as where (the border, countries and
    capitals aside)."""
    return {
        p.admin1
        for h in info.places
        if (p := places[h.key]).admin1
        and p.kind not in ("border", "country", "area")
        and h.key not in CAPITALS
    }


def _towns(info: Info, places: Mapping[str, Place], *, violence: bool = True) -> list[Place]:
    """Towns and districts named as where; for violence, capitals aside (where the news
    came from: an embassy, a hospital, a ministry); talk is held in capitals."""
    return [
        places[h.key]
        for h in info.places
        if KIND_RANK.get(places[h.key].kind, 5) <= TOWN_RANK
        and not (violence and h.key in CAPITALS)
    ]


class _Reader:
    """What the incidents know so far, and how a sentence compares with them."""

    def __init__(self, an: Analysis) -> None:
        self.an = an
        self.places = an.vocab.places

    def _facts(self, inc: Incident) -> tuple[list[DateFind], list[Place]]:
        core, details = inc.known
        for i in [*inc.core[core:], *inc.details[details:]]:  # only what was added since
            inc.dates.extend(self.an.infos[i].dates)  # read now, never changed after
            violence = inc.kind is Kind.VIOLENCE
            inc.towns.extend(_towns(self.an.infos[i], self.places, violence=violence))
        inc.known = (len(inc.core), len(inc.details))
        return inc.dates, inc.towns

    def date_of(self, inc: Incident) -> DateFind | None:
        return best_date(self._facts(inc)[0])

    def towns_of(self, inc: Incident) -> list[Place]:
        return self._facts(inc)[1]

    def type_of(self, inc: Incident) -> object:
        return next((t for i in inc.core if (t := self.an.infos[i].etype) is not None), None)

    def dates_of(self, inc: Incident) -> list[DateFind]:
        return self._facts(inc)[0]

    def date_agrees(self, inc: Incident, info: Info) -> bool | None:
        """True: a shared date; False: dates that cannot be one; None: nothing to compare."""
        mine, theirs = best_date(list(info.dates)), self.dates_of(inc)
        if mine is None or not theirs:
            return None
        return any(_overlap(mine, d) for d in theirs)

    def vaguer(self, inc: Incident, info: Info) -> bool:
        """A later paragraph dating its own telling more vaguely than the incident is dated
        ("В конце ноября …" after "В ночь на 28 ноября …"): another, older event."""
        mine, theirs = best_date(list(info.dates)), best_date(self.dates_of(inc))
        if mine is None or theirs is None:
            return False
        last = max(self.an.infos[i].sentence.paragraph for i in inc.core)
        coarser = PRECISION_RANK.get(mine.precision, 4) > PRECISION_RANK.get(theirs.precision, 4)
        return coarser and info.sentence.paragraph > last

    def later(self, inc: Incident, info: Info) -> bool:
        """Whether the sentence's date falls after every date of the incident."""
        mine = best_date(list(info.dates))
        ends = [d.date_end for d in self.dates_of(inc) if d.date_end is not None]
        return (
            mine is not None
            and mine.date_start is not None
            and bool(ends)
            and (mine.date_start > max(ends))
        )

    def place_agrees(self, inc: Incident, info: Info) -> bool | None:
        violence = inc.kind is Kind.VIOLENCE
        mine, theirs = _towns(info, self.places, violence=violence), self.towns_of(inc)
        if mine and theirs:
            return any(distance_km(a, b) <= FAR_KM for a in mine for b in theirs)
        return self._same_province(inc, info)

    def _same_province(self, inc: Incident, info: Info) -> bool | None:
        """Provinces named (or the provinces of the towns named): none in common is two
        places ("in Gorno-Badakhshan" and "in Shamsiddin Shohin, Khatlon")."""
        mine = _provinces(info, self.places)
        theirs = {a for i in inc.core for a in _provinces(self.an.infos[i], self.places)}
        if not mine or not theirs:
            return None
        return bool(mine & theirs)

    def distinct(self, inc: Incident, info: Info) -> bool:
        """Clear evidence that the sentence tells of another incident than inc."""
        date, place = self.date_agrees(inc, info), self.place_agrees(inc, info)
        if info.refers_back and not info.new_incident:
            # "the attack": the one just told (its date may be earlier than the report's)
            return place is False or (date is False and self.later(inc, info))
        if date is False or place is False or self.vaguer(inc, info):
            return True
        own = bool(info.dates or _towns(info, self.places) or info.counts.killed)
        other = info.etype is not None and info.etype != self.type_of(inc)
        return info.new_incident and (own or other) and not (date and place)

    def shares(self, inc: Incident, info: Info) -> bool:
        if info.new_incident:
            return False  # "a similar attack last week": never the one told before
        date, place = self.date_agrees(inc, info), self.place_agrees(inc, info)
        return (date or place) is True and date is not False and place is not False


def _violent(an: Analysis) -> list[Info]:
    return [i for i in an.infos if i.kind is Kind.VIOLENCE and not _aggregate(i)]


def _aggregate(info: Info) -> bool:
    """Background over a period: no day of its own, and words of an aggregate."""
    return info.background and not any(d.precision == "day" for d in info.dates)


def _violent_incidents(an: Analysis, reader: _Reader) -> list[Incident]:
    incidents: list[Incident] = []
    for info in an.infos:
        current = incidents[-1] if incidents else None
        if info.kind is not Kind.VIOLENCE or _aggregate(info):
            if current is not None and _dates_current(reader, current, info):
                current.details.append(info.index)
            elif current is not None and _opens_another(reader, current, info):
                incidents.append(Incident(Kind.VIOLENCE, [info.index]))
            continue
        if current is not None and not reader.distinct(current, info):
            current.core.append(info.index)
            continue
        recent = incidents[-1 - REJOIN : -1]  # an article comes back to a recent incident
        earlier = next((inc for inc in recent if reader.shares(inc, info)), None)
        if earlier is not None:
            earlier.core.append(info.index)
            continue
        incidents.append(Incident(Kind.VIOLENCE, [info.index]))
    return _fold_headings(an, incidents)


def _opens_another(reader: _Reader, inc: Incident, info: Info) -> bool:
    """ "The next incident was recorded on 30 November in Shodak": a sentence naming an
    incident, with a date the current one cannot have, opens another; so does "Ещё один
    прорыв пресекли на Пянджском направлении" (another, and elsewhere)."""
    told = info.refers_back or info.new_incident
    elsewhere = info.new_incident and reader.place_agrees(inc, info) is False
    return (
        info.kind is Kind.DETAIL and told and (reader.date_agrees(inc, info) is False or elsewhere)
    )


def _dates_current(reader: _Reader, inc: Incident, info: Info) -> bool:
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


@dataclass
class _Scene:
    """The incidents told so far and, for every free sentence (no incident's core, no
    violence), the incident told last before it: worked out once, not per incident."""

    mine: dict[int, list[Info]]  # id(incident) -> its free sentences, in text order
    lead: list[Info]  # the headline and the first sentences, free ones

    @classmethod
    def of(cls, an: Analysis, incidents: list[Incident]) -> _Scene:
        taken = {i: inc for inc in incidents for i in inc.core}
        free = [i for i in an.infos if i.index not in taken and i.kind is not Kind.VIOLENCE]
        free = [i for i in free if not _aggregate(i) and i.kind is not Kind.DENIAL]
        free_at = {i.index for i in free}
        mine: dict[int, list[Info]] = {id(inc): [] for inc in incidents}
        owner = incidents[0] if incidents else None
        for info in an.infos:
            owner = taken.get(info.index, owner)
            if owner is not None and info.index in free_at:
                mine[id(owner)].append(info)
        body = [i for i in an.infos if not i.heading]
        first = [i.index for i in body if i.sentence.paragraph == body[0].sentence.paragraph]
        lead_at = set(first[:LEAD])
        return cls(mine, [i for i in free if i.heading or i.index in lead_at])


def _detail_order(
    an: Analysis, inc: Incident, incidents: list[Incident], reader: _Reader, scene: _Scene
) -> list[Info]:
    return [
        i
        for i in _detail_candidates(an, inc, incidents, scene)
        if not _names_another(reader, i, inc, incidents)
    ]


def _detail_candidates(
    an: Analysis, inc: Incident, incidents: list[Incident], scene: _Scene
) -> list[Info]:
    """Sentences that may date or place inc, best first: those referring back to it, those
    of its paragraphs, the paragraph after; for the first incident, the headline and lead."""
    # In a text of one long paragraph, "its paragraph" is a few sentences either side.
    mine = [
        i
        for i in scene.mine.get(id(inc), [])
        if i.refers_back or min(abs(i.index - c) for c in inc.core) <= NEAR
    ]
    paragraphs = {an.infos[i].sentence.paragraph for i in inc.core}
    between = range(min(paragraphs), max(paragraphs) + 1)
    after = max(paragraphs) + 1
    order = [i for i in mine if i.refers_back]
    order += [i for i in mine if i.sentence.paragraph in paragraphs]
    order += [i for i in mine if i.sentence.paragraph in between]
    order += [i for i in mine if i.sentence.paragraph == after]
    if inc is incidents[0]:  # the headline and the lead (its first sentences)
        order += scene.lead
    return list(dict.fromkeys(order))


def _area_rank(info: Info, places: Mapping[str, Place]) -> int:
    return min((KIND_RANK.get(places[h.key].kind, 5) for h in info.places), default=9)


def _attach_province(
    an: Analysis, reader: _Reader, incidents: list[Incident], scene: _Scene
) -> None:
    """An incident placed only on the border or in a country takes a province a detail
    names ("Kaldar lies in Balkh province")."""
    for inc in incidents:
        mine = min((_area_rank(an.infos[i], reader.places) for i in inc.sentences()), default=9)
        if mine <= KIND_RANK["province"]:
            continue
        for info in _detail_order(an, inc, incidents, reader, scene):
            beside = min(abs(info.index - c) for c in inc.core) <= 1
            if info.kind is Kind.OTHER or (info.kind is Kind.TALK and not beside):
                continue  # the governor of Balkh at a meeting told apart: no place of the clash
            if _area_rank(info, reader.places) <= KIND_RANK["province"]:
                inc.details.append(info.index)
                break


def _attach_details(an: Analysis, reader: _Reader, incidents: list[Incident]) -> None:
    scene = _Scene.of(an, incidents)
    _attach_towns_and_dates(an, reader, incidents, scene)
    _attach_province(an, reader, incidents, scene)
    _attach_report_day(an, reader, incidents, scene)


def _attach_report_day(
    an: Analysis, reader: _Reader, incidents: list[Incident], scene: _Scene
) -> None:
    """An incident no sentence dates takes the day a sentence of its paragraph says the news
    came ("TOLO reported on the morning of 26 July that …"): said so, a report's day."""
    for inc in incidents:
        if reader.date_of(inc) is not None:
            continue
        paragraphs = {an.infos[i].sentence.paragraph for i in inc.core}
        for info in _detail_order(an, inc, incidents, reader, scene):
            days = [d for d in info.asides if d.aside is Aside.REPORT and d.precision == "day"]
            if days and info.sentence.paragraph in paragraphs and info.index not in inc.details:
                inc.details.append(info.index)
                break


def _names_another(reader: _Reader, info: Info, inc: Incident, incidents: list[Incident]) -> bool:
    """A detail naming the town of another incident (and not this one's) is about that one
    (of the incidents told around it)."""
    at = next(n for n, o in enumerate(incidents) if o is inc)
    others = [o for o in incidents[max(0, at - REJOIN) : at + REJOIN + 1] if o is not inc]
    return reader.place_agrees(inc, info) is not True and any(
        reader.place_agrees(o, info) is True for o in others
    )


def _attach_towns_and_dates(
    an: Analysis, reader: _Reader, incidents: list[Incident], scene: _Scene
) -> None:
    for inc in incidents:
        need_date, need_town = reader.date_of(inc) is None, not reader.towns_of(inc)
        for info in _detail_order(an, inc, incidents, reader, scene):
            if not (need_date or need_town):
                break
            dates = need_date and bool(info.dates) and reader.place_agrees(inc, info) is not False
            town = need_town and bool(_towns(info, reader.places))
            town = town and reader.date_agrees(inc, info) is not False
            if dates or town or _came_from(an, inc, info, need_town):
                inc.details.append(info.index)
                need_date, need_town = need_date and not dates, need_town and not town


def _came_from(an: Analysis, inc: Incident, info: Info, need_town: bool) -> bool:
    """A sentence of the incident's paragraph naming only where the violence came from
    ("they crossed from Shahri Buzurg district"), for an incident that names no place."""
    named = [
        h for i in [*inc.core, *inc.details] for h in (*an.infos[i].places, *an.infos[i].standins)
    ]
    paragraphs = {an.infos[i].sentence.paragraph for i in inc.core}
    origins = [h for h in info.standins if PlaceReason.ORIGIN in h.reasons]
    return need_town and not named and bool(origins) and info.sentence.paragraph in paragraphs


def _others(an: Analysis, reader: _Reader) -> list[Incident]:
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
            and last.sentence.paragraph == info.sentence.paragraph
            and not reader.distinct(current, info)
        )
        if joins and current is not None:
            current.core.append(info.index)
        else:
            current = Incident(info.kind, [info.index])
            groups.append(current)
    return groups


def _own_day(reader: _Reader, group: Incident, incidents: list[Incident]) -> bool:
    """A group with a date of its own: an event of its own in an article that also tells
    of violence (a meeting the day after, a statement of last month)."""
    said = [d for i in group.core for d in reader.an.infos[i].asides if d.resolved]
    return reader.date_of(group) is not None or bool(said)


def _concrete(an: Analysis, reader: _Reader, inc: Incident) -> bool:
    """Violence told with something a map can hold: a date of its own, a place below the
    border or country, or a day from a detail. "Clashes often happen on the border" and a
    related headline ("at least 8 soldiers killed in Afghanistan") are not incidents."""
    core = [an.infos[i] for i in inc.core]
    if an.infos[min(inc.core)].new_incident:
        return True  # "Earlier, a drone struck a post": told as an incident of its own
    if any(i.dates or [d for d in i.asides if d.aside is None] for i in core):
        return True  # a date of its own, even one that waits for the publication date
    if min((_area_rank(i, reader.places) for i in core), default=9) <= KIND_RANK["province"]:
        return True
    details = [an.infos[i] for i in inc.details]
    beside = [i for i in details if i.refers_back or min(abs(i.index - c) for c in inc.core) <= 1]
    if any(_towns(i, reader.places) for i in beside):
        return True  # a detail right by it places it: "… crossed the river in Shamsiddin Shohin"
    days = [d for i in details for d in [*i.dates, *i.asides] if d.precision in ("day", "week")]
    days += [d for i in details for d in i.asides if d.aside is None]  # awaits a publication date
    line = dateline_opens(an, inc.core)
    opens = line is not None and line.date is not None
    return bool(days) or opens  # "ДУШАНБЕ, 4 декабря — Пограничники вступили в перестрелку"


def assemble(an: Analysis) -> list[Incident]:
    """The article's incidents in text order: violent ones, and talk or other acts where the
    article is about them."""
    reader = _Reader(an)
    incidents = _violent_incidents(an, reader)
    if incidents:
        _attach_details(an, reader, incidents)
    incidents = [inc for inc in incidents if _concrete(an, reader, inc)]
    others = _others(an, reader)
    kept = [g for g in others if not incidents or _own_day(reader, g, incidents)]
    told = sorted((i, n) for n, inc in enumerate(incidents) for i in inc.core)
    for group in others:
        if group in kept or not incidents:
            continue
        at = bisect.bisect_right(told, (min(group.core), len(incidents))) - 1
        owner = incidents[told[at][1]] if at >= 0 else incidents[0]  # told last before it
        owner.context.extend(group.core)
    if kept:
        _attach_details(an, reader, kept)
    return sorted(incidents + kept, key=lambda inc: min(inc.core))
