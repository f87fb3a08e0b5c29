"""Several browser sessions at once keep getting correct pages (bounded, localhost only)."""

from __future__ import annotations

import pytest

from tests.helpers.browser import EVENTS, drawn_events, wait_for_markers

pytestmark = pytest.mark.browser
PAGES = 10  # each query twice, all loading at once
QUERIES = [
    ("", len(EVENTS)),
    ("?actors=Taliban", sum("Taliban" in e["actors"] for e in EVENTS)),
    ("?types=Battles", sum(e["event_type"] == "Battles" for e in EVENTS)),
    ("?status=retracted", sum(e["status"] == "retracted" for e in EVENTS)),
    ("?undated=false", sum(e["date_start"] is not None for e in EVENTS)),
]


def test_ten_sessions_at_once(context, app_url):
    pages = [context.new_page() for _ in range(PAGES)]
    errors: list[str] = []
    for page in pages:
        page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        plan = [QUERIES[i % len(QUERIES)] for i in range(PAGES)]
        for page, (query, _) in zip(pages, plan, strict=True):
            page.goto(app_url + "/" + query, wait_until="commit")  # all load together
        for page, (query, expected) in zip(pages, plan, strict=True):
            wait_for_markers(page, expected, timeout=90_000)
            assert drawn_events(page) == expected, query
    finally:
        for page in pages:
            page.close()
    assert errors == []
