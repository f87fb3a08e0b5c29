"""Who may edit: the review page exists only when editing is on; beyond this machine
only for an editor signed in with OpenID Connect (`Door`), or, on a small set-up with no
sign-in configured, for whoever gives the shared token.

Provably local means all of: the server listens on loopback only, the request carries no
proxy header (a reverse proxy or port forward on this machine would otherwise make every
visitor look local), its Host and Origin name this machine, and the peer is loopback.
Wrong tokens are slowed per session (a wait that doubles with each failure, then a
lockout) and logged, never with the guess itself.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from geo.settings import Settings

LOG = logging.getLogger("atlas.access")
# Addresses that only this machine can reach. Streamlit's default (unset) listens on all.
LOCAL_ADDRESSES = frozenset({"localhost", "127.0.0.1", "::1"})
# Headers a proxy adds (any X-Forwarded-* counts too): their presence means the request
# came through something that may serve other machines.
PROXY_HEADERS = frozenset(
    {"forwarded", "x-forwarded-for", "x-real-ip", "via", "x-client-ip", "true-client-ip",
     "cf-connecting-ip", "fastly-client-ip", "x-cluster-client-ip", "x-original-forwarded-for"}
)  # fmt: skip
FREE_TRIES = 2  # wrong tokens a session may type with no wait (a typo, a second look)
FIRST_WAIT_S = 1.0  # after the next wrong one; doubles with each further one
MAX_WAIT_S = 300.0
LOCKOUT_AFTER = 10  # wrong tokens in one session; then it is locked out


def _loopback_host(host: str) -> bool:
    host = host.strip().lower().strip("[]")
    if host in ("localhost", "") or host.endswith(".localhost"):
        return host != ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)  # ::ffff:127.0.0.1
    return bool((mapped or address).is_loopback)


def _host_of(value: str) -> str:
    """The host of a Host header (`name:port`, `[::1]:8501`) or an Origin URL."""
    if "://" in value:
        return urlsplit(value).hostname or ""
    found = re.fullmatch(r"\s*(\[[^\]]*\]|[^:]*)(:\d*)?\s*", value)
    return found[1] if found else value


def remote_reasons(
    server_address: str | None,
    headers: Mapping[str, str] | None = None,
    remote_ip: str | None = None,
) -> list[str]:
    """Why this request may come from another machine (empty: provably local)."""
    reasons = []
    if not _loopback_host(server_address or ""):
        reasons.append("the server listens beyond localhost")
    named = {k.lower(): v for k, v in (headers or {}).items()}
    proxied = sorted(k for k in named if k in PROXY_HEADERS or k.startswith("x-forwarded-"))
    if proxied:
        reasons.append("the request came through a proxy (" + ", ".join(proxied) + ")")
    for key in ("host", "origin"):
        if named.get(key) and not _loopback_host(_host_of(named[key])):
            reasons.append(f"the page was opened as {_host_of(named[key])!r}, not localhost")
    if remote_ip and not _loopback_host(remote_ip):
        reasons.append(f"the connection comes from {remote_ip}")
    return reasons


def token_required(
    server_address: str | None,
    headers: Mapping[str, str] | None = None,
    remote_ip: str | None = None,
) -> bool:
    """Whether an editor must prove who they are: the request is not provably local."""
    return bool(remote_reasons(server_address, headers, remote_ip))


def token_matches(settings: Settings, token_given: str | None) -> bool:
    """The token given equals ATLAS_EDIT_TOKEN (constant time); never with none set."""
    if not settings.edit_token or not token_given:
        return False  # beyond localhost with no token configured, nobody edits
    return hmac.compare_digest(token_given.encode("utf-8"), settings.edit_token.encode("utf-8"))


def editing_allowed(
    settings: Settings,
    server_address: str | None,
    token_given: str | None,
    headers: Mapping[str, str] | None = None,
    remote_ip: str | None = None,
) -> bool:
    """Whether this request may write: editing on, and the right token when not local."""
    if not settings.edit:
        return False
    if not token_required(server_address, headers, remote_ip):
        return True
    return token_matches(settings, token_given)


@dataclass
class Guesses:
    """The wrong tokens one session has tried: how many, and until when it must wait.

    Only a digest of the last token checked is kept (so a rerun with the same text in the
    box is not counted again), never the token itself.
    """

    failures: int = 0
    wait_until: float = 0.0
    last_digest: str = ""
    last_ok: bool = False


@dataclass(frozen=True)
class Verdict:
    """What came of a token: `ok`, `wrong`, `wait` (seconds left), `locked`, `unset`, `empty`."""

    outcome: str
    seconds: float = 0.0


def wait_after(failures: int) -> float:
    """Seconds a session waits after its n-th wrong token: none for the first FREE_TRIES,
    then 1, 2, 4, … up to MAX_WAIT_S."""
    extra = failures - FREE_TRIES
    return min(FIRST_WAIT_S * 2 ** (extra - 1), MAX_WAIT_S) if extra > 0 else 0.0


def describe_client(headers: Mapping[str, str] | None, remote_ip: str | None) -> str:
    """Where a request came from, for the log: the peer and what a proxy said of it."""
    named = {k.lower(): v for k, v in (headers or {}).items()}
    parts = [f"peer {remote_ip or 'localhost'}"]
    for key in ("x-forwarded-for", "forwarded", "x-real-ip"):
        if named.get(key):
            parts.append(f"{key} {named[key][:100]!r}")  # repr: no line breaks in the log
    return ", ".join(parts)


def check_token(
    settings: Settings, given: str | None, guesses: Guesses, now: float, who: str = "a session"
) -> Verdict:
    """Check one session's token, slowing and logging wrong ones (never the token)."""
    if not settings.edit_token:
        return Verdict("unset")
    if not given:
        return Verdict("empty")
    digest = hashlib.sha256(given.encode("utf-8")).hexdigest()
    if digest == guesses.last_digest and guesses.last_ok:
        return Verdict("ok")
    if guesses.failures >= LOCKOUT_AFTER:
        return Verdict("locked")
    if digest == guesses.last_digest:
        return Verdict("wrong")  # the same text still in the box: not a new guess
    if now < guesses.wait_until:
        return Verdict("wait", guesses.wait_until - now)  # not compared, not counted
    guesses.last_digest, guesses.last_ok = digest, token_matches(settings, given)
    if guesses.last_ok:
        guesses.failures, guesses.wait_until = 0, 0.0
        return Verdict("ok")
    return _wrong(guesses, now, who)


def _wrong(guesses: Guesses, now: float, who: str) -> Verdict:
    guesses.failures += 1
    wait = wait_after(guesses.failures)
    guesses.wait_until = now + wait
    if guesses.failures >= LOCKOUT_AFTER:
        LOG.warning("editor token refused for %s: %d wrong; locked out", who, guesses.failures)
        return Verdict("locked")
    then = f"next try in {wait:.0f} s" if wait else "may try again at once"
    LOG.warning("editor token refused for %s: %d wrong; %s", who, guesses.failures, then)
    return Verdict("wrong", wait)


# --- sign-in (OpenID Connect through Streamlit's st.login) -----------------------------
# Beyond localhost a team's editors sign in as themselves; the token stays for small
# set-ups with no sign-in configured. Claims come from the ID token the provider signed
# (Streamlit checks it and keeps it in a signed cookie): trusted as the provider's word,
# but still bounded and shown escaped.


class Door(StrEnum):
    """How one session may reach the review page."""

    OFF = "off"  # editing is switched off: no page for anyone
    LOCAL = "local"  # provably local: the page, nothing asked
    EDITOR = "editor"  # signed in and on the editors' list: the page
    SIGN_IN = "sign-in"  # beyond localhost, not signed in: no page, a sign-in button
    STALE = "stale"  # an editor's sign-in is older than ATLAS_SIGNIN_HOURS: no page
    STRANGER = "stranger"  # signed in, not on the list: no page
    TOKEN = "token"  # beyond localhost, no sign-in set up: the page asks for the token
    CLOSED = "closed"  # beyond localhost, neither sign-in nor a token: the page says so

    @property
    def has_page(self) -> bool:
        """Whether this session's navigation holds the review page."""
        return self in (Door.LOCAL, Door.EDITOR, Door.TOKEN, Door.CLOSED)

    @property
    def known_editor(self) -> bool:
        """Whether this session is known to edit (at this machine, or a signed-in editor):
        it may read the server's own words on a trouble (a database driver's message),
        which a viewer, or someone yet to give the token, never sees."""
        return self in (Door.LOCAL, Door.EDITOR)


@dataclass(frozen=True)
class Identity:
    """Who signed in, from the ID token's claims."""

    subject: str
    issuer: str
    email: str | None  # lower-cased; None when missing or said to be unverified
    name: str
    groups: frozenset[str]
    signed_in_at: float | None  # `auth_time`, else `iat` (seconds since the epoch)

    @property
    def who(self) -> str:
        """The name the audit log records: the e-mail, else the subject and its issuer."""
        return self.email or f"{self.subject} ({self.issuer or 'unknown issuer'})"


def _text(value: Any, limit: int = 320) -> str:
    return " ".join(value.split())[:limit] if isinstance(value, str) else ""


def _groups_of(value: Any) -> frozenset[str]:
    """A group claim: a list of names, or one string (some providers send one)."""
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return frozenset(g.strip()[:200] for g in items[:1000] if isinstance(g, str) and g.strip())


def _verified_email(claims: Mapping[str, Any]) -> str | None:
    email = _text(claims.get("email"), 320).lower()
    said = claims.get("email_verified")
    unverified = said is False or (isinstance(said, str) and said.lower() == "false")
    return email if email and "@" in email and not unverified else None


def identity_from_claims(claims: Mapping[str, Any], group_claim: str = "groups") -> Identity | None:
    """The signed-in person `st.user` describes, or None when nobody is signed in."""
    subject = _text(claims.get("sub"), 255)
    if claims.get("is_logged_in") is not True or not subject:
        return None
    when = claims.get("auth_time", claims.get("iat"))
    return Identity(
        subject=subject,
        issuer=_text(claims.get("iss"), 255),
        email=_verified_email(claims),
        name=_text(claims.get("name"), 200),
        groups=_groups_of(claims.get(group_claim)),
        signed_in_at=float(when) if isinstance(when, int | float) and math.isfinite(when) else None,
    )


def is_editor(settings: Settings, person: Identity) -> bool:
    """Whether the editors' list names this person (by e-mail) or one of their groups."""
    by_email = person.email is not None and person.email in settings.editors
    return by_email or bool(person.groups & settings.editor_groups)


def signin_fresh(settings: Settings, person: Identity, now: float) -> bool:
    """Whether the sign-in is recent enough to edit (ATLAS_SIGNIN_HOURS); a token that
    says nothing of when counts as old."""
    when = person.signed_in_at
    return when is not None and now - when <= settings.signin_hours * 3600


def door(
    settings: Settings,
    reasons: list[str],
    signin_ready: bool,
    person: Identity | None,
    now: float,
) -> Door:
    """The door for one session. `reasons`: why the request may come from another machine
    (`remote_reasons`); `signin_ready`: secrets.toml has an [auth] section."""
    if not settings.edit:
        return Door.OFF
    if not reasons:
        return Door.LOCAL
    if not signin_ready:
        # An editors' list without sign-in set up is a mistake: the token is not taken
        # instead of the sign-in the list was meant for.
        listed = settings.editors or settings.editor_groups
        return Door.TOKEN if settings.edit_token and not listed else Door.CLOSED
    if person is None:
        return Door.SIGN_IN
    if not is_editor(settings, person):
        return Door.STRANGER
    return Door.EDITOR if signin_fresh(settings, person, now) else Door.STALE
