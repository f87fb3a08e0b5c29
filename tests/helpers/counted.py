"""The dashboard's count line ("N events shown of M."), read by the team's browser tests and
the team benchmark: a page is loaded when it shows, and M is the store's event count."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.helpers.browser import APP_IDLE

COUNT_LINE = "[data-testid='stMarkdownContainer']:has-text('events shown of')"


def open_counted(page: Page, url: str, *, timeout: int = 120_000) -> int:
    """Open a page and wait for its count line and for its run to end (a replica's first run
    reads the store, which may take a while on a busy machine: a condition, not a time; the
    page follows the store only once wholly drawn); the total it shows."""
    page.goto(url)
    line = page.locator(COUNT_LINE).first
    expect(line).to_be_visible(timeout=timeout)
    expect(page.locator(APP_IDLE)).to_be_attached(timeout=timeout)
    return total_of(line.inner_text())


def total_of(text: str) -> int:
    """M in "N events shown of M."."""
    return int(text.rsplit("of", 1)[1].strip().rstrip(".").replace(",", ""))
