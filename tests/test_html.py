"""The one escaping path: hostile text stays text, parsed back exactly."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from geo.view.html import (
    Html,
    escape,
    escape_markdown,
    excerpt_block,
    highlighted_document,
    tag,
)

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "${alert(1)}",
    "`; alert(1); `",
    "\\`${x}",
    '" onmouseover="alert(1)',
    "javascript:alert(1)",
    "متن فارسی <b>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_parses_back_to_itself(text):
    soup = BeautifulSoup(str(tag("div", text, title=text)), "html.parser")
    assert soup.div.get_text() == text
    assert soup.div["title"] == text
    assert soup.find("img") is None and soup.find("script") is None


@pytest.mark.parametrize("text", HOSTILE)
def test_escape_leaves_no_template_or_markup_characters(text):
    out = escape(text)
    assert not set(out) & set("<>`$\\\"'")


def test_excerpt_block_isolates_rtl_text():
    soup = BeautifulSoup(excerpt_block("سلام <script>", "fa"), "html.parser")
    quote = soup.blockquote
    assert (quote["lang"], quote["dir"]) == ("fa", "rtl")
    assert quote.bdi["dir"] == "rtl" and quote.get_text() == "سلام <script>"


def test_highlighted_document_marks_exactly_the_span():
    text = "one <two> three"
    soup = BeautifulSoup(highlighted_document(text, 4, 9, "en"), "html.parser")
    assert soup.mark.get_text() == "<two>"
    assert soup.div.get_text() == text


def test_unknown_tag_is_refused():
    with pytest.raises(ValueError, match="not allowed"):
        tag("script", "x")


@pytest.mark.parametrize("text", ["![x](http://evil/)", "[link](javascript:alert(1))", "**b**"])
def test_escape_markdown_neutralises_syntax(text):
    out = escape_markdown(text)
    assert "](" not in out.replace("\\]\\(", "")
    assert out.replace("\\", "") == text


def test_tooltip_isolates_a_right_to_left_title():
    from geo.view.markers import tooltip_html

    soup = BeautifulSoup(tooltip_html("حمله \u202b<b>", "retracted", "date unknown"), "html.parser")
    assert soup.bdi["dir"] == "auto" and soup.bdi.get_text() == "حمله \u202b<b>"
    assert "[RETRACTED]" in soup.get_text()


@pytest.mark.parametrize("text", HOSTILE)
def test_html_is_markup_and_escapes_what_is_added_to_it(text):
    from markupsafe import Markup

    built = tag("b", "title")
    assert isinstance(built, Markup) and built.__html__() == str(built)
    for joined in (built + text, text + built, Html("").join([built, text])):
        assert isinstance(joined, Markup)
        soup = BeautifulSoup(str(joined), "html.parser")
        assert soup.find("img") is None and soup.find("script") is None
        assert text in soup.get_text() and soup.b.get_text() == "title"
        assert not set(str(joined).replace(str(built), "")) & set("<>`$\\\"'")


def test_markup_children_are_kept_and_attributes_always_escaped():
    from jinja2 import Environment
    from markupsafe import Markup

    inner = Markup("<em>x</em>")
    out = tag("div", inner, title=tag("b", "y"))
    soup = BeautifulSoup(str(out), "html.parser")
    assert soup.div.em.get_text() == "x" and soup.div["title"] == "<b>y</b>"
    rendered = Environment(autoescape=True).from_string("{{ a }}{{ b }}").render(a=out, b="<i>")
    assert rendered == str(out) + "&lt;i&gt;"
