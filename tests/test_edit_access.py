"""Who may edit (issue 26): a token whenever the server is not provably local.

The probe: bound to 127.0.0.1 with ATLAS_EDIT=1 and no token, reached through a port
forward with X-Forwarded-For set, the review page opened and anyone edited. Now any proxy
header, a Host or Origin that is not this machine, a peer beyond loopback or a bind beyond
loopback asks for the token; wrong tokens are slowed per session and logged, never with the
guess. The same through a real browser is in tests/test_browser_edit_access.py.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from streamlit.runtime.context import ContextProxy
from streamlit.testing.v1 import AppTest

from geo.access import (
    FREE_TRIES,
    LOCKOUT_AFTER,
    Guesses,
    check_token,
    editing_allowed,
    remote_reasons,
    wait_after,
)
from geo.settings import Settings
from tests.helpers.data import ROOT

PAGE = str(ROOT / "screens" / "review.py")
PROXIED = {"Host": "127.0.0.1:8501", "X-Forwarded-For": "203.0.113.9"}


@pytest.mark.parametrize(
    ("address", "headers", "ip", "local"),
    [
        ("127.0.0.1", {}, None, True),
        ("localhost", {"Host": "localhost:8501", "Origin": "http://localhost:8501"}, None, True),
        ("::1", {"host": "[::1]:8501"}, "::1", True),
        ("127.0.0.1", {"Host": "127.0.0.1:8501"}, "::ffff:127.0.0.1", True),
        ("127.0.0.1", PROXIED, None, False),
        ("127.0.0.1", {"x-forwarded-for": "203.0.113.9"}, None, False),
        ("127.0.0.1", {"Forwarded": "for=203.0.113.9;proto=https"}, None, False),
        ("127.0.0.1", {"X-Real-IP": "203.0.113.9"}, None, False),
        ("127.0.0.1", {"Via": "1.1 nginx"}, None, False),
        ("127.0.0.1", {"X-Forwarded-Host": "atlas.example.org"}, None, False),
        ("127.0.0.1", {"X-Forwarded-For": ""}, None, False),  # present, even empty
        ("127.0.0.1", {"Host": "atlas.example.org"}, None, False),  # a forward, no header
        ("127.0.0.1", {"Origin": "https://atlas.example.org"}, None, False),
        ("127.0.0.1", {}, "10.0.0.5", False),
        ("0.0.0.0", {}, None, False),
        (None, {}, None, False),  # Streamlit's default listens on every interface
        ("", {}, None, False),
    ],
)
def test_editing_is_local_only_when_provably_so(address, headers, ip, local):
    assert (remote_reasons(address, headers, ip) == []) is local


def test_the_probe_case_needs_a_token():
    open_edit = Settings(edit=True)
    assert editing_allowed(open_edit, "127.0.0.1", None)  # at this machine: no token
    assert not editing_allowed(open_edit, "127.0.0.1", None, PROXIED)  # through a proxy
    with_token = Settings(edit=True, edit_token="s3cret")
    assert not editing_allowed(with_token, "127.0.0.1", "guess", PROXIED)
    assert editing_allowed(with_token, "127.0.0.1", "s3cret", PROXIED)


def test_wrong_tokens_wait_longer_then_lock_out(caplog):
    cfg, guesses, now = Settings(edit=True, edit_token="s3cret"), Guesses(), 1000.0
    caplog.set_level(logging.WARNING, logger="atlas.access")
    for n in range(1, FREE_TRIES + 1):  # a typo or two costs nothing
        assert check_token(cfg, f"typo{n}", guesses, now).outcome == "wrong"
    verdict = check_token(cfg, "guess-a", guesses, now)
    assert (verdict.outcome, verdict.seconds) == ("wrong", 1.0)
    # During the wait nothing is compared, not even the right token.
    assert check_token(cfg, "s3cret", guesses, now + 0.5).outcome == "wait"
    assert check_token(cfg, "guess-a", guesses, now + 5).outcome == "wrong"  # same text: once
    assert guesses.failures == FREE_TRIES + 1
    for n in range(FREE_TRIES + 2, LOCKOUT_AFTER + 1):
        now += wait_after(n - 1)
        outcome = check_token(cfg, f"guess-{n}", guesses, now).outcome
        assert outcome == ("locked" if n == LOCKOUT_AFTER else "wrong")
    assert check_token(cfg, "s3cret", guesses, now + 10_000).outcome == "locked"
    logged = [r.getMessage() for r in caplog.records if r.name == "atlas.access"]
    assert len(logged) == LOCKOUT_AFTER and "locked out" in logged[-1]
    assert not any(word in line for line in logged for word in ("typo", "guess", "s3cret"))


def test_wait_doubles_and_is_capped():
    waits = [wait_after(n) for n in range(1, 14)]
    assert waits[:FREE_TRIES] == [0.0] * FREE_TRIES
    assert waits[FREE_TRIES : FREE_TRIES + 4] == [1.0, 2.0, 4.0, 8.0]
    assert max(waits) == 300.0


def test_the_right_token_resets_the_count():
    cfg, guesses = Settings(edit=True, edit_token="s3cret"), Guesses()
    check_token(cfg, "typo", guesses, 0.0)
    assert check_token(cfg, "s3cret", guesses, 0.0).outcome == "ok"
    assert guesses.failures == 0
    assert check_token(cfg, "s3cret", guesses, 0.0).outcome == "ok"  # every rerun


# --- the review page (AppTest), with the request's headers as Streamlit reports them ---


@pytest.fixture
def proxied(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The page is asked for through a proxy: X-Forwarded-For on the request."""
    headers = dict(PROXIED)
    monkeypatch.setattr(ContextProxy, "headers", property(lambda _self: headers))
    return headers


def _page() -> AppTest:
    return AppTest.from_file(PAGE, default_timeout=60).run()


def test_behind_a_proxy_with_no_token_nobody_edits(edit_dirs, local_server, proxied):
    at = _page()
    assert not at.exception
    assert not at.text_area and not at.file_uploader and not at.text_input
    message = at.error[0].value.replace("\\", "")  # Markdown escapes taken out
    assert "ATLAS_EDIT_TOKEN is not set" in message and "x-forwarded-for" in message


def test_behind_a_proxy_the_token_opens_the_page(edit_dirs, local_server, proxied, monkeypatch):
    monkeypatch.setenv("ATLAS_EDIT_TOKEN", "s3cret")
    at = _page()
    assert at.text_input(key="edit_token") and not at.text_area
    at = at.text_input(key="edit_token").input("s3cret").run()
    assert at.text_area(key="article_text")


def test_guessing_on_the_page_is_slowed_and_logged(
    edit_dirs, local_server, proxied, monkeypatch, caplog
):
    monkeypatch.setenv("ATLAS_EDIT_TOKEN", "s3cret")
    caplog.set_level(logging.WARNING, logger="atlas.access")
    at = _page()
    for n in range(FREE_TRIES + 1):
        at = at.text_input(key="edit_token").input(f"guess{n}").run()
        assert "not right" in at.error[0].value and not at.text_area
    assert "Wait 1 s" in at.error[0].value
    at = at.text_input(key="edit_token").input("s3cret").run()  # at once: not even checked
    assert "wait" in at.warning[0].value and not at.text_area
    logged = [r.getMessage() for r in caplog.records if r.name == "atlas.access"]
    assert len(logged) == FREE_TRIES + 1
    assert all("203.0.113.9" in line and "guess" not in line for line in logged)


def test_at_this_machine_no_token_is_asked(edit_dirs, local_server, monkeypatch):
    local = {"Host": "localhost:8501", "Origin": "http://localhost:8501"}
    monkeypatch.setattr(ContextProxy, "headers", property(lambda _self: local))
    at = _page()
    assert at.text_area(key="article_text")
    assert not [t for t in at.text_input if t.key == "edit_token"]


def test_the_readme_says_so_beside_the_proxy_advice():
    readme = (Path(ROOT) / "README.md").read_text(encoding="utf-8")
    proxy = readme[readme.index("**The proxy compresses") :]
    assert "ATLAS_EDIT_TOKEN" in proxy[:1500] and "X-Forwarded-For" in proxy[:1500]
