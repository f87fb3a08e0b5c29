"""Rows whose events failed validation, named by their row of the CSV: an import's user
has a file of 100,000 rows to fix, not event ids to look up."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from geo.errors import Problem
from geo.published.rows import Mapped


def skip_failed(mapped: Mapped, problems: Sequence[Problem]) -> list[Problem]:
    """Skip each row whose event has a problem, with its row number and what failed
    ('title: String should have at most 20000 characters'); the rows' other events go on.
    Returns the problems no row can be found for (a count of more, an unnamed event)."""
    rows = {f["properties"]["id"]: f["properties"]["dataset"]["row"] for f in mapped.features}
    reasons: dict[int, list[str]] = defaultdict(list)
    unplaced = []
    for problem in problems:
        row = rows.get(problem.feature or "")
        if row is None:
            unplaced.append(problem)
            continue
        said = f"{problem.field}: {problem.message}" if problem.field else problem.message
        reasons[row].append(said)
    mapped.skipped += [(row, "; ".join(said)) for row, said in reasons.items()]
    mapped.skipped.sort()
    mapped.features = [
        f for f in mapped.features if f["properties"]["dataset"]["row"] not in reasons
    ]
    return unplaced
