"""What the page says about bad files: bounded, whatever the data holds.

A folder of thousands of broken files, or one file with millions of problems, must
still give a page of a screenful: a few files with their problems (each list already
capped by the loader), long lines shortened, and the rest named in one line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from geo.errors import Problem
from geo.layers import MAX_PROBLEMS_PER_FILE

MAX_FILES_SHOWN = 5  # files with their own warning and problem list
MAX_NAMES_LISTED = 20  # names of the other files, in one line
MAX_LINE = 300  # characters of one problem line
MORE = "… and"  # how the loader's "and N more" lines begin


@dataclass(frozen=True)
class FileProblems:
    """One file's problems as the page lists them."""

    file: str
    summary: str  # "3 problems", "more than 50 problems"
    lines: tuple[str, ...]


def _shorten(text: str, width: int = MAX_LINE) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _count_words(problems: list[Problem]) -> str:
    if any(p.message.startswith(MORE) for p in problems):
        return f"more than {MAX_PROBLEMS_PER_FILE} problems"
    return f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"


def group_problems(
    problems: Iterable[Problem], max_files: int = MAX_FILES_SHOWN
) -> tuple[list[FileProblems], str]:
    """The first `max_files` files' problems, and one line naming the other files ('')."""
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.file, []).append(problem)
    shown = [
        FileProblems(
            _shorten(file, 120),
            _count_words(found),
            tuple(_shorten(str(p)) for p in found[: MAX_PROBLEMS_PER_FILE + 1]),
        )
        for file, found in list(by_file.items())[:max_files]
    ]
    rest = list(by_file)[max_files:]
    if not rest:
        return shown, ""
    names = ", ".join(_shorten(name, 60) for name in rest[:MAX_NAMES_LISTED])
    more = f" and {len(rest) - MAX_NAMES_LISTED:,} more" if len(rest) > MAX_NAMES_LISTED else ""
    line = f"{len(rest):,} more files have problems and are left out: {names}{more}. "
    return shown, line + "Run atlas-validate to list every problem."
