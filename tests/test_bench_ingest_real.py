"""The real-news benchmark's rules (`bench/ingest_real.py`) on two articles written for
this test: found means overlapping dates, within 50 km and the same tolls; a violent
candidate for an article that reports nothing is counted as invented; a text that is not
there is named, not scored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.ingest_real import first_contacts, report, run
from geo.vocab import load_gazetteer


def _facts(tmp: Path, articles: list[dict]) -> Path:
    path = tmp / "facts.json"
    path.write_text(json.dumps({"articles": articles}), encoding="utf-8")
    return path


def _texts(tmp: Path, **by_id: str) -> Path:
    folder = tmp / "texts"
    folder.mkdir()
    for name, text in by_id.items():
        (folder / f"{name.replace('_', '-')}.txt").write_text(text, encoding="utf-8")
    return folder


def _at_panj(killed: int) -> dict:
    panj = load_gazetteer()["panj"]
    return {
        **{"date_start": "2025-12-02", "date_end": "2025-12-02", "place": "Panj"},
        **{"lon": panj.lon, "lat": panj.lat, "killed": killed, "injured": None},
    }


def test_found_extra_invented_and_missing_are_counted(tmp_path):
    texts = _texts(
        tmp_path,
        en_one="Two guards were killed in a clash near Panj on 2 December.",
        en_none="Clashes often happen near Panj, the minister said on 2 December.",
    )
    incident = _at_panj(2)
    articles = [
        {"id": "en-one", "lang": "en", "published": "2025-12-04", "incidents": [incident]},
        {"id": "en-none", "lang": "en", "published": "2025-12-04", "incidents": []},
        {"id": "en-gone", "lang": "en", "published": None, "incidents": [incident]},
    ]
    scores, missing = run(_facts(tmp_path, articles), texts)
    assert missing == ["en-gone"]
    one, none = scores
    assert (one.expected, one.found, one.extra, one.not_verbatim) == (1, 1, 0, 0)
    assert (none.expected, none.invented) == (0, 0)
    text = report(scores, missing)
    assert "| **all** | 2 | 1 | 1 | 100% |" in text and "en-gone" in text


def test_a_wrong_toll_is_a_miss_and_says_why(tmp_path):
    texts = _texts(tmp_path, ru_x="2 декабря у Пянджа в перестрелке погибли двое пограничников.")
    articles = [{"id": "ru-x", "lang": "ru", "published": "2025-12-04", "incidents": [_at_panj(5)]}]
    (score,), _ = run(_facts(tmp_path, articles), texts)
    assert score.found == 0 and "toll 2 killed" in score.misses[0]


def test_held_out_articles_are_scored_in_a_table_of_their_own(tmp_path):
    texts = _texts(
        tmp_path,
        en_dev="Two guards were killed in a clash near Panj on 2 December.",
        en_new="Gunmen fired at a post near Panj on 2 December, the committee said.",
    )
    articles = [
        {"id": "en-dev", "lang": "en", "published": "2025-12-04", "incidents": [_at_panj(2)]},
        {
            **{"id": "en-new", "lang": "en", "published": "2025-12-04", "held_out": True},
            "incidents": [_at_panj(3)],
        },
    ]
    scores, _ = run(_facts(tmp_path, articles), texts)
    text = report(scores, [])
    dev, held = text.split("## Held out")
    assert "| **all** | 1 | 1 | 1 | 100% |" in dev
    assert "| **all** | 1 | 1 | 0 | 0% |" in held.split("## Misses")[0]
    assert "**en-new** (held out, set 1)" in text


def test_each_held_out_set_has_its_own_table(tmp_path):
    texts = _texts(
        tmp_path,
        en_first="Two guards were killed in a clash near Panj on 2 December.",
        en_second="Gunmen fired at a post near Panj on 2 December, the committee said.",
    )
    sets = {"en-first": (1, 2), "en-second": (2, 3)}
    articles = [
        {
            **{"id": name, "lang": "en", "published": "2025-12-04"},
            **{"held_out": True, "held_out_set": n, "incidents": [_at_panj(killed)]},
        }
        for name, (n, killed) in sets.items()
    ]
    scores, _ = run(_facts(tmp_path, articles), texts)
    text = report(scores, [])
    first, second = text.split("## Misses")[0].split("### Held-out set 2")
    assert "| **all** | 1 | 1 | 1 | 100% |" in first.split("### Held-out set 1")[1]
    assert "| **all** | 1 | 1 | 0 | 0% |" in second
    assert "**en-second** (held out, set 2)" in text


def test_a_held_out_sets_first_contact_is_printed_beside_its_score_now(tmp_path):
    texts = _texts(tmp_path, en_first="Two guards were killed in a clash near Panj on 2 December.")
    articles = [
        {
            **{"id": "en-first", "lang": "en", "published": "2025-12-04"},
            **{"held_out": True, "held_out_set": 1, "incidents": [_at_panj(2)]},
        }
    ]
    facts = _facts(tmp_path, articles)
    raw = json.loads(facts.read_text(encoding="utf-8"))
    raw["held_out_first_contact"] = {"1": {"found": 0, "incidents": 1, "rules_since": True}}
    facts.write_text(json.dumps(raw), encoding="utf-8")
    scores, _ = run(facts, texts)
    text = report(scores, [], first_contacts(facts))
    held = text.split("### Held-out set 1")[1].split("## Misses")[0]
    assert "First contact, before any rule was changed for this set: 0 of 1" in held
    assert "This run: 1 of 1 (100%), not an independent figure" in held


def test_a_page_with_no_date_is_given_the_day_of_its_address_and_scored_both_ways(tmp_path):
    text = "Two guards were killed in a clash near Panj on Tuesday."
    texts = _texts(tmp_path, en_addr=text)
    incident = {**_at_panj(2), "date_start": "2025-12-02", "date_end": "2025-12-02"}
    url = "https://news.example/2025/12/04/guards-killed"
    art = {"id": "en-addr", "lang": "en", "url": url, "incidents": [incident]}
    art |= {"published": "2025-12-04", "published_from": "url"}
    (score,), _ = run(_facts(tmp_path, [art]), texts)
    assert (score.found, score.found_page_only) == (1, 0)  # Tuesday needs the week's date
    assert score.undated_page and score.dated_by_url
    text = report([score], [])
    assert "With the pages' dates only: 0 of 1 found (0%)" in text
    assert "(1 of 1 pages): 1 of 1 (100%)" in text


def test_facts_must_say_where_a_date_came_from_and_not_leave_an_address_unread():
    from bench.ingest_real_facts import published

    url = "https://news.example/20251204/x"
    assert published({"id": "a", "url": url, "published": "2025-12-04", "published_from": "url"})
    assert (
        published(
            {"id": "a", "url": url, "published": "2025-12-04", "published_from": "url"},
            addresses=False,
        )
        is None
    )
    for wrong in (
        {"id": "a", "url": url, "published": None},  # the address holds a day: record it
        {"id": "a", "url": url, "published": "2025-12-05", "published_from": "url"},
        {"id": "a", "url": url, "published": "2025-12-04", "published_from": "guess"},
    ):
        with pytest.raises(ValueError, match=r"^a: "):
            published(wrong)


def test_the_shipped_facts_record_where_every_publication_date_came_from():
    from bench.ingest_real_facts import FACTS, published

    for art in json.loads(FACTS.read_text(encoding="utf-8"))["articles"]:
        published(art)  # raises on an unread address or a date of the wrong day
        assert bool(art.get("published")) == (art.get("published_from") in ("page", "url"))


def test_a_miss_lacking_only_its_date_is_told_apart(tmp_path):
    # No publication date, no year: the place and toll are right, the date cannot be.
    texts = _texts(tmp_path, en_nodate="Two guards were killed in a clash near Panj on Tuesday.")
    art = {"id": "en-nodate", "lang": "en", "published": None, "incidents": [_at_panj(2)]}
    (score,), _ = run(_facts(tmp_path, [art]), texts)
    assert (score.found, score.undated_right) == (0, 1)
    art["incidents"] = [_at_panj(3)]  # another toll: more than the date is wrong
    (score,), _ = run(_facts(tmp_path, [art]), texts)
    assert (score.found, score.undated_right) == (0, 0)


def test_held_out_pages_are_summed_apart_by_whether_they_give_a_date(tmp_path):
    said = "Two guards were killed in a clash near Panj on 2 December."
    texts = _texts(tmp_path, en_dated=said, en_undated=said)
    held = {"held_out": True, "held_out_set": 1, "incidents": [_at_panj(2)]}
    articles = [
        {"id": "en-dated", "lang": "en", "published": "2025-12-04", **held},
        {"id": "en-undated", "lang": "en", "published": None, **held},
    ]
    scores, _ = run(_facts(tmp_path, articles), texts)
    text = report(scores, [])
    assert "All held-out sets together: 1 of 2 found (50%)" in text
    assert "On the 1 pages ingest was given a publication date for: 1 of 1 (100%)" in text
    assert "giving none (no date on the page or in its address): 0 of 1 (0%); of their 1" in text
    assert "misses, 1 have a candidate of the right place and toll" in text
