"""A real OpenID Connect provider on localhost for the sign-in tests (`oidc-provider-mock`).

The provider runs in a thread of the test process (werkzeug; bound before it is handed
out, so nothing to wait for). Its sign-in page lists the predefined people as one button
each: a click signs that person in, as a real provider would after a password.
"""

from __future__ import annotations

import os
import secrets
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import authlib.deprecate  # noqa: F401  (its "always show" filter first, so ours wins)

with warnings.catch_warnings():
    # The mock imports Authlib's older modules, which Authlib 1.9 marks as deprecated.
    warnings.simplefilter("ignore", DeprecationWarning)
    from oidc_provider_mock import User, run_server_in_thread

CLIENT_ID, CLIENT_SECRET = "border-atlas-tests", "not-a-real-secret"


@contextmanager
def oidc_provider(people: dict[str, dict[str, Any]]) -> Iterator[str]:
    """Run the provider with these people (subject -> claims); yield its issuer URL."""
    # Authlib refuses plain http unless told it is a test; https is what a real one uses.
    before = os.environ.get("AUTHLIB_INSECURE_TRANSPORT")
    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"
    users = [User(sub=sub, claims=claims) for sub, claims in people.items()]
    try:
        with run_server_in_thread(port=0, user_claims=users) as server:
            yield f"http://localhost:{server.server_port}"
    finally:
        if before is None:
            os.environ.pop("AUTHLIB_INSECURE_TRANSPORT", None)
        else:
            os.environ["AUTHLIB_INSECURE_TRANSPORT"] = before


def write_secrets(path: Path, issuer: str) -> Path:
    """A secrets.toml whose [auth] points st.login at the provider. `{port}` is
    Streamlit's own placeholder for the port the app serves on."""
    path.write_text(
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_urlsafe(32)}"\n'
        f'client_id = "{CLIENT_ID}"\n'
        f'client_secret = "{CLIENT_SECRET}"\n'
        f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    return path


def app_env(secrets_file: Path) -> dict[str, str]:
    """What the app's process needs to sign in against the local provider."""
    return {"STREAMLIT_SECRETS_FILES": str(secrets_file), "AUTHLIB_INSECURE_TRANSPORT": "1"}
