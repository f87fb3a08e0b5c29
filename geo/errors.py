"""Problems found in data, as values; and the typed error that carries them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a file: where it is (file, feature, field) and what to fix."""

    file: str
    feature: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.feature:
            where.append(f"feature {self.feature}")
        if self.field:
            where.append(self.field)
        return f"{': '.join(where)}: {self.message}"


class ValidationError(Exception):
    """Raised when data fails validation; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
