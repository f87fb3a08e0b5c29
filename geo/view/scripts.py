"""The map's code in the browser (static/atlas/*.js) and the data each builder hands it.

No JavaScript is written here or in any builder: a map element is `AtlasScript`, whose
data goes out as a `<script type="application/json" data-atlas="KIND">` element (built by
`geo.view.html.json_script`, the one escaping path) and whose only code is one call,
`atlas.draw(parent, element)`, that hands the element to the function registered for
KIND in static/atlas/. That call is the one thing streamlit-folium can carry (it runs a
feature group's script with `eval` on every rerun and has no place for HTML), so the
element travels inside it as a JSON string; `script_data` reads it back for the tests.

The files are served by Streamlit's static serving (`/app/static/atlas/…`, listed in
the base map's scripts: `ATLAS_JS`) and inlined, with `inline_js`, where a page must
work with no server (the one-file offline copy, a source article's page).
"""

from __future__ import annotations

import functools
import json
import re
from html.parser import HTMLParser
from typing import Any, ClassVar

from branca.element import Template

from geo.settings import ROOT
from geo.view._branca import LiteralMacro
from geo.view.html import Html, json_script

ATLAS_DIR = ROOT / "static" / "atlas"
ATLAS_URL = "/app/static/atlas"
# atlas.js first: it makes `window.atlas`, which the others register with.
MAP_FILES = (
    "atlas.js",
    "base.js",
    "labels.js",
    "legend.js",
    "pile.js",
    "markers.js",
    "density.js",
    "circles.js",
    "modes.js",
    "follow.js",
    "clicks.js",
)
ATLAS_JS = [(f"atlas_{name.removesuffix('.js')}", f"{ATLAS_URL}/{name}") for name in MAP_FILES]
DRAW_CALL = "atlas.draw("


class AtlasScript(LiteralMacro):
    """A map element drawn by static/atlas/: `kind` names its function there, `data()`
    is everything it needs (JSON types only). Its rendered output is never compiled as
    a template again (geo/view/_branca.py)."""

    kind: ClassVar[str]
    _template = Template(
        "{% macro script(this, kwargs) %}"
        "var {{ this.get_name() }} = atlas.draw("
        "{{ this._parent.get_name() }}, {{ this.element()|tojson }});\n"
        "{% endmacro %}"
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = type(self).__name__

    def data(self) -> dict[str, Any]:
        raise NotImplementedError

    def element(self) -> Html:
        return json_script(self.kind, self.data())


@functools.cache  # files of the checkout: read once per process
def inline_js(name: str) -> str:
    """A file of static/atlas/ to put inside a <script> element (refused if it could end
    that element early)."""
    return checked_inline((ATLAS_DIR / name).read_text(encoding="utf-8"))


def checked_inline(source: str) -> str:
    """A script to inline: refuse one that could end its <script> element early."""
    if re.search(r"</script|<!--", source, re.IGNORECASE):
        raise ValueError("script contains '</script' or '<!--'; it cannot be inlined as is")
    return source


class _JsonScripts(HTMLParser):
    """Collects every `<script type="application/json">` of a page: (name, data), the name
    being its `data-atlas` or else its `id`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.found: list[tuple[str, Any]] = []
        self._name: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and found.get("type") == "application/json":
            self._name = found.get("data-atlas") or found.get("id") or ""
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._name is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._name is not None:
            self.found.append((self._name, json.loads("".join(self._text))))
            self._name = None


def json_scripts(html: str) -> list[tuple[str, Any]]:
    """The data of every `<script type="application/json">` element in an HTML text."""
    parser = _JsonScripts()
    parser.feed(html)
    parser.close()
    return parser.found


def script_data(script: str) -> list[tuple[str, Any]]:
    """(kind, data) of every `atlas.draw` call in a map's script, in order."""
    decoder, found = json.JSONDecoder(), []
    at = script.find(DRAW_CALL)
    while at != -1:
        start = script.index(", ", at) + 2  # after the parent's name
        element, end = decoder.raw_decode(script, start)
        found += json_scripts(element)
        at = script.find(DRAW_CALL, end)
    return found
