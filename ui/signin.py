"""Editors' sign-in with OpenID Connect (`st.login`): which door this session has to the
review page, the sign-in box in the sidebar, and the name the audit log records.

The rules are in geo/access.py (`door`); this module only reads what Streamlit knows of
the session (its request headers, `st.user`, `st.secrets`) and places the buttons.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitAPIException, StreamlitAuthError

from geo import settings
from geo.access import Door, Identity, door, identity_from_claims, remote_reasons
from geo.view.html import escape_markdown

LOG = logging.getLogger("atlas.access")


@dataclass(frozen=True)
class Session:
    """What decides this session's door, and the door itself."""

    door: Door
    reasons: list[str]  # why the request may come from another machine (empty: local)
    person: Identity | None  # who signed in, if anyone


def _auth_section() -> Mapping[str, Any] | None:
    """The [auth] section of .streamlit/secrets.toml, or None when there is none."""
    try:
        section = st.secrets.get("auth")
    except FileNotFoundError:  # no secrets file at all (Streamlit's own error subclasses it)
        return None
    return section if isinstance(section, Mapping) and section else None


def providers() -> list[str | None]:
    """The providers configured: None for the default ([auth] itself holds `client_id`),
    and the name of each [auth.<name>] section that does."""
    section = _auth_section() or {}
    named = [str(k) for k, v in section.items() if isinstance(v, Mapping) and "client_id" in v]
    return [None, *named] if "client_id" in section else named


def request_reasons() -> list[str]:
    """Why this session's request may come from another machine (empty: provably local)."""
    headers = dict(st.context.headers.items())
    ip = st.context.ip_address if isinstance(st.context.ip_address, str) else None
    return remote_reasons(st.get_option("server.address"), headers, ip)


def session(cfg: settings.Settings) -> Session:
    """This session's door to the review page."""
    person = identity_from_claims(st.user.to_dict(), cfg.group_claim)
    reasons = request_reasons()
    found = door(cfg, reasons, bool(providers()), person, time.time())
    if found == Door.STRANGER and person and not st.session_state.get("_stranger_logged"):
        st.session_state["_stranger_logged"] = True
        LOG.warning("signed in but not an editor: %r (no review page)", person.who[:200])
    return Session(found, reasons, person)


def away_unless_editing(cfg: settings.Settings) -> None:
    """Send a session that may not edit from the review page to the map.

    app.py never lists the page for such a session, and the page lives in `screens/`, not
    `pages/` (a `pages/` folder beside app.py puts Streamlit in its old multipage mode,
    which ran the script directly when it was the first page a fresh server was asked
    for). The page still looks again before drawing anything, should it ever be run some
    other way. Run on its own (AppTest) there is no map to go to, and the gate says why.
    """
    if session(cfg).door.has_page:
        return
    try:
        st.switch_page("app.py")
    except StreamlitAPIException:  # no app.py among the pages: the page runs on its own
        return


def audit_name() -> str:
    """Who edits in this session, as the audit log records it: the signed-in person's
    e-mail (or subject), else this session's own id. Undo takes back only theirs."""
    cfg = settings.from_env()
    person = identity_from_claims(st.user.to_dict(), cfg.group_claim)
    if person is not None:
        return person.who
    if "editor" not in st.session_state:
        st.session_state.editor = f"session:{uuid.uuid4().hex[:12]}"
    return str(st.session_state.editor)


def _login(provider: str | None) -> None:
    try:
        st.login(provider)
    except StreamlitAuthError as exc:  # secrets.toml's [auth] misses a setting
        st.session_state["_signin_error"] = str(exc)


def sign_in_buttons(label: str = "Editor sign-in") -> None:
    """One sign-in button per configured provider."""
    if problem := st.session_state.pop("_signin_error", None):
        st.error(escape_markdown(f"Sign-in is not set up right: {problem}"))
    for provider in providers():
        text = label if provider is None else f"{label} ({provider})"
        key = f"signin-{provider or 'default'}"
        st.button(escape_markdown(text), key=key, on_click=_login, args=(provider,))


def signed_in_as(person: Identity, key: str, note: str = "") -> None:
    """'Signed in as …' and the sign-out button, on one line where it fits."""
    row = st.container(horizontal=True, vertical_alignment="center", key=f"signed-in-{key}")
    row.markdown(f"Signed in as {_named(person)}{note}")
    row.button("Sign out", key=f"signout-{key}", on_click=st.logout)


def _named(person: Identity) -> str:
    """**Name** `address` (in code: Markdown would make the address a mailto link)."""
    who = "`" + person.who.replace("`", "'") + "`"
    name = person.name if person.name and person.name.lower() != person.who else ""
    return f"**{escape_markdown(name)}** {who}" if name else who


def sidebar_box(here: Session) -> None:
    """The sidebar's sign-in part: a button for editors to sign in, or who is signed in."""
    if here.door == Door.SIGN_IN:
        st.sidebar.divider()
        st.sidebar.caption("Editors of this atlas sign in to review articles.")
        with st.sidebar:
            sign_in_buttons()
    elif here.person is not None and here.door != Door.OFF:
        st.sidebar.divider()
        with st.sidebar:
            signed_in_as(here.person, "sidebar", _note(here.door))
            if here.door == Door.STALE:
                sign_in_buttons("Sign in again")


def _note(kind: Door) -> str:
    if kind == Door.STRANGER:
        return ": not one of this atlas's editors, so there is nothing to edit here."
    if kind == Door.STALE:
        return ": that sign-in is too old to edit with; sign in again."
    return ""
