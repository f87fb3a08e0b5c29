"""The one escaping path for text from data, and small HTML builders that use it.

Every string from a layer, a seed or a user is untrusted. `escape` makes it inert in
HTML text, in attribute values and inside the JavaScript template literals folium
writes (hence backslash, backtick and dollar as entities too).

What is built from escaped parts is `Html`, a `markupsafe.Markup`: it has `__html__`, so
Jinja and other Markup-aware code take it as is, and a plain string added to it (either
side of `+`) is escaped by `escape` here, the JavaScript template characters included.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from geo.seeds import web_address
from geo.text import text_direction

_EXTRA = str.maketrans({"\\": "&#92;", "`": "&#96;", "$": "&#36;"})
# What could end a <script> element or a JavaScript line, as JSON's own \u escapes.
_JSON_UNSAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)
# "a" only ever gets an href the builders make ("#ev-…"), or a source's web address
# through `web_link` (http/https only, checked by geo.seeds.web_address).
_ALLOWED_TAGS = frozenset(
    {
        "a",
        "div",
        "span",
        "p",
        "bdi",
        "blockquote",
        "mark",
        "b",
        "strong",
        "em",
        "small",
        "br",
        "ul",
        "ol",
        "li",
        "h3",
        "h4",
        "h5",
        "i",
        "table",
        "tr",
        "td",
        "th",
        "details",
        "summary",
    }
)
_VOID_TAGS = frozenset({"br"})


class Html(Markup):
    """HTML already built from escaped parts: safe to insert as HTML."""

    __slots__ = ()

    @classmethod
    def escape(cls, s: Any, /) -> Html:
        """What `Markup` escapes an operand with (`+`, `join`, `format`): `escape` below."""
        return escape(s)


def escape(text: object) -> Html:
    """Escape any value for HTML text, attributes and JS template literals.

    Markup (anything with `__html__`) is already HTML and is kept as it is.
    """
    if hasattr(text, "__html__"):
        return Html(text.__html__())
    return _escaped(text)


def _escaped(value: object) -> Html:
    """Every character escaped, markup or not (an attribute value is never markup)."""
    return Html(html.escape(str(value), quote=True).translate(_EXTRA))


def script_json(value: Any) -> str:
    """JSON safe inside a <script> element and as a JavaScript expression: `<`, `>`, `&`,
    U+2028 and U+2029 are written as \\u escapes, so no data string can end the script,
    open a comment or break a line. NaN and infinities are refused (not JSON)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False).translate(_JSON_UNSAFE)


def json_script(kind: str, value: Any) -> Html:
    """`<script type="application/json" data-atlas="kind">` holding `value`: data for the
    map's code in static/atlas/ (never run, read with JSON.parse)."""
    return Html(
        f'<script type="application/json" data-atlas="{_escaped(kind)}">'
        f"{script_json(value)}</script>"
    )


def tag(name: str, *children: object, **attrs: object) -> Html:
    """Build <name attrs>children</name>; plain-str children and all attrs are escaped."""
    if name not in _ALLOWED_TAGS:
        raise ValueError(f"tag {name!r} is not allowed")
    attr_text = "".join(
        f' {key.rstrip("_").replace("_", "-")}="{_escaped(value)}"'
        for key, value in attrs.items()
        if value is not None
    )
    if name in _VOID_TAGS:
        return Html(f"<{name}{attr_text}>")
    inner = "".join(escape(c) for c in children)
    return Html(f"<{name}{attr_text}>{inner}</{name}>")


def web_link(url: str | None, *, longest: int = 60) -> Html | None:
    """A link to a source's web address, opened in a new tab with no referrer and no
    hold on this page; None when `url` is not a plain http(s) address. Its text is the
    host and path, shortened to `longest` characters."""
    address = web_address(url)
    if address is None:
        return None
    parts = urlsplit(address)
    shown = (parts.hostname or "") + parts.path.rstrip("/")
    if len(shown) > longest:
        shown = shown[: longest - 1] + "…"
    return tag("a", shown, href=address, target="_blank", rel="noopener noreferrer nofollow",
               class_="atlas-source-url", dir="ltr")  # fmt: skip


def join(parts: Iterable[Html]) -> Html:
    """Concatenate already-built HTML parts."""
    return Html("".join(escape(p) for p in parts))


def source_text(text: str, lang: str) -> Html:
    """Wrap source text in its language and direction, isolated from what surrounds it."""
    return tag("bdi", text, lang=lang, dir=text_direction(lang))


def excerpt_block(excerpt: str, lang: str) -> Html:
    """A quoted excerpt shown in its own script and direction."""
    return tag(
        "blockquote",
        source_text(excerpt, lang),
        class_="atlas-excerpt",
        lang=lang,
        dir=text_direction(lang),
        style="white-space: pre-wrap",  # keep the source's own line breaks
    )


def highlighted_document(text: str, start: int, end: int, lang: str) -> Html:
    """The whole seed with the excerpt [start, end) marked."""
    body = join(
        [escape(text[:start]), tag("mark", text[start:end], id="excerpt"), escape(text[end:])]
    )
    return tag(
        "div",
        body,
        class_="atlas-seed",
        lang=lang,
        dir=text_direction(lang),
        style="white-space: pre-wrap; line-height: 1.8",
    )


_MARKDOWN_SPECIAL = frozenset("\\`*_{}[]()<>#+-.!|~:$&\"'=")


def escape_markdown(text: object) -> str:
    """Backslash-escape Markdown syntax so Streamlit shows data text literally."""
    return "".join(f"\\{c}" if c in _MARKDOWN_SPECIAL else c for c in str(text))
