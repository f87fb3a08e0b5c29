"""Two workarounds in branca and folium, the libraries that write the map's HTML.

Both depend on the versions uv.lock pins (branca 0.8, folium 0.19); re-check them when
either moves. `tests/test_untrusted.py` and `tests/test_html.py` fail if they stop working.

1. **Rendered output is never compiled again.** branca's `Element(text)` compiles its
   text as a Jinja template, and branca (every element's rendered header, html and
   script) and folium (GeoJson's style and tooltip blocks) pass *rendered output* through
   it: data included. A title such as ``{{ 7*7 }}`` came out as ``49``, and a crafted one
   could run Python on the server (Jinja here is not sandboxed). It also compiled about
   40 one-off templates per rerun (~65 ms). Now `Element(text)` keeps the text as it is;
   the one template branca itself passes that way (its `Div`) is still compiled.
2. **folium's GeoJson templates are compiled once.** `GeoJson.render` builds the same
   constant templates on every call (about 17 per rerun for the outlines): cached by source.
"""

from __future__ import annotations

import functools
import types
from typing import Any

import branca.element
import folium.features
import folium.template
import jinja2

# The only template text branca hands to Element() itself (branca.element.Div's html).
_BRANCA_TEMPLATES = frozenset(
    {"{% for name, element in this._children.items() %}{{element.render(**kwargs)}}{% endfor %}"}
)


class _Literal:
    """Text that is already HTML or JavaScript: rendered as it is, never parsed."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.module = types.SimpleNamespace()  # no header/html/script macros

    def render(self, *args: Any, **kwargs: Any) -> str:
        return self.text


@functools.lru_cache(maxsize=64)
def _compiled(source: str) -> jinja2.Template:
    return jinja2.Template(source)


_element_init = branca.element.Element.__init__


def _element_init_literal(
    self: branca.element.Element, template: str | None = None, template_name: str | None = None
) -> None:
    _element_init(self, None, template_name)
    self._template_str = template
    if template is not None:
        literal = template not in _BRANCA_TEMPLATES
        self._template = _Literal(template) if literal else _compiled(template)  # type: ignore[assignment]


def install() -> None:
    """Apply both workarounds (idempotent)."""
    branca.element.Element.__init__ = _element_init_literal  # type: ignore[method-assign]
    cached = functools.lru_cache(maxsize=256)(folium.template.Template)
    if not isinstance(folium.features.Template, functools._lru_cache_wrapper):
        folium.features.Template = cached  # type: ignore[misc,assignment]


install()
