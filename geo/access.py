"""Who may edit: the review page exists only when editing is on, and asks for a token
whenever the server is not provably reached from this machine only.

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
import re
from collections.abc import Mapping
from dataclasses import dataclass
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
