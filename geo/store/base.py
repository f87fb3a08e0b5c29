"""The store seam: what every store of the atlas offers, whatever keeps the data."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import Any, Protocol

from geo.dataset import Dataset
from geo.errors import Problem
from geo.store.hashing import LOCK_NAME as LOCK_NAME  # defined with the plumbing it is
from geo.store.reuse import Reuse

AUDIT_NAME = "ingest-audit.jsonl"


class WriteConflict(Exception):
    """The store changed since the writer read it: read again, then write."""

    def __init__(self, layer: str):
        self.layer = layer
        super().__init__(
            f"{layer}: the atlas changed since it was read (another editor or an import "
            "wrote first); nothing was written: read it again and repeat the change"
        )


class Store(Protocol):
    """Where the atlas's layers live (files today; a database for a team)."""

    def revision(self) -> str:
        """A value that changes whenever anything the atlas shows does."""

    def snapshot(self) -> Dataset:
        """Everything the dashboard shows, validated."""

    def reload(self, reuse: Reuse) -> tuple[str, Dataset]:
        """(the revision, its Dataset), only what changed since the last load with
        `reuse` read again."""

    def lock(self) -> AbstractContextManager[None]:
        """Hold off every other writer (re-entrant within a thread)."""

    def write(
        self,
        layer: str,
        collection: dict[str, Any] | str,
        *,
        expect: str | None,
        action: str,
        who: str = "",
        detail: dict[str, Any] | None = None,
    ) -> list[Problem]:
        """Write one layer, validated and audited, if the store is still at `expect`."""

    def write_import(
        self,
        layer: str,
        batches: Iterable[list[dict[str, Any]]],
        written: dict[str, Any],
        *,
        who: str = "",
        detail: dict[str, Any] | None = None,
        skip_invalid: bool = False,
    ) -> tuple[list[Problem], int]:
        """Write an imported layer as GeoParquet, validated a batch at a time, audited;
        with `skip_invalid`, the features that fail are named and the rest written."""

    def audit(self) -> list[dict[str, Any]]:
        """Every audit entry, oldest first."""

    def note(self, entry: dict[str, Any]) -> None:
        """Add an audit entry that changes no layer (an undo of a feature already gone)."""
