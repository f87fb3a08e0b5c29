"""The overview (geo/view/overview.py, geo/areas.py, geo/view/bars.py): exact totals
and counts, cheap at 100,000 events, and the page's totals line and area filter."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import numpy as np
import pandas as pd

from geo import areas
from geo.view import bars
from geo.view import overview as ov
from tests.helpers.apptest import map_event_ids, run_app
from tests.helpers.browser import EVENTS
from ui.overview import reporters_note

WITHDRAWN = {"denied", "retracted"}


def _big(frame: pd.DataFrame, times: int = 2600) -> pd.DataFrame:
    """About 100,000 events: the seeds repeated, their points scattered."""
    big = pd.concat([frame] * times, ignore_index=True)
    rng = np.random.default_rng(0)
    big["lon"] = big["lon"] + rng.normal(0, 0.3, len(big)).round(2)
    big["lat"] = big["lat"] + rng.normal(0, 0.3, len(big)).round(2)
    return big


def test_totals_add_up_what_the_sources_state(data):
    t = ov.totals(data.frame, len(data.frame))
    counted = [e for e in EVENTS if e["status"] not in WITHDRAWN]
    assert t.events == len(EVENTS) and t.of == len(EVENTS)
    assert t.killed == sum(e.get("fatalities") or 0 for e in counted)
    assert t.injured == sum(e.get("injured") or 0 for e in counted)
    assert t.killed_unknown == sum(e.get("fatalities") is None for e in counted)
    assert t.injured_unknown == sum(e.get("injured") is None for e in counted)
    assert t.withdrawn == len(EVENTS) - len(counted) > 0
    line, detail = ov.totals_words(t)
    assert line.startswith(f"**{t.killed} killed** · **{t.injured} injured** · ")
    assert f"{t.killed_unknown} not stated" in line and "not zero" in detail


def test_counts_by_type_actor_and_month_are_exact(data):
    frame = data.frame
    types = ov.by_type(frame)
    assert dict(zip(types["name"], types["events"], strict=True)) == Counter(
        e["event_type"] for e in EVENTS
    )
    actors = Counter(a for e in EVENTS for a in e["actors"] if ov.side_of(a) == ov.BY)
    rows = ov.by_actor(frame, frame)
    top = dict(zip(rows["name"], rows["events"], strict=True))
    assert len(rows) == ov.TOP_ACTORS + 1 and rows["name"].iloc[-1] == ov.OTHER
    for name, n in list(top.items())[:-1]:
        assert actors[name] == n
    assert top[ov.OTHER] == sum(actors.values()) - sum(list(top.values())[:-1])
    months = ov.by_month(frame)
    dated = Counter(e["date_start"][:7] for e in EVENTS if e.get("date_start"))
    assert {m: n for m, n in zip(months["name"], months["events"], strict=True) if n} == dated
    assert months["events"].sum() == sum(dated.values())  # empty months are 0 rows


def test_killed_by_actor_leaves_withdrawn_reports_out(data):
    frame = data.frame
    sides = (ov.BY, ov.AGAINST, ov.REPORTING)
    rows = pd.concat([ov.by_actor(frame, frame, 100, side) for side in sides])
    killed = Counter()
    for e in EVENTS:
        if e["status"] not in WITHDRAWN:
            for actor in e["actors"]:
                killed[actor] += e.get("fatalities") or 0
    assert {n: k for n, k in zip(rows["name"], rows["killed"], strict=True) if k} == {
        a: k for a, k in killed.items() if k
    }


def test_by_whom_leaves_the_civilians_acted_upon_to_against_whom(data):
    """The walk: 'Civilians' ranked third among the actors of 'by whom'. The civilians
    (the vocabulary's kind, UCDP's and ACLED's own name) count against whom, every other
    side by whom, and no side in both."""
    frame = data.frame
    by = ov.by_actor(frame, frame, top=100)
    against = ov.by_actor(frame, frame, top=100, side=ov.AGAINST)
    victims = Counter(a for e in EVENTS for a in e["actors"] if a.startswith("Civilians"))
    assert victims and dict(zip(against["name"], against["events"], strict=True)) == victims
    assert not set(by["name"]) & set(against["name"])
    assert "Taliban" in set(by["name"])
    assert ov.acted_upon("Civilians") and ov.acted_upon("Civilians (Afghanistan)")
    assert not ov.acted_upon("Civilian Militia") and not ov.acted_upon("Taliban")


def test_news_agencies_named_as_actors_are_no_side(data):
    """The last walk: Reuters ranked among 'by whom' for reporting a story and withdrawing
    it. A news agency of the vocabulary (its kind) is in neither chart, counted apart."""
    frame = data.frame
    by = ov.by_actor(frame, frame, top=100)
    against = ov.by_actor(frame, frame, top=100, side=ov.AGAINST)
    news = ov.by_actor(frame, frame, top=100, side=ov.REPORTING)
    reuters = sum("Reuters" in e["actors"] for e in EVENTS)
    assert reuters and dict(zip(news["name"], news["events"], strict=True)) == {"Reuters": reuters}
    assert "Reuters" not in set(by["name"]) | set(against["name"])
    assert ov.side_of("RIA Novosti") == ov.side_of("Bakhtar News Agency") == ov.REPORTING
    assert ov.side_of("Taliban") == ov.side_of("Some Imported Militia") == ov.BY
    assert ov.side_of("Civilians (China)") == ov.AGAINST
    # The page names them under the charts, their names escaped as Markdown.
    assert reporters_note(news).endswith(f"(Reuters: {reuters} events).")
    odd = pd.DataFrame({"name": ["*Agency*"], "events": [1]})
    assert r"\*Agency\*: 1" in reporters_note(odd)
    assert reporters_note(news.iloc[:0]) == ""


def test_areas_follow_the_place_precision(data):
    frame = data.frame
    found = areas.frame_areas(frame)
    pairs = zip(found["admin1"], found["admin2"], strict=True)
    by_place = dict(zip(frame["place"], pairs, strict=True))
    assert by_place["Khorugh"][0] == "Gorno-Badakhshan"
    assert by_place["Bokhtar"][0] == "Khatlon"
    # A band, a side or a country is in no province: never counted at a stand-in point.
    vague = frame["geo_precision"] == 3
    assert (found["admin1"][vague] == areas.UNKNOWN).all()
    # Precision 2 gives the province only.
    assert (found["admin2"][frame["geo_precision"] == 2] == areas.UNKNOWN).all()
    provinces = ov.by_area(frame, frame, "admin1")
    assert provinces["name"].iloc[-1] == ov.NOT_KNOWN
    assert provinces["events"].sum() == len(frame)


def test_area_mask_picks_province_and_district(data):
    frame = data.frame
    khatlon = ov.in_area(frame, frame, "Khatlon")
    assert list(khatlon["place"]) == ["Bokhtar"]
    kabul = ov.in_area(frame, frame, "Kabul / Kabul")
    assert len(kabul) == 1 and ov.district_label("Kabul / Kabul") == "Kabul (Kabul)"
    assert ov.in_area(frame, frame, "Nowhere").empty
    assert len(ov.in_area(frame, frame, "")) == len(frame)


def test_overview_is_exact_at_100000_events(data):
    """Its speed is measured by bench/hot_paths.py, not asserted here."""
    big = _big(data.frame)
    areas.frame_areas(big)  # once per load
    ov.by_actor(big, big.iloc[:10])
    shown = big[big.index % 3 != 0]
    t = ov.totals(shown, len(big))
    parts = [ov.by_type(shown), ov.by_month(shown), ov.by_actor(big, shown)]
    parts += [ov.by_area(big, shown, "admin1"), ov.by_area(big, shown, "admin2")]
    assert t.events == len(shown) and parts[0]["events"].sum() == len(shown)
    assert parts[3]["events"].sum() == len(shown) == parts[4]["events"].sum()
    expected = shown["fatalities"][~shown["status"].isin(WITHDRAWN)].sum()
    assert t.killed == expected


def _tooltips(spec: object) -> list[dict]:
    """Every tooltip entry anywhere in a Vega-Lite spec."""
    if isinstance(spec, list):
        return [t for item in spec for t in _tooltips(item)]
    if not isinstance(spec, dict):
        return []
    found = spec.get("tooltip")
    own = found if isinstance(found, list) else [found] if isinstance(found, dict) else []
    return own + [t for k, v in spec.items() if k != "tooltip" for t in _tooltips(v)]


def test_bar_specs_carry_their_rows_as_data_and_read_a_click():
    rows = ov.labelled(pd.DataFrame({"name": ["a", ov.OTHER], "events": [2, 1], "killed": [0, 0]}))
    spec = bars.with_data(bars.category_spec("By actor", "actor"), rows)
    sent = spec["datasets"][bars.ROWS]
    assert list(sent["name"]) == list(rows["name"]) and list(rows["pickable"]) == [True, False]
    assert bars.category_spec("x", "y") == bars.category_spec("x", "y")  # data apart
    # A hovered bar's counts with thousands separators ("1,340 killed", not "1340").
    for made in (
        bars.category_spec("x", "y"),
        bars.area_spec("x", "y", ov.PARTS),
        bars.month_spec(),
    ):
        tips = [t for t in _tooltips(made) if t["field"] in ("events", "killed")]
        assert sorted({t["field"] for t in tips}) == ["events", "killed"], made
        assert all(t.get("format") == "," for t in tips), tips
    assert bars.picked({bars.PICK: [{"name": "Taliban"}]}) == "Taliban"
    assert bars.picked({bars.PICK: {"name": ["Taliban"]}}) == "Taliban"
    assert bars.picked({}) is None and bars.picked(None) is None
    months = ov.month_rows(pd.DataFrame({"name": ["2025-11"], "events": [3], "killed": [1]}))
    assert months.iloc[0][["start", "end", "label"]].tolist() == [
        "2025-11-01",
        "2025-12-01",
        "Nov 2025",
    ]


def test_page_shows_the_toll_beside_the_counts(data):
    at = run_app()
    assert not at.exception
    t = ov.totals(data.frame, len(EVENTS))
    assert at.markdown[1].value == ov.totals_words(t)[0]
    assert "Overview" in [s.value for s in at.subheader]


def test_area_from_the_link_filters_the_page_and_the_map():
    at = run_app(area="Gorno-Badakhshan")
    assert not at.exception
    assert at.selectbox(key="area_province").value == "Gorno-Badakhshan"
    assert at.markdown[0].value.startswith("**0 dated** and **1 undated**")  # Khorugh
    khorugh = [e["id"] for e in EVENTS if e["place"] == "Khorugh"]
    assert map_event_ids(at) == khorugh
    at = run_app(area="<script>nowhere")  # not an area: every event, the link cleaned
    assert not at.exception and at.selectbox(key="area_province").value is None
    assert at.markdown[0].value.endswith(f"events shown of {len(EVENTS)}")


def test_a_selection_hidden_by_the_area_says_so_and_one_click_shows_it():
    at = run_app(area="Khatlon", event="site-russian-201st-base-dushanbe")
    assert not at.exception
    assert "hidden by the province Khatlon:" in at.warning[0].value  # named, as chosen
    assert at.button(key="unhide").label == "Show it (clear the province Khatlon)"
    at.button(key="unhide").click().run()
    assert at.selectbox(key="area_province").value is None and not at.warning
    assert "site-russian-201st-base-dushanbe" in map_event_ids(at)


def test_a_toll_no_shown_event_states_is_not_stated_never_zero():
    """UCDP codes no injured: '0 injured' over 100,000 of its events read as a real zero."""
    t = ov.Totals(events=4, of=9, killed=7, injured=0, killed_unknown=1, injured_unknown=3,
                  withdrawn=1)  # fmt: skip
    line, _ = ov.totals_words(t)
    assert line == "**7 killed** · injured not stated · 1 not stated"
    t = ov.Totals(events=2, of=9, killed=0, injured=0, killed_unknown=2, injured_unknown=1,
                  withdrawn=0)  # fmt: skip
    assert ov.totals_words(t)[0] == "killed not stated · **0 injured**"


def test_an_event_begun_before_the_dates_chosen_counts_in_their_first_month():
    """The walk's Q4 at 100,000 events: the month chart began in June (events coded with
    a span that began before October and overlaps it)."""
    shown = pd.DataFrame({
        "undated": [False, False, False],
        "date_start": pd.to_datetime(["2025-06-20", "2025-09-28", "2025-11-02"]),
        "fatalities": [1, 2, 3],
        "status": ["reported"] * 3,
    })  # fmt: skip
    rows = ov.by_month(shown, dt.date(2025, 10, 1))
    assert rows["name"].tolist() == ["2025-10", "2025-11"]
    assert rows["events"].tolist() == [2, 1] and rows["killed"].tolist() == [3, 3]
    assert ov.by_month(shown)["name"].tolist()[0] == "2025-06"  # no dates chosen


def test_a_hiding_area_is_named_a_district_with_its_province_and_escaped():
    from geo.areas import SEP
    from geo.view.html import escape_markdown
    from ui.panel import _area_words

    district = _area_words(f"Khatlon{SEP}Farkhor")
    assert district == "the district " + escape_markdown("Farkhor (Khatlon)")
    assert _area_words("Khatlon") == "the province Khatlon"
    assert "*bold*" not in _area_words("*bold*")  # markdown from the link stays text
