"""What the incidents assembled so far know (their dates and towns, read once as they
grow) and how a sentence compares with them: the same date, the same place, clear evidence
of another incident (`geo.ingest.incidents` assembles them, `geo.ingest.details` gives them
the dates and places told in other sentences)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from geo.ingest.analysis import Analysis, Info, Kind
from geo.ingest.dates import DateFind
from geo.ingest.grouping import HEADING_WORDS
from geo.ingest.matching import KIND_RANK
from geo.ingest.placing import CAPITALS
from geo.ingest.reasons import Aside
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
    # One of the days a sentence summing up several incidents lists ("on 26 and 30
    # November"): this incident's, the others' not.
    day: DateFind | None = None

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


def overlap(a: DateFind, b: DateFind) -> bool:
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


def towns(info: Info, places: Mapping[str, Place], *, violence: bool = True) -> list[Place]:
    """Towns and districts named as where; for violence, capitals aside (where the news
    came from: an embassy, a hospital, a ministry); talk is held in capitals."""
    return [
        places[h.key]
        for h in info.places
        if KIND_RANK.get(places[h.key].kind, 5) <= TOWN_RANK
        and not (violence and h.key in CAPITALS)
    ]


class Reader:
    """What the incidents know so far, and how a sentence compares with them."""

    def __init__(self, an: Analysis) -> None:
        self.an = an
        self.places = an.vocab.places

    def _facts(self, inc: Incident) -> tuple[list[DateFind], list[Place]]:
        core, details = inc.known
        for i in [*inc.core[core:], *inc.details[details:]]:  # only what was added since
            inc.dates.extend(self.an.infos[i].dates)  # read now, never changed after
            violence = inc.kind is Kind.VIOLENCE
            inc.towns.extend(towns(self.an.infos[i], self.places, violence=violence))
        inc.known = (len(inc.core), len(inc.details))
        return ([inc.day] if inc.day else inc.dates), inc.towns

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
        return any(overlap(mine, d) for d in theirs)

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
        mine, theirs = towns(info, self.places, violence=violence), self.towns_of(inc)
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
        own = bool(info.dates or towns(info, self.places) or info.counts.killed)
        other = info.etype is not None and info.etype != self.type_of(inc)
        return info.new_incident and (own or other) and not (date and place)

    def shares(self, inc: Incident, info: Info) -> bool:
        if info.new_incident:
            return False  # "a similar attack last week": never the one told before
        date, place = self.date_agrees(inc, info), self.place_agrees(inc, info)
        return (date or place) is True and date is not False and place is not False


def _violent(an: Analysis) -> list[Info]:
    return [i for i in an.infos if i.kind is Kind.VIOLENCE and not aggregate(i)]


def aggregate(info: Info) -> bool:
    """Background over a period: no day of its own, and words of an aggregate."""
    return info.background and not any(d.precision == "day" for d in info.dates)


def reported_by(an: Analysis, inc: Incident) -> dt.date | None:
    """The last day the incident's own sentences say it was reported ("on 18 January
    officials said they had killed four"): it happened on or before it."""
    days = [
        d.date_end
        for i in inc.core
        for d in an.infos[i].asides
        if d.aside is Aside.REPORT and d.date_end is not None
    ]
    return max(days, default=None)


def lead(an: Analysis) -> set[int]:
    """The headline and the first `LEAD` sentences of the body's first paragraph."""
    return {i.index for i in an.infos if i.heading} | set(lead_body(an))


def lead_body(an: Analysis) -> list[int]:
    """The first `LEAD` sentences of the body's first paragraph; when that paragraph is one
    sentence opening the text ("Tajik border guard has been killed by Afghan drug
    dealers." with a full stop, a short headline all the same), those of the paragraph
    after too."""
    body = [i for i in an.infos if not i.heading]
    if not body:
        return [i.index for i in an.infos]
    paragraphs = sorted({i.sentence.paragraph for i in body})
    first = [i.index for i in body if i.sentence.paragraph == paragraphs[0]]
    s = body[0].sentence
    opening = not an.article.text[: s.start].strip()
    short = len(an.article.text[s.start : s.end].split()) <= HEADING_WORDS
    if len(first) == 1 and opening and short and len(paragraphs) > 1:
        after = [i.index for i in body if i.sentence.paragraph == paragraphs[1]]
        return first + after[:LEAD]
    return first[:LEAD]
