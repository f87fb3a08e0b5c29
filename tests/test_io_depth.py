"""The nesting guard counts brackets exactly as the JSON nests, strings ignored."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from geo.io import _depth_exceeds

_TEXT = st.text(alphabet='ab[]{}"\\/ \n', max_size=8)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | _TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=25,
)


def _depth(value: object) -> int:
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    return 0


@settings(max_examples=300, deadline=None)
@given(_JSON, st.integers(min_value=0, max_value=6), st.booleans())
def test_guard_agrees_with_the_parsed_depth(value, limit, ascii_only):
    data = json.dumps(value, ensure_ascii=ascii_only).encode()
    assert _depth_exceeds(data, limit) == (_depth(value) > limit)


def test_brackets_and_escapes_inside_strings_do_not_count():
    assert not _depth_exceeds(b'{"a": "[[[[{{{{ \\\\\\" [[[["}', 1)
    assert _depth_exceeds(b'{"a": "\\\\", "b": [[1]]}', 2)  # an escaped backslash ends "a"
