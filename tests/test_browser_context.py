"""The worker's one browser context (tests/conftest.py) is left as a new one after each
test: what one test stored in the browser never reaches the next."""

from __future__ import annotations

from tests.helpers.browser import reset_context


def test_a_reset_context_keeps_no_storage_cookie_or_page(context, app_url):
    health = f"{app_url}/_stcore/health"  # a page of the app's origin, without the app
    page = context.new_page()
    page.goto(health)
    page.evaluate(
        "() => { localStorage.setItem('left', '1'); sessionStorage.setItem('left', '1');"
        " document.cookie = 'left=1; path=/'; }"
    )
    assert "left" in [c["name"] for c in context.cookies()]
    reset_context(context)
    assert context.pages == [] and context.cookies() == []
    page = context.new_page()
    page.goto(health)
    kept = page.evaluate(
        "() => [localStorage.getItem('left'), sessionStorage.getItem('left'), document.cookie]"
    )
    assert kept[:2] == [None, None]
    assert "left=" not in kept[2]  # (Streamlit's own XSRF cookie is set again by the page)


def test_storage_of_a_page_navigated_away_is_cleared_too(context, app_url):
    page = context.new_page()
    page.goto(f"{app_url}/_stcore/health")
    page.evaluate("() => localStorage.setItem('left', '1')")
    page.goto("about:blank")  # the origin's storage stays, with no page of it open
    context.set_offline(True)
    reset_context(context)
    assert context.storage_state()["origins"] == []  # the next reset has nothing to visit
    page = context.new_page()
    page.goto(f"{app_url}/_stcore/health")  # reachable: offline mode was cleared
    assert page.evaluate("() => localStorage.getItem('left')") is None


def test_the_page_fixture_is_a_page_of_the_shared_context(page, context):
    assert page.context is context and context.pages == [page]
