"""A source's web address (geo.seeds.web_address) and its link (geo.view.html.web_link):
only plain http(s) addresses are kept, and the link's every part is escaped."""

from __future__ import annotations

import pytest

from geo.seeds import MAX_URL, web_address
from geo.view.html import web_link


@pytest.mark.parametrize(
    "url",
    ["https://www.ozodi.org/a/33612345.html", "http://khovar.tj/rus/2025/12/x/?p=1#top",
     "https://asiaplustj.info/ru/news/tajikistan/security/20251201/пограничники"],
)  # fmt: skip
def test_plain_web_addresses_are_kept_as_they_are(url):
    assert web_address(url) == url
    assert web_address(f"  {url}\n") == url


@pytest.mark.parametrize(
    "url",
    ["", "   ", None, "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>x",
     "vbscript:x", "file:///etc/passwd", "ftp://x.tj/a", "//x.tj/a", "x.tj/2025/12/01",
     "https://", "https:///path", "https://x.tj/a b", "https://x.tj/\u202eevil",
     "https://x.tj/\x00", "https://user:pw@x.tj/", "https://trusted.tj@evil.example/",
     "https://x.tj:port/", "https://[::1/", 'https://x.tj/"><b>x</b>', "https://x.tj/<a>",
     "https://x.tj/`${x}`", "https://x.tj/" + "a" * MAX_URL],
)  # fmt: skip
def test_anything_else_is_not_kept(url):
    assert web_address(url) is None
    assert web_link(url) is None


def test_the_link_escapes_every_part_and_holds_nothing_on_the_page():
    url = "https://x.tj/a?q='onmouseover=alert(1)'&b=1"
    link = str(web_link(url))
    assert "'onmouseover" not in link and "&b=" not in link
    assert 'href="https://x.tj/a?q=&#x27;onmouseover=alert(1)&#x27;&amp;b=1"' in link
    assert 'target="_blank"' in link and 'rel="noopener noreferrer nofollow"' in link
    assert link.count("<a ") == 1 and link.endswith("</a>")


def test_a_long_address_is_shown_short_and_linked_whole():
    url = "https://asiaplustj.info/" + "x" * 200
    link = str(web_link(url))
    assert f'href="{url}"' in link
    shown = link.split(">", 1)[1].removesuffix("</a>")
    assert len(shown) == 60 and shown.endswith("…") and shown.startswith("asiaplustj.info/")
