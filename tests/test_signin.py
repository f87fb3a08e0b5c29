"""Editors' sign-in (issue 23 item 3): who is signed in, who is an editor, which door a
session has to the review page (geo/access.py), and the review page with `st.user` set
(AppTest). The whole flow against a real provider in Chromium is in
tests/test_signin_browser.py.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from streamlit.runtime.context import ContextProxy
from streamlit.testing.v1 import AppTest

from geo.access import Door, door, identity_from_claims, is_editor, remote_reasons
from geo.settings import Settings, from_env
from tests.helpers.data import ROOT

PAGE = str(ROOT / "screens" / "review.py")
ARTICLE = (ROOT / "tests" / "fixtures" / "ingest" / "russian_two_incidents.txt").read_text(
    encoding="utf-8"
)
NOW = 1_800_000_000.0
ISSUER = "https://sso.example.org/realms/newsroom"
AUTH = {
    "redirect_uri": "https://atlas.example.org/oauth2callback",
    "cookie_secret": "a-long-random-string-for-the-tests",
    "client_id": "border-atlas",
    "client_secret": "not-a-secret",
    "server_metadata_url": f"{ISSUER}/.well-known/openid-configuration",
}
REMOTE = ["the request came through a proxy (x-forwarded-for)"]
EDITORS = Settings(edit=True, editors=frozenset({"alice@example.org"}))


def claims(sub: str = "alice", **extra: Any) -> dict[str, Any]:
    """What `st.user` holds once someone signed in (the ID token's claims)."""
    base = {"is_logged_in": True, "sub": sub, "iss": ISSUER, "iat": int(NOW) - 60}
    return base | {"email": f"{sub.title()}@Example.org", "name": f"{sub.title()} Doe"} | extra


# --- who signed in ---------------------------------------------------------------------


def test_nobody_is_signed_in_without_is_logged_in_and_a_subject():
    assert identity_from_claims({}) is None
    assert identity_from_claims({"email": "test@example.com"}) is None  # AppTest's default
    assert identity_from_claims(claims(is_logged_in=False)) is None
    assert identity_from_claims(claims(sub="")) is None


def test_the_audit_name_is_the_email_lower_cased():
    person = identity_from_claims(claims())
    assert person is not None
    assert (person.who, person.name) == ("alice@example.org", "Alice Doe")


@pytest.mark.parametrize("verified", [False, "false", "FALSE"])
def test_an_email_said_to_be_unverified_is_not_taken(verified):
    person = identity_from_claims(claims(email_verified=verified))
    assert person is not None and person.email is None
    assert person.who == f"alice ({ISSUER})"  # the subject and its issuer instead
    assert not is_editor(EDITORS, person)


def test_with_no_email_the_subject_and_issuer_name_them():
    person = identity_from_claims({**claims(), "email": None, "name": ""})
    assert person is not None and person.who == f"alice ({ISSUER})"


@pytest.mark.parametrize(
    ("value", "groups"),
    [
        (["atlas-editors", "readers"], {"atlas-editors", "readers"}),
        ("atlas-editors", {"atlas-editors"}),  # some providers send one string
        (["ok", 7, None, {"x": 1}, "  "], {"ok"}),
        (None, set()),
        ({"atlas-editors": True}, set()),
    ],
)
def test_groups_are_read_from_the_claim(value, groups):
    person = identity_from_claims(claims(groups=value))
    assert person is not None and person.groups == groups


def test_the_group_claim_is_a_setting():
    person = identity_from_claims(claims(roles=["atlas-editors"]), group_claim="roles")
    assert person is not None and person.groups == {"atlas-editors"}
    assert identity_from_claims(claims(roles=["atlas-editors"])).groups == set()


def test_claims_are_bounded_and_on_one_line():
    person = identity_from_claims(claims(name="A\nB " + "x" * 5000, email="a@b.org\r\n"))
    assert person is not None
    assert person.name.startswith("A B ") and len(person.name) == 200
    assert person.email == "a@b.org"


def test_when_they_signed_in_is_auth_time_else_iat():
    assert identity_from_claims(claims(auth_time=123)).signed_in_at == 123.0
    assert identity_from_claims(claims()).signed_in_at == NOW - 60
    assert identity_from_claims(claims(iat="yesterday")).signed_in_at is None
    assert identity_from_claims(claims(iat=float("nan"))).signed_in_at is None


# --- who is an editor, and which door a session has -------------------------------------


def test_editors_are_listed_by_email_or_by_group():
    cfg = Settings(edit=True, editors=frozenset({"alice@example.org"}))
    cfg_groups = Settings(edit=True, editor_groups=frozenset({"atlas-editors"}))
    alice, gina = identity_from_claims(claims()), identity_from_claims(claims("gina"))
    member = identity_from_claims(claims("gina", groups=["atlas-editors"]))
    assert alice and gina and member
    assert is_editor(cfg, alice) and not is_editor(cfg, gina)
    assert is_editor(cfg_groups, member) and not is_editor(cfg_groups, alice)


@pytest.mark.parametrize(
    ("cfg", "reasons", "ready", "who", "expected"),
    [
        (Settings(edit=False), [], True, claims(), Door.OFF),
        (EDITORS, [], True, None, Door.LOCAL),  # at this machine nothing is asked
        (EDITORS, [], True, claims("sam"), Door.LOCAL),
        (EDITORS, REMOTE, True, None, Door.SIGN_IN),
        (EDITORS, REMOTE, True, claims(), Door.EDITOR),
        (EDITORS, REMOTE, True, claims("sam"), Door.STRANGER),
        (EDITORS, REMOTE, True, claims(iat=int(NOW) - 13 * 3600), Door.STALE),
        (EDITORS, REMOTE, True, claims(auth_time=int(NOW) - 13 * 3600), Door.STALE),
        (EDITORS, REMOTE, True, claims(iat=None), Door.STALE),
        (Settings(edit=True), REMOTE, True, claims(), Door.STRANGER),  # nobody listed
        # No sign-in set up: the small set-up's token, or nobody.
        (Settings(edit=True, edit_token="t"), REMOTE, False, None, Door.TOKEN),
        (Settings(edit=True), REMOTE, False, None, Door.CLOSED),
        # Editors listed but no [auth]: the token is not taken instead of the sign-in.
        (Settings(edit=True, edit_token="t", editors=EDITORS.editors), REMOTE, False, None,
         Door.CLOSED),
        (Settings(edit=True, edit_token="t", editor_groups=frozenset({"g"})), REMOTE, False,
         None, Door.CLOSED),
        # With sign-in set up, a token is not a way in.
        (Settings(edit=True, edit_token="t"), REMOTE, True, None, Door.SIGN_IN),
    ],
)  # fmt: skip
def test_the_door(cfg, reasons, ready, who, expected):
    person = identity_from_claims(who) if who else None
    assert door(cfg, reasons, ready, person, NOW) == expected


def test_only_editors_and_the_small_set_ups_have_the_page():
    assert {d for d in Door if d.has_page} == {Door.LOCAL, Door.EDITOR, Door.TOKEN, Door.CLOSED}


def test_sign_in_age_is_a_setting():
    cfg = Settings(edit=True, editors=EDITORS.editors, signin_hours=1)
    old = identity_from_claims(claims(iat=int(NOW) - 2 * 3600))
    assert door(cfg, REMOTE, True, old, NOW) == Door.STALE
    assert door(EDITORS, REMOTE, True, old, NOW) == Door.EDITOR


# --- the settings ------------------------------------------------------------------------


def test_editor_settings_are_read_and_checked():
    env = {"ATLAS_EDITORS": " Alice@Example.org, bob@example.net;carol@x.io ",
           "ATLAS_EDITOR_GROUPS": "atlas-editors, Atlas Team ,", "ATLAS_GROUP_CLAIM": "roles",
           "ATLAS_SIGNIN_HOURS": "8"}  # fmt: skip
    cfg = from_env(env)
    assert cfg.editors == {"alice@example.org", "bob@example.net", "carol@x.io"}
    assert cfg.editor_groups == {"atlas-editors", "Atlas Team"}
    assert (cfg.group_claim, cfg.signin_hours) == ("roles", 8)
    assert from_env({}).editors == frozenset() and from_env({}).group_claim == "groups"


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("ATLAS_EDITORS", "alice", "'alice' is not an e-mail address"),
        ("ATLAS_EDITORS", "alice@example.org bob@", "'bob@' is not an e-mail address"),
        ("ATLAS_SIGNIN_HOURS", "0", "1-2160"),
        ("ATLAS_SIGNIN_HOURS", "1e9", "1-2160"),
    ],
)
def test_bad_editor_settings_are_named(name, value, said):
    with pytest.raises(ValueError, match=said):
        from_env({name: value})


# --- the review page with st.user (AppTest) ---------------------------------------------


@pytest.fixture
def proxied(monkeypatch: pytest.MonkeyPatch) -> None:
    """The page is asked for through a proxy: X-Forwarded-For on the request."""
    headers = {"Host": "127.0.0.1:8501", "X-Forwarded-For": "203.0.113.9"}
    monkeypatch.setattr(ContextProxy, "headers", property(lambda _self: headers))
    assert remote_reasons("127.0.0.1", headers)


@pytest.fixture
def editors(edit_dirs, local_server, proxied, monkeypatch) -> tuple[Path, Path]:
    """Editing on, reached through a proxy, alice listed; a token set that is not taken."""
    monkeypatch.setenv("ATLAS_EDITORS", "alice@example.org")
    monkeypatch.setenv("ATLAS_EDIT_TOKEN", "s3cret")
    return edit_dirs


def _page(user: dict[str, Any] | None, auth: bool = True) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    if auth:
        at.secrets["auth"] = AUTH
    at.user = user if user is not None else {"is_logged_in": False}
    return at.run()


def _now(who: dict[str, Any]) -> dict[str, Any]:
    return who | {"iat": int(time.time()) - 60}


def test_a_signed_in_editor_gets_the_page_with_their_name_and_sign_out(editors):
    at = _page(_now(claims()))
    assert not at.exception and at.text_area(key="article_text")
    said = [m.value.replace("\\", "") for m in at.markdown]  # Markdown escapes out
    assert any("Signed in as **Alice Doe** `alice@example.org`" in m for m in said)
    assert at.button(key="signout-review").label == "Sign out"
    assert not [t for t in at.text_input if t.key == "edit_token"]


@pytest.mark.parametrize(
    "user", [None, claims("sam"), claims(iat=1_000), claims(email_verified=False)]
)
def test_anyone_else_gets_nothing_to_edit_and_no_token_box(editors, user):
    at = _page(_now(user) if user and "iat" not in user else user)
    assert not at.exception and not at.text_area and not at.text_input
    assert "Only this atlas's editors, signed in" in at.error[0].value


def test_editors_listed_without_sign_in_set_up_let_nobody_in(editors):
    at = _page(None, auth=False)
    assert not at.text_area and not at.text_input  # not even the token
    message = at.error[0].value.replace("\\", "")
    assert "sign-in is not set up" in message and "x-forwarded-for" in message


def _accept(at: AppTest) -> AppTest:
    at = at.text_area(key="article_text").input(ARTICLE).run()
    key = next(t.key for t in at.text_area if t.key and t.key.startswith("tr-"))
    at = at.text_area(key=key).input("A firefight near Panj killed two intruders.").run()
    return at.button(key="accept-0").click().run()


def test_accepts_are_recorded_under_the_signed_in_email_and_undone_only_by_them(
    editors, monkeypatch
):
    layers, _seeds = editors
    monkeypatch.setenv("ATLAS_EDITORS", "alice@example.org,bob@example.org")
    at = _accept(_page(_now(claims())))
    assert not at.error and "Accepted as" in at.success[0].value
    lines = (layers / "ingest-audit.jsonl").read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines]
    assert {e["who"] for e in entries if e["action"] == "accept"} == {"alice@example.org"}
    # Another session of alice's (another browser, another replica) offers the undo;
    # bob, another editor, is not offered it.
    assert any(b.key.startswith("undo-") for b in _page(_now(claims())).button)
    assert not any(b.key.startswith("undo-") for b in _page(_now(claims("bob"))).button)
