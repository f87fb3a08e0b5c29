"""The overview of the shown events: totals and counts by month, type, actor and area.

Computed over the loaded frame's columns with numpy (never by walking the features), so
it stays exact and cheap at 100,000 events: what depends on the data alone (each row's
month, its actors as codes, its area) is built once per loaded frame; a rerun counts the
shown rows with `np.bincount`.

Killed and injured add up the events that are neither denied nor retracted (the CSV's
`withdrawn`); an event whose count the sources do not state is counted apart, never as 0.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo import tuples
from geo.areas import SEP, UNKNOWN, AreaBasis, area_mask, frame_areas
from geo.memo import per_object
from geo.vocab import load_actors

WITHDRAWN = ("denied", "retracted")
TOP_ACTORS = 10
OTHER = "Other actors"
NOT_KNOWN = "Not known"
CHART_COLUMNS = ["name", "events", "killed"]  # every chart's rows


@dataclass(frozen=True)
class Totals:
    """What the totals line says."""

    events: int
    of: int
    killed: int
    injured: int
    killed_unknown: int
    injured_unknown: int
    withdrawn: int


def positions(frame: pd.DataFrame, shown: pd.DataFrame) -> np.ndarray:
    """Row numbers in the loaded frame of the shown rows (a filtered copy of it)."""
    if isinstance(frame.index, pd.RangeIndex) and frame.index.start == 0 and frame.index.step == 1:
        return shown.index.to_numpy(dtype=np.int64)
    return frame.index.get_indexer(shown.index)


def in_area(frame: pd.DataFrame, shown: pd.DataFrame, area: str) -> pd.DataFrame:
    """The shown rows that lie in the area (all of them when no area is chosen)."""
    if not area:
        return shown
    return shown[area_mask(frame, area)[positions(frame, shown)]]


def coded_count(frame: pd.DataFrame, rows: pd.DataFrame) -> int:
    """How many of the rows (of the loaded frame) have their area as their dataset codes
    it (`AreaBasis.SOURCE`), not by their point."""
    basis = frame_areas(frame)["basis"].to_numpy(dtype=object)[positions(frame, rows)]
    return int((basis == AreaBasis.SOURCE.value).sum())


def _counted(shown: pd.DataFrame) -> np.ndarray:
    return ~shown["status"].isin(WITHDRAWN).to_numpy(dtype=bool)


def totals(shown: pd.DataFrame, of: int) -> Totals:
    """Events, killed and injured among the shown, and how many counts are unknown."""
    counted = _counted(shown)
    killed = shown["fatalities"].to_numpy(dtype=float, na_value=np.nan)[counted]
    injured = shown["injured"].to_numpy(dtype=float, na_value=np.nan)[counted]
    return Totals(
        events=len(shown),
        of=of,
        killed=int(np.nansum(killed)),
        injured=int(np.nansum(injured)),
        killed_unknown=int(np.isnan(killed).sum()),
        injured_unknown=int(np.isnan(injured).sum()),
        withdrawn=int((~counted).sum()),
    )


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def totals_words(t: Totals) -> tuple[str, str]:
    """('7 killed · 3 injured · 30 not stated', what is added up and what not).

    The events and "of N" are the counts line's, beside it. A toll no shown event states
    (UCDP codes no injured) is 'not stated', never a sum of nothing read as zero."""
    counted = t.events - t.withdrawn
    never = counted > 0
    killed = (
        "killed not stated"
        if never and t.killed_unknown == counted
        else (f"**{t.killed:,} killed**")
    )
    injured = (
        "injured not stated"
        if never and t.injured_unknown == counted
        else (f"**{t.injured:,} injured**")
    )
    line = f"{killed} · {injured}"
    if t.killed_unknown and t.killed_unknown < counted:
        line += f" · {t.killed_unknown:,} not stated"
    detail = (
        "Killed and injured add up the tolls the sources state, over the shown reports "
        f"that are not denied or retracted ({_n(t.withdrawn, 'such report')} left out). "
        f"No killed toll is stated for {_n(t.killed_unknown, 'event')}, no injured "
        f"toll for {_n(t.injured_unknown, 'event')}: they add nothing, not zero."
    )
    return line, detail


def bar_text(events: int, killed: int) -> str:
    """What a bar's end says, read without hovering (a phone cannot): '12 · 3 killed'."""
    return f"{events:,} · {killed:,} killed"


def labelled(rows: pd.DataFrame, unpickable: tuple[str, ...] = (OTHER, NOT_KNOWN)) -> pd.DataFrame:
    """Chart rows with the words a bar shows (`label`), its end's text (`text`: events and
    killed) and whether a click filters by it."""
    label = rows["name"].map(district_label) if len(rows) else rows["name"]
    # The bars' order as a field (bars.category_spec sorts by it): Vega's union of the
    # bar and text layers' unsorted domains did not keep the rows' order (416 above 430).
    rank = rows["rank"] if "rank" in rows else np.arange(len(rows))
    text = [bar_text(int(n), int(k)) for n, k in zip(rows["events"], rows["killed"], strict=True)]
    return rows.assign(label=label, pickable=~rows["name"].isin(unpickable), rank=rank, text=text)


def month_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Month rows with their first day (`start`), the next month's (`end`) and 'Oct 2025'."""
    if rows.empty:
        return rows.assign(start=[], end=[], label=[])
    start = pd.to_datetime(rows["name"] + "-01")
    end = start + pd.offsets.MonthBegin(1)
    return rows.assign(
        start=start.dt.strftime("%Y-%m-%d"),
        end=end.dt.strftime("%Y-%m-%d"),
        label=start.dt.strftime("%b %Y"),
    )


def _chart_rows(names: np.ndarray, events: np.ndarray, killed: np.ndarray) -> pd.DataFrame:
    rows = pd.DataFrame({"name": names, "events": events.astype(int), "killed": killed})
    rows["killed"] = rows["killed"].astype(int)
    return rows[rows["events"] > 0].reset_index(drop=True)


def killed_weights(shown: pd.DataFrame) -> np.ndarray:
    """Each shown row's killed as it adds up: 0 when unknown, denied or retracted."""
    killed = shown["fatalities"].to_numpy(dtype=float, na_value=np.nan)
    return np.where(_counted(shown) & ~np.isnan(killed), killed, 0.0)


def _by_codes(codes: np.ndarray, names: np.ndarray, weights: np.ndarray) -> pd.DataFrame:
    events = np.bincount(codes, minlength=len(names))
    killed = np.bincount(codes, weights=weights, minlength=len(names))
    rows = _chart_rows(names, events, killed)
    return rows.sort_values(["events", "name"], ascending=[False, True], ignore_index=True)


def by_type(shown: pd.DataFrame) -> pd.DataFrame:
    """Events and killed per event type, most events first."""
    codes, names = pd.factorize(shown["event_type"], sort=True)
    return _by_codes(codes, np.asarray(names, dtype=object), killed_weights(shown))


def by_month(shown: pd.DataFrame, since: dt.date | None = None) -> pd.DataFrame:
    """Events and killed per month of their first day (undated left out), in order;
    months with none inside the span are rows of 0, so the bars keep time's scale. With
    `since` (the dates chosen: an event is shown when its interval overlaps them), an
    event that began before is counted in the first month chosen, not in months the
    reader left out (a week coded in late September showed as a September bar in Q4)."""
    dated = ~shown["undated"].to_numpy(dtype=bool) & shown["date_start"].notna().to_numpy()
    months = shown["date_start"].to_numpy()[dated].astype("datetime64[M]")
    if since is not None:
        months = np.maximum(months, np.datetime64(since, "M"))
    if not len(months):
        return pd.DataFrame(columns=CHART_COLUMNS)
    first = months.min()
    codes = (months - first).astype(np.int64)
    span = np.arange(first, months.max() + 1)
    events = np.bincount(codes, minlength=len(span))
    killed = np.bincount(codes, weights=killed_weights(shown)[dated], minlength=len(span))
    names = np.datetime_as_string(span, unit="M")
    rows = pd.DataFrame({"name": names, "events": events, "killed": killed.astype(int)})
    return rows.astype({"events": int})


# Who acted and who was acted on. The events name their sides in one list with no role,
# save one the datasets fix: civilians. UCDP codes them only as one-sided violence's
# side_b, ACLED only as actor2 of violence against them (its protesters and rioters are
# named so), and the vocabulary's `civilians` kind is the curated events' victims. So
# "by whom" counts every other side named (both sides of a clash) and "against whom"
# the civilians; no other side's role is known. A news agency the vocabulary names as an
# event's actor (Reuters reporting, then withdrawing, a story) reported: no side, in
# neither chart ("reporting"). The vocabulary's kind tells it apart; the datasets keep
# their outlets in a column of their own, never among the actors.
BY, AGAINST, REPORTING = "by", "against", "reporting"
TARGET_KINDS = frozenset({"civilians"})
REPORTER_KINDS = frozenset({"news agency"})


def side_of(name: str) -> str:
    """An actor's side: BY (acted), AGAINST (civilians acted upon) or REPORTING (a news
    agency of the vocabulary)."""
    actor = load_actors().get(name)
    if actor is None:  # UCDP's and ACLED's own name for civilians
        return AGAINST if name == "Civilians" or name.startswith("Civilians (") else BY
    if actor.kind in TARGET_KINDS:
        return AGAINST
    return REPORTING if actor.kind in REPORTER_KINDS else BY


def acted_upon(name: str) -> bool:
    """Whether an actor is a side acted upon (civilians), never one that acted."""
    return side_of(name) == AGAINST


@dataclass(frozen=True)
class _ActorPairs:
    """The frame's actor tuples flattened once per loaded frame: one (row, actor) pair per
    actor of each event, the actor's code and its side's, and the names and sides."""

    rows: np.ndarray  # int64: the frame row of each pair
    codes: np.ndarray  # int64: the actor of each pair (an index into `names`)
    sides: np.ndarray  # int8: the side of each pair's actor (an index into `SIDE_ORDER`)
    names: np.ndarray  # object: the actors' names, sorted


SIDE_ORDER = (BY, AGAINST, REPORTING)


@per_object
def _actor_pairs(frame: pd.DataFrame) -> _ActorPairs:
    rows, codes, names = tuples.pairs(frame["actors"])
    side_of_name = np.array([SIDE_ORDER.index(side_of(n)) for n in names], dtype=np.int8)
    return _ActorPairs(rows, codes, side_of_name[codes], names)


@per_object
def _per_shown(shown: pd.DataFrame) -> dict[int, tuple[pd.DataFrame, np.ndarray, np.ndarray]]:
    return {}  # lives as long as the shown rows: id(frame) -> (frame, shown mask, weights)


def _shown_of(frame: pd.DataFrame, shown: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per frame row: whether it is shown, and its killed as it adds up; made once for the
    three actor charts of a rerun."""
    kept = _per_shown(shown)
    hit = kept.get(id(frame))
    if hit is not None and hit[0] is frame:
        return hit[1], hit[2]
    at = positions(frame, shown)
    weight = np.zeros(len(frame))
    weight[at] = killed_weights(shown)
    mask = np.zeros(len(frame), dtype=bool)
    mask[at] = True
    kept[id(frame)] = (frame, mask, weight)
    return mask, weight


def by_actor(
    frame: pd.DataFrame, shown: pd.DataFrame, top: int = TOP_ACTORS, side: str = BY
) -> pd.DataFrame:
    """Events and killed per actor on one `side` (BY: the sides that acted, both sides of
    a clash; AGAINST: the civilians acted upon; REPORTING: news agencies), an event
    counting for each of its actors on that side; the `top` most active, then every
    other actor's in one row."""
    pairs = _actor_pairs(frame)
    mask, weight = _shown_of(frame, shown)
    keep = mask[pairs.rows] & (pairs.sides == SIDE_ORDER.index(side))
    counts = _by_codes(pairs.codes[keep], pairs.names, weight[pairs.rows[keep]])
    if len(counts) <= top:
        return counts
    head, rest = counts.iloc[:top], counts.iloc[top:]
    other = pd.DataFrame({"name": [OTHER], "events": [rest["events"].sum()]})
    other["killed"] = rest["killed"].sum()
    return pd.concat([head, other], ignore_index=True)


def by_area(frame: pd.DataFrame, shown: pd.DataFrame, column: str) -> pd.DataFrame:
    """Events and killed per province (`admin1`) or district (`admin2`), and how many of
    them (`coded`, `coded_killed`) are in it as their dataset codes them; the events whose
    place does not say it in one row, last."""
    found = frame_areas(frame)
    at = positions(frame, shown)
    codes = found[column].cat.codes.to_numpy()[at]
    names = np.asarray(found[column].cat.categories, dtype=object)
    weights = killed_weights(shown)
    counts = _by_codes(codes, names, weights)
    coded = (found["basis"] == AreaBasis.SOURCE.value).to_numpy(dtype=bool)[at]
    by_source = _chart_rows(
        names,
        np.bincount(codes[coded], minlength=len(names)),
        np.bincount(codes[coded], weights=weights[coded], minlength=len(names)),
    ).rename(columns={"events": "coded", "killed": "coded_killed"})
    counts = counts.merge(by_source, on="name", how="left").fillna(0)
    counts = counts.astype({"coded": int, "coded_killed": int})
    known = counts[counts["name"] != UNKNOWN]
    unknown = counts[counts["name"] == UNKNOWN].assign(name=NOT_KNOWN, coded=0, coded_killed=0)
    return pd.concat([known, unknown], ignore_index=True)


# The parts of a province's or district's bar (geo/view/bars.py's area_spec).
PLACED = "placed in it"
CODED = "placed in it as the source codes it"
OVERLAP = "only in a border band or side overlapping it"
UNPLACED = "placed in no province or district"
PARTS = (PLACED, CODED, OVERLAP, UNPLACED)
_COUNTS = ["events", "killed", "coded", "coded_killed", "events_band", "killed_band"]


def area_parts(placed: pd.DataFrame, band: pd.DataFrame) -> pd.DataFrame:
    """An area chart's rows, a row per part of a bar: the events placed in the area by
    their point, those in it as their dataset codes it (`by_area`'s), those only in a
    band or side overlapping it (area_only.band_counts), and the 'Not known' bar last.
    Each row has the bar's `total` and `total_text` ('3 + 13 · 2 + 5 killed': in it, and
    only in a band overlapping it); `last` marks where the text goes."""
    known = placed[placed["name"] != NOT_KNOWN]
    both = known.merge(band, on="name", how="outer", suffixes=("", "_band"))
    both = both.reindex(columns=["name", *_COUNTS]).fillna(0)
    both = both.sort_values(["events", "events_band", "name"], ascending=[False, False, True])
    rows: list[tuple[str, str, int, int, int, str]] = []
    for name, (n, killed, coded, coded_killed, band_n, band_killed) in zip(
        both["name"].tolist(), both[_COUNTS].astype(int).to_numpy().tolist(), strict=True
    ):
        # Both counts told the same way: '0 + 5 · 0 + 5 killed' (the killed of the band's
        # events were left out, and '0 + 5 · 0 killed' read as none killed there).
        dead = f"{killed:,} + {band_killed:,}" if band_n else f"{killed:,}"
        text = (f"{n:,} + {band_n:,}" if band_n else f"{n:,}") + f" · {dead} killed"
        parts = ((PLACED, n - coded, killed - coded_killed), (CODED, coded, coded_killed))
        for part, events, dead in (*parts, (OVERLAP, band_n, band_killed)):
            if events:
                rows.append((name, part, events, dead, n + band_n, text))
    unknown = placed[placed["name"] == NOT_KNOWN]
    for n, dead in unknown[["events", "killed"]].astype(int).to_numpy().tolist():
        rows.append((NOT_KNOWN, UNPLACED, n, dead, n, bar_text(n, dead)))
    out = pd.DataFrame(rows, columns=AREA_COLUMNS)
    return _ranked(out, ())


AREA_COLUMNS = ["name", "part", "events", "killed", "total", "total_text"]
TOP_AREAS = 12


def _ranked(out: pd.DataFrame, unpickable: tuple[str, ...]) -> pd.DataFrame:
    out = out.reset_index(drop=True)
    out["last"] = ~out["name"].duplicated(keep="last")
    out["rank"] = pd.factorize(out["name"])[0]
    out["order"] = out["part"].map(PARTS.index)
    return labelled(out, unpickable=unpickable)


def top_areas(rows: pd.DataFrame, noun: str, top: int = TOP_AREAS) -> pd.DataFrame:
    """An area chart's rows (`area_parts`) cut to its `top` areas (most events first) and
    one grey '68 other districts' bar adding up the rest's events placed in them (their
    band parts left out: one band event overlaps many areas); 'Not known' stays last."""
    known = rows["name"] != NOT_KNOWN
    names = rows.loc[known, "name"].drop_duplicates()
    if len(names) <= top + 1:  # one more bar costs less than an "others" line
        return rows
    rest = rows[known & ~rows["name"].isin(set(names.iloc[:top])) & (rows["part"] != OVERLAP)]
    rest = rest[rest["events"] > 0]  # the areas the line adds up: events placed in them
    kept = rows[rows["name"].isin(set(names.iloc[:top]))][AREA_COLUMNS]
    unknown = rows[~known][AREA_COLUMNS]
    if rest.empty:  # the rest hold only band parts: no line to add them up
        return _ranked(pd.concat([kept, unknown]), ())
    label = f"{rest['name'].nunique():,} other {noun}"
    parts = rest.groupby("part", sort=False)[["events", "killed"]].sum()
    total, dead = int(parts["events"].sum()), int(parts["killed"].sum())
    others = pd.DataFrame(
        [(label, part, int(n), int(k), total, bar_text(total, dead))
         for part, (n, k) in zip(parts.index, parts.to_numpy().tolist(), strict=True)],
        columns=AREA_COLUMNS,
    )  # fmt: skip
    return _ranked(pd.concat([kept, others, unknown]), (label,))


def district_label(area: str) -> str:
    """'Farkhor (Khatlon)' for 'Khatlon / Farkhor'; a province as it is."""
    if SEP not in area:
        return area
    province, district = area.split(SEP, 1)
    return f"{district} ({province})"
