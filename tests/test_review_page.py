"""The review page through AppTest: who sees it, paste, accept, reject, bad uploads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.context import load_context
from geo.ingest.review import LOCK_NAME
from geo.layers import load_catalog
from geo.view.html import escape_markdown
from tests.helpers.apptest import html_blocks, map_event_ids, run_app
from tests.helpers.data import ROOT, read_layer

PAGE = str(ROOT / "screens" / "review.py")
ARTICLE = (ROOT / "tests" / "fixtures" / "ingest" / "russian_two_incidents.txt").read_text(
    encoding="utf-8"
)


@pytest.fixture
def dirs(edit_dirs: tuple[Path, Path]) -> tuple[Path, Path]:
    return edit_dirs


def _files(*dirs: Path) -> dict[str, bytes]:
    """Every data file's bytes (the empty lock file an accept leaves is not data)."""
    return {
        f"{d.name}/{p.name}": p.read_bytes()
        for d in dirs
        for p in d.iterdir()
        if p.is_file() and p.name != LOCK_NAME
    }


def _page() -> AppTest:
    return AppTest.from_file(PAGE, default_timeout=60).run()


def _paste(at: AppTest, text: str) -> AppTest:
    return at.text_area(key="article_text").input(text).run()


def _translate(at: AppTest, words: str) -> AppTest:
    key = next(t.key for t in at.text_area if t.key and t.key.startswith("tr-"))
    return at.text_area(key=key).input(words).run()


def test_page_is_off_unless_editing_is_on(dirs, local_server, monkeypatch):
    monkeypatch.setenv("ATLAS_EDIT", "0")
    at = _page()
    assert "switched off" in at.error[0].value
    assert not at.text_area


def test_token_is_asked_for_beyond_localhost(dirs, monkeypatch):
    monkeypatch.setenv("ATLAS_EDIT_TOKEN", "s3cret")
    at = _page()  # server.address unset: Streamlit listens on every interface
    assert at.text_input(key="edit_token") and not at.text_area
    at = at.text_input(key="edit_token").input("wrong").run()
    assert "not right" in at.error[0].value and not at.text_area
    at = at.text_input(key="edit_token").input("s3cret").run()
    assert at.text_area(key="article_text")


def test_paste_then_accept_writes_one_valid_feature(dirs, local_server):
    layers, seeds = dirs
    before = read_layer(layers / "incidents.geojson")["features"]
    at = _paste(_page(), ARTICLE)
    assert len(at.radio(key="candidate").options) == 2
    assert at.selectbox(key="layer").value == "incidents"
    at = _translate(at, "On 30 November a firefight near Panj killed two intruders.")
    at = at.button(key="accept-0").click().run()
    assert not at.error and "Accepted as" in at.success[0].value
    after = read_layer(layers / "incidents.geojson")["features"]
    assert after[:-1] == before and len(after) == len(before) + 1
    added = after[-1]["properties"]
    assert (added["date_start"], added["place_id"], added["fatalities"]) == (
        "2025-11-30",
        "panj",
        2,
    )
    assert load_catalog(layers, load_context(seeds)).problems == []
    # AppTest keeps the radio of the run before st.rerun(); one more run shows the list now.
    assert at.run().radio(key="candidate").options == [
        at.radio(key="candidate").options[0]
    ] and at.radio(key="candidate").options[0].startswith("2")


def test_reject_writes_nothing(dirs, local_server):
    layers, seeds = dirs
    before = _files(layers, seeds)
    at = _paste(_page(), ARTICLE)
    at = at.button(key="reject-0").click().run().run()
    (left,) = at.radio(key="candidate").options
    assert left.startswith("2")
    assert _files(layers, seeds) == before


def test_accept_without_translation_says_why_and_writes_nothing(dirs, local_server):
    layers, seeds = dirs
    before = _files(layers, seeds)
    at = _paste(_page(), ARTICLE).button(key="accept-0").click().run()
    assert "nothing was written" in at.error[0].value
    assert _files(layers, seeds) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"x" * (1024 * 1024 + 1), "larger than 1 MB"),
        ("Граница".encode("cp1251"), "not UTF-8"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", "binary"),
    ],
)
def test_bad_uploads_are_refused_and_write_nothing(dirs, local_server, content, message):
    layers, seeds = dirs
    before = _files(layers, seeds)
    at = _page()
    at.file_uploader[0].set_value(("../../../etc/evil.txt", content, "text/plain"))
    at = at.run()
    assert message in at.error[0].value and not at.radio
    assert _files(layers, seeds) == before


def test_markup_in_text_is_shown_as_text(dirs, local_server):
    text = ARTICLE.replace("30 ноября", "<img src=x onerror=alert(1)> 30 ноября")
    at = _paste(_page(), text)
    page = "".join(html_blocks(at))
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "<img" not in page


def test_an_article_already_in_seeds_is_recognised(dirs, local_server):
    _layers, seeds = dirs
    seed = (seeds / "000_f906aba1f3052e08.txt").read_text(encoding="utf-8")
    at = _paste(_page(), seed)
    assert any("000_f906aba1f3052e08" in i.value.replace("\\", "") for i in at.info)


def test_accepted_event_is_on_the_map_with_its_source_panel(dirs, local_server):
    layers, _seeds = dirs
    at = _translate(_paste(_page(), ARTICLE), "On 30 November a firefight near Panj.")
    at.button(key="accept-0").click().run()
    added = read_layer(layers / "incidents.geojson")["features"][-1]["properties"]
    app = run_app(event=added["id"])  # the dashboard, reading the same temporary directories
    assert not app.exception
    assert added["id"] in map_event_ids(app)
    panel = "".join(html_blocks(app))
    assert "30 ноября" in panel and "On 30 November a firefight near Panj." in panel


def test_uploaded_file_name_never_reaches_the_file_system(dirs, local_server):
    layers, seeds = dirs
    at = _page()
    at.file_uploader[0].set_value(("../../evil name.txt", ARTICLE.encode("utf-8"), "text/plain"))
    at = _translate(at.run(), "On 30 November a firefight near Panj.")
    at.button(key="accept-0").click().run()
    new = sorted(p.name for p in seeds.glob("*.txt"))[-1]
    assert new.startswith("005_") and "evil" not in new
    assert not any("evil" in p.name for p in layers.parent.rglob("*"))


def test_undo_stays_at_hand_after_the_last_candidate_and_is_yours_alone(dirs, local_server):
    layers, _ = dirs
    before = read_layer(layers / "incidents.geojson")["features"]
    at = _paste(_page(), ARTICLE)
    for _ in range(2):  # accept both candidates: none is left in the article
        at = _translate(at, "A firefight near the border.")
        at = at.button(key=next(b.key for b in at.button if b.key.startswith("accept-"))).click()
        at = at.run().run()
    assert "No candidate events left" in " ".join(m.value for m in at.markdown)
    added = read_layer(layers / "incidents.geojson")["features"][len(before) :]
    assert len(added) == 2
    ids = [f["properties"]["id"] for f in added]
    # Another editor (another session) has nothing of theirs to undo.
    other = _paste(_page(), ARTICLE)
    assert not [b for b in other.button if b.key and b.key.startswith("undo-")]
    # This editor undoes the newest; the older stays.
    at = at.button(key=f"undo-{ids[1]}").click().run()
    assert escape_markdown(f"Took {ids[1]} out again") in at.success[0].value
    now = [f["properties"]["id"] for f in read_layer(layers / "incidents.geojson")["features"]]
    assert ids[0] in now and ids[1] not in now


UNDATED = (
    "Пограничники Таджикистана задержали в районе Панджа двух нарушителей границы. "
    "По данным ведомства, в перестрелке 30 ноября погибли двое нарушителей."
)


def test_the_address_dates_an_undated_article_and_is_kept_as_a_link(dirs, local_server):
    """An article whose text gives no publication date: the day in its address fills the
    date (said so), the address is written with the article and shown as a link."""
    _layers, seeds = dirs
    at = _paste(_page(), UNDATED)
    sha = next(t.key for t in at.text_input if t.key and t.key.startswith("url-"))
    assert not any(d.value for d in at.date_input if d.key and d.key.startswith("pub-"))
    at = at.text_input(key=sha).input("https://news.example.tj/ru/2025/12/01/granitsa").run()
    (published,) = [d for d in at.date_input if d.key and d.key.startswith("pub-")]
    assert str(published.value) == "2025-12-01"
    said = escape_markdown("from the article's address (2025-12-01)")
    assert any(said in c.value for c in at.caption), [c.value for c in at.caption]
    at = _translate(at, "On 30 November a firefight near Panj killed two intruders.")
    at = at.button(key="accept-0").click().run()
    assert not at.error and "Accepted as" in at.success[0].value
    entry = json.loads((seeds / "sources.json").read_text(encoding="utf-8"))["sources"][-1]
    assert entry["url"] == "https://news.example.tj/ru/2025/12/01/granitsa"
    assert entry["published"] == "2025-12-01"
    added = read_layer(dirs[0] / "incidents.geojson")["features"][-1]["properties"]
    panel = "".join(html_blocks(run_app(event=added["id"])))
    assert 'href="https://news.example.tj/ru/2025/12/01/granitsa"' in panel
    assert 'rel="noopener noreferrer nofollow"' in panel


@pytest.mark.parametrize(
    "typed",
    ["javascript:alert(1)", "news.example.tj/2025/12/01", 'https://x.tj/"><b>x</b>',
     "https://trusted.tj@evil.example/2025/12/01/"],
)  # fmt: skip
def test_an_address_that_is_not_a_web_address_is_said_and_not_kept(dirs, local_server, typed):
    _layers, seeds = dirs
    at = _paste(_page(), UNDATED)
    key = next(t.key for t in at.text_input if t.key and t.key.startswith("url-"))
    at = at.text_input(key=key).input(typed).run()
    assert any("not an http or https address" in w.value for w in at.warning)
    assert not any(d.value for d in at.date_input if d.key and d.key.startswith("pub-"))
    at = _translate(at, "A firefight near Panj.").button(key="accept-0").click().run()
    entry = json.loads((seeds / "sources.json").read_text(encoding="utf-8"))["sources"][-1]
    assert entry["url"] is None
