"""Dates and places told outside an incident's own sentences: a detail referring back
("The raid took place on the night of 3 Hamal"), a sentence of its paragraph or the one
after, the headline and the lead for the first incident, a province a detail names, the
day a sentence says the news came."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from geo.ingest.analysis import Analysis, Info, Kind
from geo.ingest.cues import SAME_PLACE
from geo.ingest.matching import KIND_RANK, Hit
from geo.ingest.reader import (
    NEAR,
    REJOIN,
    Incident,
    Reader,
    aggregate,
    lead_body,
    overlap,
    reported_by,
    towns,
)
from geo.ingest.reasons import Aside, PlaceReason
from geo.ingest.telling import has_cue
from geo.vocab import Place


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
        free = [i for i in free if not aggregate(i) and i.kind is not Kind.DENIAL]
        free_at = {i.index for i in free}
        mine: dict[int, list[Info]] = {id(inc): [] for inc in incidents}
        owner = incidents[0] if incidents else None
        owners = [owner] if owner is not None else []
        for info in an.infos:
            now = taken.get(info.index, owner)
            if now is not owner and now is not None:  # "…, after a clash killed two": both
                both = info.sentence.earlier and info.index - 1 in taken  # told in one sentence
                owners = [taken[info.index - 1], now] if both else [now]
            owner = now
            if info.index in free_at:
                for o in owners:
                    mine[id(o)].append(info)
        lead_at = set(lead_body(an))
        return cls(mine, [i for i in free if i.heading or i.index in lead_at])


def _detail_order(
    an: Analysis, inc: Incident, incidents: list[Incident], reader: Reader, scene: _Scene
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


def area_rank(info: Info, places: Mapping[str, Place]) -> int:
    return min((KIND_RANK.get(places[h.key].kind, 5) for h in info.places), default=9)


def _attach_province(
    an: Analysis, reader: Reader, incidents: list[Incident], scene: _Scene
) -> None:
    """An incident placed only on the border or in a country takes a province a detail
    names ("Kaldar lies in Balkh province")."""
    for inc in incidents:
        mine = min((area_rank(an.infos[i], reader.places) for i in inc.sentences()), default=9)
        if mine <= KIND_RANK["province"]:
            continue
        for info in _detail_order(an, inc, incidents, reader, scene):
            beside = min(abs(info.index - c) for c in inc.core) <= 1
            if info.kind is Kind.OTHER or (info.kind is Kind.TALK and not beside):
                continue  # the governor of Balkh at a meeting told apart: no place of the clash
            if inc.kind is not Kind.VIOLENCE and not info.refers_back:
                continue  # a meeting is held where it says, not where the next sentence is
            if _another_time(reader, inc, info):
                continue  # "China has been its main partner since 2010": not the day's place
            if area_rank(info, reader.places) <= KIND_RANK["province"]:
                inc.details.append(info.index)
                break


def _another_time(reader: Reader, inc: Incident, info: Info) -> bool:
    """A detail told of another time than the incident's: its dates, or the date it gives
    as a bound ("until 2005", "by September"), all fall apart from the incident's."""
    theirs = reader.dates_of(inc)
    mine = [d for d in (*info.dates, *info.asides) if d.resolved and d.aside is not Aside.REPORT]
    return bool(theirs and mine) and not any(overlap(a, b) for a in mine for b in theirs)


def attach_details(an: Analysis, reader: Reader, incidents: list[Incident]) -> None:
    scene = _Scene.of(an, incidents)
    _attach_towns_and_dates(an, reader, incidents, scene)
    _attach_province(an, reader, incidents, scene)
    _attach_summary_day(an, reader, incidents)
    _attach_report_day(an, reader, incidents, scene)


def _attach_summary_day(an: Analysis, reader: Reader, incidents: list[Incident]) -> None:
    """An incident no sentence dates takes the date of the sentence before it that sums up
    several incidents in one time ("Пограничники на этой неделе предотвратили две попытки
    прорыва … Ещё один прорыв пресекли на Пянджском направлении"): each of them is in it."""
    for inc in incidents:
        if reader.date_of(inc) is not None:
            continue
        first = min(inc.core)
        summary = next((i for i in reversed(an.infos[:first]) if i.sums_up), None)
        if summary is None or not summary.dates or summary.index in inc.details:
            continue
        if all(overlap(a, b) for a in summary.dates for b in summary.dates):
            inc.details.append(summary.index)  # one time for all, not "on 26 and 30 November"


def _attach_report_day(
    an: Analysis, reader: Reader, incidents: list[Incident], scene: _Scene
) -> None:
    """An incident no sentence dates takes the day a sentence of its paragraph, or of the
    paragraph after, says the news came ("TOLO reported on the morning of 26 July that …";
    "The committee said on Monday that this was the second such incident" below the lead,
    a total's sentence too): said so, a report's day."""
    cores = {i for inc in incidents for i in inc.core}
    for inc in incidents:
        if reader.date_of(inc) is not None:
            continue
        paragraphs = {
            p + k for i in inc.core for p in [an.infos[i].sentence.paragraph] for k in (0, 1)
        }
        near = [i for i in an.infos if i.sentence.paragraph in paragraphs and i.index not in cores]
        near.sort(key=lambda i: min(abs(i.index - c) for c in inc.core))
        for info in near:
            days = [d for d in info.asides if d.aside is Aside.REPORT and d.precision == "day"]
            if days and info.kind is not Kind.DENIAL and info.index not in inc.details:
                inc.details.append(info.index)
                break


def _names_another(reader: Reader, info: Info, inc: Incident, incidents: list[Incident]) -> bool:
    """A detail naming the town of another incident (and not this one's) is about that one
    (of the incidents told around it), unless it is dated on another day than that one's:
    "yesterday evening the guards shelled Darqad" is of yesterday's clash, not of today's
    strike on a village of Darqad."""
    at = next(n for n, o in enumerate(incidents) if o is inc)
    near = incidents[max(0, at - REJOIN) : at + REJOIN + 1]
    others = [o for o in near if o is not inc and not told_together(reader.an, o, inc)]
    return reader.place_agrees(inc, info) is not True and any(
        reader.place_agrees(o, info) is True and reader.date_agrees(o, info) is not False
        for o in others
    )


def told_together(an: Analysis, a: Incident, b: Incident) -> bool:
    """Two incidents told in one sentence ("…, after a clash killed two guards"): what
    the sentences around it say of where and when is said of both."""
    first, second = sorted((a, b), key=lambda inc: min(inc.core))
    at = min(second.core)
    return an.infos[at].sentence.earlier and at - 1 in first.core


def _attach_towns_and_dates(
    an: Analysis, reader: Reader, incidents: list[Incident], scene: _Scene
) -> None:
    for inc in incidents:
        need_date, need_town = reader.date_of(inc) is None, not reader.towns_of(inc)
        for info in _detail_order(an, inc, incidents, reader, scene):
            if not (need_date or need_town):
                break
            dates = need_date and bool(info.dates) and reader.place_agrees(inc, info) is not False
            dates = dates and not _after_report(an, inc, info)
            town = need_town and bool(towns(info, reader.places))
            town = town and reader.date_agrees(inc, info) is not False
            town = town and (inc.kind is Kind.VIOLENCE or info.refers_back)  # talk: where told
            if dates or town or _came_from(an, inc, info, need_town):
                inc.details.append(info.index)
                need_date, need_town = need_date and not dates, need_town and not town


def _after_report(an: Analysis, inc: Incident, info: Info) -> bool:
    """Whether the detail's dates all fall after the day the incident was reported."""
    day = reported_by(an, inc)
    starts = [d.date_start for d in info.dates if d.date_start is not None]
    return day is not None and bool(starts) and min(starts) > day


def _came_from(an: Analysis, inc: Incident, info: Info, need_town: bool) -> bool:
    """A sentence of the incident's paragraph naming only where the violence came from
    ("they crossed from Shahri Buzurg district"), for an incident that names no place."""
    named = [
        h for i in [*inc.core, *inc.details] for h in (*an.infos[i].places, *an.infos[i].standins)
    ]
    paragraphs = {an.infos[i].sentence.paragraph for i in inc.core}
    origins = [h for h in info.standins if PlaceReason.ORIGIN in h.reasons]
    return need_town and not named and bool(origins) and info.sentence.paragraph in paragraphs


def same_place(an: Analysis, inc: Incident) -> list[Hit]:
    """Violence told "in the same area" as the one before ("маҳз дар ҳамин минтақа 21
    феврали …"), naming nothing finer than the border: the town or district named last
    before it, marked borrowed."""
    text, lang = an.article.text, an.article.lang
    core = [an.infos[i].sentence for i in inc.core]
    if not any(has_cue(text[s.start : s.end], lang, SAME_PLACE) for s in core):
        return []
    first = min(s.start for s in core)
    towns = [h for h in an.places if h.end <= first and not _coarse(an, h.key)]
    towns = [h for h in towns if an.vocab.places[h.key].kind != "province"]
    return [towns[-1].because(PlaceReason.INHERITED)] if towns else []


def _coarse(an: Analysis, key: str) -> bool:
    return KIND_RANK.get(an.vocab.places[key].kind, 5) >= KIND_RANK["border"]
