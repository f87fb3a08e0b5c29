"""Review page: paste or upload an article, check the proposed events, accept or reject each.

Runs under `st.navigation` (registered by app.py only when ATLAS_EDIT=1) and on its own
(`AppTest.from_file("screens/review.py")`). Nothing is written without a click on Accept.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from typing import Any

import streamlit as st
import streamlit_folium

from geo import settings
from geo.access import Door, Guesses, Verdict, check_token, describe_client
from geo.ingest import propose, read_article
from geo.ingest.budget import TooLong
from geo.ingest.dateline import date_in_url
from geo.ingest.edit import Edits, apply_edits, nearest_place
from geo.ingest.lang import LANGS
from geo.ingest.review import (
    ArticleMeta,
    accept,
    article_sha,
    existing_article,
)
from geo.ingest.upload import decode_article
from geo.model import EventType, Status
from geo.seeds import MAX_URL, web_address
from geo.view import review as view
from geo.view.html import escape_markdown
from geo.vocab import load_actors, load_places
from ui import review_parts as parts
from ui import signin

DOC = "pasted.txt"  # a placeholder: accepted articles get a generated name under seeds/
STATUSES = [str(s) for s in Status if s != Status.PROPOSED]
PRECISIONS = ["day", "week", "month", "year", "unknown"]
# Streamlit's date picker otherwise allows only ten years either side of today.
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
# What a reviewer facing a closed page can do (#25: the start command said neither).
WAYS_OUT = (
    "Two ways to edit: **on this machine only**, start the app bound to it "
    "(`ATLAS_EDIT=1 bash scripts/start.sh --server.address 127.0.0.1`) and open "
    "http://localhost:8501/review; or, **for others too**, set `ATLAS_EDIT_TOKEN` (or set "
    "up sign-in, README 'Editors sign in') and restart."
)


def gate(cfg: settings.Settings) -> bool:
    """Whether this session may use the page: at this machine, a signed-in editor, or
    (no sign-in set up) whoever gives the token; see geo/access.py's `Door`."""
    here = signin.session(cfg)
    if here.door == Door.OFF:
        st.error("Editing is switched off. Start the app with ATLAS_EDIT=1 to review articles.")
        return False
    if here.door in (Door.LOCAL, Door.EDITOR):
        if here.person is not None:
            signin.signed_in_as(here.person, "review", " · accepts are recorded under this name")
        return True
    if not here.door.has_page:  # run on its own: app.py never registers it for them
        st.error("Only this atlas's editors, signed in, may review articles here.")
        return False
    why = escape_markdown("; ".join(here.reasons))
    if here.door == Door.CLOSED:
        st.error(f"Nobody can edit here: {_closed(cfg)}, and {why}.\n\n{WAYS_OUT}")
        return False
    given = st.text_input("Editor token", type="password", key="edit_token", help=why)
    guesses = st.session_state.setdefault("edit_guesses", Guesses())
    headers = dict(st.context.headers.items())
    ip = st.context.ip_address if isinstance(st.context.ip_address, str) else None
    verdict = check_token(cfg, given, guesses, time.monotonic(), describe_client(headers, ip))
    return _said(verdict)


def _closed(cfg: settings.Settings) -> str:
    """Why nobody can edit beyond localhost: no token, or editors listed with no sign-in."""
    if cfg.editors or cfg.editor_groups:
        return (
            "editors are listed (ATLAS_EDITORS / ATLAS_EDITOR_GROUPS) but sign-in is not set "
            "up (no [auth] section in .streamlit/secrets.toml)"
        )
    return "ATLAS_EDIT_TOKEN is not set"


def _said(verdict: Verdict) -> bool:
    """Whether the token let the editor in; otherwise what they are told."""
    seconds = math.ceil(verdict.seconds)
    if verdict.outcome == "wrong":
        wait = f" Wait {seconds} s before the next try." if seconds else ""
        st.error(f"That token is not right.{wait}")
    elif verdict.outcome == "wait":
        st.warning(f"Too many wrong tokens: wait {seconds} s (this one was not checked).")
    elif verdict.outcome == "locked":
        st.error("Too many wrong tokens: this session may not try again. Ask for the token.")
    return verdict.outcome == "ok"


def article_text() -> str | None:
    """The article pasted or uploaded, or None (with a message when the upload is refused)."""
    pasted = st.text_area("Article text (paste)", key="article_text", height=200)
    # No `type=`: Streamlit would raise on a file name it dislikes (a NUL, a right-to-left
    # override hiding the extension) before this code runs. The name is never read; the
    # bytes decide. 1 MB: Streamlit's count (1,000,000 bytes), the same as decode_article's.
    upload = st.file_uploader(
        "…or upload a .txt file (UTF-8 or UTF-16, at most 1 MB and "
        f"{settings.from_env().max_article_chars:,} characters)",
        max_upload_size=1,
    )
    if upload is not None:
        text, problem = decode_article(upload.getvalue())
        if text is None:
            st.error(f"Upload refused: {problem}")
            return None
        if problem:
            st.info(problem)  # read as UTF-16: say so
        return text
    if pasted.strip():
        text, problem = decode_article(pasted.encode("utf-8"))
        if text is None:
            st.error(f"Text refused: {problem}")
        return text
    return None


def reading(text: str) -> tuple[str, dt.date | None, str | None, str | None]:
    """Language, publication date (pre-filled from what the text shows, else from the
    article's address), outlet and web address."""
    guess = read_article(text, DOC)
    sha = article_sha(text)[:12]
    url = address_field(sha)
    from_url = None if guess.published else date_in_url(url)
    cols = st.columns(3)
    lang = cols[0].selectbox("Language", LANGS, index=LANGS.index(guess.lang), key=f"lang-{sha}")
    published = cols[1].date_input(
        "Publication date",
        value=guess.published or from_url,
        key=f"pub-{sha}-{from_url}",  # a new address with a new day fills it anew
        format="YYYY-MM-DD",
        min_value=EARLIEST,
        max_value=LATEST,
    )
    outlet = cols[2].text_input(
        "Outlet", key=f"outlet-{sha}", max_chars=200, placeholder="e.g. Radio Ozodi"
    )
    note = f"from the article's address ({from_url})" if from_url else guess.published_note
    st.caption(escape_markdown(f"Publication date: {note}."))
    day = published if isinstance(published, dt.date) else None
    return lang, day, " ".join(outlet.split()) or None, url


def address_field(sha: str) -> str | None:
    """The article's web address, if the reviewer gives one that is a plain http(s)
    address (shown as a link beside the source); anything else is said and not kept."""
    raw = st.text_input(
        "Address (URL)",
        key=f"url-{sha}",
        max_chars=MAX_URL,
        placeholder="https://… where the article was published (optional)",
    )
    url = web_address(raw)
    if raw.strip() and url is None:
        st.warning("That is not an http or https address: it will not be kept.")
    return url


def candidates(
    text: str, lang: str, published: dt.date | None, budget_s: float
) -> list[dict[str, Any]] | None:
    """The proposed events, kept for this article, language and date; None (said why)
    when reading it ran past the time budget."""
    key = ("candidates", article_sha(text), lang, published)
    if st.session_state.get("candidates_key") != key:
        try:
            found = propose(text, DOC, lang, published, budget_s=budget_s)["features"]
        except TooLong as exc:
            st.error(escape_markdown(str(exc)))
            return None
        st.session_state.candidates_key = key
        st.session_state.candidates = found
        st.session_state.rejected = set()
    return st.session_state.candidates


def _opt_date(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else None


def _date_fields(p: dict[str, Any], key: str) -> dict[str, Any]:
    cols = st.columns(3)
    span = {"min_value": EARLIEST, "max_value": LATEST, "format": "YYYY-MM-DD"}
    start = cols[0].date_input("Date start", _parse(p["date_start"]), key=f"ds-{key}", **span)
    end = cols[1].date_input("Date end", _parse(p["date_end"]), key=f"de-{key}", **span)
    precision = cols[2].selectbox(
        "Date precision", PRECISIONS, index=PRECISIONS.index(p["date_precision"]), key=f"dp-{key}"
    )
    date_text = st.text_input("Date as the source words it", p["date_text"] or "", key=f"dt-{key}")
    return {
        "date_start": _opt_date(start),
        "date_end": _opt_date(end),
        "date_precision": precision,
        "date_text": date_text,
    }


def _parse(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _place_fields(p: dict[str, Any], key: str) -> dict[str, Any]:
    places = load_places()
    ids = ["", *sorted(places, key=lambda i: places[i].names["en"])]
    clicked = st.session_state.get(f"clicked-{key}")
    current = clicked or p["place_id"] or ""
    place_id = st.selectbox(
        "Place (gazetteer)",
        ids,
        index=ids.index(current) if current in ids else 0,
        format_func=lambda i: view.place_label(places[i]) if i else "— not stated —",
        key=f"pl-{key}",
    )
    precision = st.selectbox(
        "Place precision",
        [1, 2, 3],
        index=[1, 2, 3].index(p["geo_precision"] or 1),
        key=f"gp-{key}",
    )
    note = st.text_input("How the place was chosen", p["location_note"] or "", key=f"ln-{key}")
    return {"place_id": place_id or None, "geo_precision": precision, "location_note": note}


def _what_fields(p: dict[str, Any], key: str) -> dict[str, Any]:
    types = [""] + [str(t) for t in EventType]
    actors = sorted(load_actors())
    cols = st.columns(2)
    return {
        "title": st.text_input("Title (English)", p["title"], key=f"ti-{key}"),
        "summary": st.text_area("Summary (English)", p["summary"], key=f"su-{key}"),
        "event_type": st.selectbox(
            "Event type", types, index=types.index(p["event_type"] or ""), key=f"et-{key}"
        )
        or None,
        "actors": st.multiselect(
            "Actors", actors, default=[a for a in p["actors"] if a in actors], key=f"ac-{key}"
        ),
        "fatalities": cols[0].number_input(
            "Killed", min_value=0, value=p["fatalities"], step=1, key=f"fa-{key}"
        ),
        "injured": cols[1].number_input(
            "Injured", min_value=0, value=p["injured"], step=1, key=f"in-{key}"
        ),
        "translation": st.text_area(
            "English translation of the excerpt", p["sources"][0]["translation"], key=f"tr-{key}"
        ),
        "status": st.selectbox("Status once accepted", STATUSES, key=f"st-{key}"),
    }


def edit_form(feature: dict[str, Any], key: str) -> Edits:
    """Every field of the candidate, editable; returns the reviewer's values."""
    p = feature["properties"]
    values = {**_what_fields(p, key), **_date_fields(p, key), **_place_fields(p, key)}
    for name in ("fatalities", "injured"):
        values[name] = None if values[name] is None else int(values[name])
    return Edits(**values)


def pick_on_map(
    features: list[dict[str, Any]], selected: int, key: str, cfg: settings.Settings
) -> None:
    """The candidates on a small map (the main map's countries, border and towns); a click
    picks the nearest gazetteer place."""
    refs = parts.references(cfg.layers_dir)
    out = streamlit_folium.st_folium(
        view.candidates_map(features, selected, cfg.tiles, refs, parts.towns()),
        height=320,
        key=f"map-{key}",
        returned_objects=["last_clicked"],
    )
    clicked = (out or {}).get("last_clicked")
    place = nearest_place(clicked["lng"], clicked["lat"], load_places()) if clicked else None
    if place is not None and st.session_state.get(f"clicked-{key}") != place.id:
        st.session_state[f"clicked-{key}"] = place.id
        st.session_state.pop(f"pl-{key}", None)  # let the picker take the clicked place
        st.rerun()


def layer_choice(cfg: settings.Settings) -> str:
    """An existing event layer, or a new one by name."""
    names = sorted(
        p.stem for p in cfg.layers_dir.glob("*.geojson") if p.stem not in ("border", "boundaries")
    )
    options = [*names, "(new layer)"]
    first = options.index("incidents") if "incidents" in options else 0
    choice = st.selectbox("Accept into layer", options, index=first, key="layer")
    if choice == "(new layer)":
        return st.text_input("New layer name (a-z, 0-9, - and _)", key="new_layer").strip()
    return choice


def decide(
    cfg: settings.Settings, text: str, meta: ArticleMeta, feature: dict[str, Any], index: int
) -> None:
    """Accept or reject buttons, and what came of the click."""
    layer = layer_choice(cfg)
    cols = st.columns(2)
    if cols[0].button("Accept", type="primary", key=f"accept-{index}"):
        out = accept(feature, text, meta, layer, cfg.layers_dir, cfg.seeds_dir, who=parts.editor())
        if out.problems:
            st.error(
                "Not accepted; nothing was written:\n\n"
                + "\n\n".join(escape_markdown(str(p)) for p in out.problems)
            )
        else:
            st.session_state.rejected.add(index)
            st.success(
                escape_markdown(f"Accepted as {out.feature_id} into {layer}; article {out.doc}.")
            )
    if cols[1].button("Reject", key=f"reject-{index}"):
        st.session_state.rejected.add(index)
        st.rerun()


def main() -> None:
    """The review page."""
    cfg = settings.from_env()
    signin.away_unless_editing(cfg)  # before anything is drawn
    st.title("Review an article")
    if not gate(cfg):
        return
    if flash := st.session_state.pop("flash", None):
        st.success(escape_markdown(flash))
    parts.your_accepts(cfg)
    text = article_text()
    if text is None:
        return
    if seen := existing_article(text, cfg.seeds_dir):
        st.info(
            escape_markdown(f"This article is already in seeds/ as {seen}; accepting reuses it.")
        )
    lang, published, outlet, url = reading(text)
    meta = ArticleMeta(lang, published.isoformat() if published else None, outlet, url=url)
    features = candidates(text, lang, published, cfg.max_ingest_seconds)
    if features is not None:
        review_candidate(cfg, text, meta, features)


def review_candidate(
    cfg: settings.Settings, text: str, meta: ArticleMeta, features: list[dict[str, Any]]
) -> None:
    """The chosen candidate: its facts in the article's words, the map, the corrections,
    what Accept would write, and the decision."""
    open_ones = [i for i in range(len(features)) if i not in st.session_state.rejected]
    if not open_ones:
        st.write("No candidate events left in this article.")
        return
    index = st.radio(
        "Candidates",
        open_ones,
        key="candidate",
        format_func=lambda i: escape_markdown(view.candidate_label(i, features[i])),
    )
    key = f"{article_sha(text)[:12]}-{index}"
    parts.follow_summary(key)  # before the form: the summary follows corrected facts
    st.html(view.candidate_facts(features[index], text))
    st.html(view.highlighted_article(text, features[index]))
    pick_on_map(features, index, key, cfg)
    edited = apply_edits(features[index], edit_form(features[index], key), load_places())
    edited = view.reback(edited, text, load_places())  # corrected facts keep their words
    original = features[index]["properties"]["summary"]
    clicked = bool(st.session_state.get(f"accept-{index}"))
    edited = parts.summary_now(edited, original, key, clicked)
    st.html(view.what_accept_writes(edited))
    decide(cfg, text, meta, edited, index)


main()
