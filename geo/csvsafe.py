"""Formula-safe CSV cells (OWASP's advice on CSV injection), defined once.

A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
(some also the full-width `＝＋－＠`): such text gets a leading `'`, so it is shown, not run.
Plain numbers (`-2.5`, `+3`, `1e-05`) stay as they are. The importers read a cell so
prefixed as it was before (`geo/published/folder.py`).
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def formula_safe(value: object) -> object:
    """A cell a spreadsheet shows rather than runs: `'` before text that starts a formula.

    `-2.5` stays as it is; `-2+3`, `=1+2`, `@SUM(1,1)`, `+cmd|' /C calc'!A0` get the `'`.
    """
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value
