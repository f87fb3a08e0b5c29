"""A workaround in branca, the library that writes folium's HTML: rendered output is never
compiled as a template again. Only the project's own elements take it (no library code is
patched): `LiteralMacro` for the map's scripts (geo/view/scripts.py) and its style, `Outline`
for the reference outlines, whose properties are data, and `Tooltip` for the review
map's candidates.

Checked on branca 0.8.2 and folium 0.20.0 (the versions uv.lock pins).
`tests/test_map_templates.py` fails, saying which, when a locked version changes what
this relies on: branca's `MacroElement.render` still compiles what it renders (else this
module can go), and `Outline` still renders exactly as folium's own GeoJson does.

**Why.** branca's `MacroElement.render` wraps each element's rendered header, html and
script in `Element(text)`, and `Element(text)` compiles `text` as a Jinja template: data
included. In a page rendered whole, a title such as ``{{ 7*7 }}`` came out as ``49`` and a
crafted one could run Python on the server (Jinja here is not sandboxed); a stray
``{% for %}`` in a place name raised a TemplateSyntaxError and the map failed. It also
compiled about 40 one-off templates per rerun. `render_literal` does what
`MacroElement.render` does, with the rendered text kept as it is.

**Upstream** (README, "Library workarounds"): branca's MacroElement.render could add
its rendered output as literal text (an `Element` that does not compile), which is
what it is.
"""

from __future__ import annotations

from typing import Any

import folium
from branca.element import Element, Figure, MacroElement

CHECKED_ON = {"branca": "0.8.2", "folium": "0.20.0"}


class Literal(Element):
    """Text that is already HTML or JavaScript: rendered as it is, never parsed."""

    def __init__(self, text: str) -> None:
        super().__init__()  # no template: nothing compiled
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


def render_literal(element: Any, kwargs: dict[str, Any]) -> None:
    """branca's MacroElement.render (0.8.2), its output added as `Literal` text."""
    figure = element.get_root()
    if not isinstance(figure, Figure):
        raise TypeError(f"{type(element).__name__} can only be rendered inside a Figure")
    macros = element._template.module.__dict__
    for part in ("header", "html", "script"):
        macro = macros.get(part)
        if macro is not None:
            getattr(figure, part).add_child(
                Literal(str(macro(element, kwargs))), name=element.get_name()
            )
    for child in element._children.values():
        child.render(**kwargs)


class LiteralMacro(MacroElement):
    """The project's MacroElements: rendered output kept literal (`render_literal`)."""

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # as MacroElement's
        render_literal(self, kwargs)


class Outline(folium.GeoJson, LiteralMacro):
    """A folium GeoJson whose rendered output is kept literal: LiteralMacro sits between
    folium's classes and MacroElement in its method order, so folium's own render steps
    (GeoJson's style map, Layer's add-to-map, Class's includes) run as always and end in
    `render_literal` instead of MacroElement.render."""


class Tooltip(folium.Tooltip, LiteralMacro):
    """folium's Tooltip, its rendered output (data: a candidate's place) kept literal."""
