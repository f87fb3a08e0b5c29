"""The review page's body parts that follow the reviewer's edits (screens/review.py places
them): the summary rebuilt from the corrected facts, the map's context layers, the
editor's own accepts with their Undo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from geo.ingest.review import open_accepts, read_audit, undo_last
from geo.io import read_json
from geo.model import ReferenceKind
from geo.settings import Settings
from geo.store.files import audit_problems
from geo.view import review as view
from geo.view.html import escape_markdown
from geo.vocab import Place, load_gazetteer
from ui import signin


@st.cache_resource(max_entries=4)
def _read(path: str, mtime: float) -> dict[str, Any] | None:
    data, problems = read_json(Path(path))
    return None if problems or not isinstance(data, dict) else data


def references(layers_dir: Path) -> dict[ReferenceKind, dict[str, Any]]:
    """The border and the countries, from the layers folder (as the main map has them)."""
    out = {}
    for kind in (ReferenceKind.BOUNDARIES, ReferenceKind.BORDER):
        path = layers_dir / f"{kind}.geojson"
        if path.is_file():
            data = _read(str(path), path.stat().st_mtime)
            if data is not None:
                out[kind] = data
    return out


def towns() -> list[Place]:
    """The gazetteer's places, named on the map in the main map's tiers when it has no
    tiles (cities first, the rest as the map zooms in)."""
    return list(load_gazetteer().values())


def _auto_key(key: str) -> str:
    return f"_auto-su-{key}"


def follow_summary(key: str) -> None:
    """Before the form: a summary rebuilt on the last run replaces the one shown."""
    pending = st.session_state.pop(f"_pending-su-{key}", None)
    if pending is not None:
        st.session_state[f"su-{key}"] = pending


def summary_now(edited: dict[str, Any], original: str, key: str, clicked: bool) -> dict[str, Any]:
    """The edited candidate with the summary rebuilt from its facts, unless the reviewer
    wrote their own. Shown in the form from the next run (at once, unless a button was
    just clicked: its click must not be lost)."""
    props = edited["properties"]
    auto = view.summary_of(props)
    last = st.session_state.get(_auto_key(key), original)
    if props["summary"] not in (last, original.strip(), last.strip()):
        return edited  # written by the reviewer: kept
    st.session_state[_auto_key(key)] = auto
    if props["summary"] != auto:
        props["summary"] = auto
        st.session_state[f"_pending-su-{key}"] = auto
        if not clicked:
            st.rerun()
    return edited


def editor() -> str:
    """Who edits in this session: the signed-in person, else the session (ui/signin.py)."""
    return signin.audit_name()


def your_accepts(cfg: Settings) -> None:
    """This editor's accepts not yet undone, newest first, each with its Undo: always
    shown, even when the article has no candidate left."""
    if damaged := audit_problems(cfg.layers_dir):
        st.warning("The audit log:\n\n" + "\n\n".join(escape_markdown(str(p)) for p in damaged))
    mine = open_accepts(read_audit(cfg.layers_dir), editor())
    if not mine:
        return
    with st.expander(f"Your accepts ({len(mine)}): undo", expanded=True):
        for entry in mine[:10]:
            fid = str(entry["feature_id"])
            left, right = st.columns([4, 1], vertical_alignment="center")
            left.markdown(escape_markdown(f"{fid} into {entry['layer']} ({entry['time']})"))
            if right.button("Undo", key=f"undo-{fid}"):
                out = undo_last(cfg.layers_dir, cfg.seeds_dir, who=editor(), feature_id=fid)
                message = "; ".join(str(p) for p in out.problems) or f"Took {fid} out again."
                st.session_state.flash = message
                st.rerun()
