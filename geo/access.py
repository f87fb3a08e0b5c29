"""Who may edit: the review page exists only when editing is on, and asks for a token
whenever the server is reachable from other machines."""

from __future__ import annotations

import hmac

from geo.settings import Settings

# Addresses that only this machine can reach. Streamlit's default (unset) listens on all.
LOCAL_ADDRESSES = frozenset({"localhost", "127.0.0.1", "::1"})


def token_required(server_address: str | None) -> bool:
    """Whether the server is reachable beyond this machine, so an editor must prove who they are."""
    return (server_address or "").strip().lower() not in LOCAL_ADDRESSES


def editing_allowed(
    settings: Settings, server_address: str | None, token_given: str | None
) -> bool:
    """Whether this session may write: editing on, and the right token when not local only."""
    if not settings.edit:
        return False
    if not token_required(server_address):
        return True
    if not settings.edit_token or not token_given:
        return False  # beyond localhost with no token configured, nobody edits
    return hmac.compare_digest(token_given.encode("utf-8"), settings.edit_token.encode("utf-8"))
