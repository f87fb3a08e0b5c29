"""A replica hears of every new revision of the shared store within a second or two.

One thread per database and process LISTENs on `atlas_revision` (each write NOTIFYs it)
and also reads the revision row once a second, so a notification lost with a dropped
connection is made up for. While the database cannot be reached, `error` says so and the
thread keeps trying; it recovers by itself when the database is back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import psycopg

from geo.store.pg import CHANNEL, CONNECT_SECONDS, StoreUnavailable

POLL_SECONDS = 1.0  # the revision row is read at least this often
RETRY_SECONDS = 1.0  # a lost database is tried again this often

_WATCHERS: dict[str, RevisionWatcher] = {}
_GUARD = threading.Lock()


@dataclass(frozen=True)
class Heard:
    """What the watcher knows now: the newest revision, or why it cannot know."""

    revision: str | None
    error: StoreUnavailable | None


class RevisionWatcher:
    """Keeps the newest revision of one database (see the module's docstring)."""

    def __init__(self, url: str):
        self.url = url
        self._heard = Heard(None, None)
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="atlas-revision", daemon=True)
        self._thread.start()

    @property
    def heard(self) -> Heard:
        return self._heard

    def wait(self, until: Callable[[Heard], bool], *, timeout: float) -> Heard:
        """Wait until what the watcher knows passes `until` (or `timeout` seconds pass)."""
        with self._changed:
            self._changed.wait_for(lambda: until(self._heard), timeout)
            return self._heard

    def wait_for_news(self, *, other_than: str | None, timeout: float) -> Heard:
        """Wait until the watcher knows a revision other than `other_than`, or an error."""
        return self.wait(
            lambda h: h.error is not None or h.revision not in (None, other_than), timeout=timeout
        )

    def _tell(self, heard: Heard) -> None:
        with self._changed:
            if heard != self._heard:
                self._heard = heard
                self._changed.notify_all()

    def _run(self) -> None:
        import psycopg  # here: a file store never loads the database driver

        while True:
            try:
                self._listen()
            except (psycopg.Error, OSError) as exc:
                self._tell(Heard(self._heard.revision, StoreUnavailable(self.url, exc)))
            except StoreUnavailable as exc:
                self._tell(Heard(self._heard.revision, exc))
            with self._changed:
                self._changed.wait(RETRY_SECONDS)

    def _listen(self) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True, connect_timeout=CONNECT_SECONDS) as conn:
            conn.execute(f"LISTEN {CHANNEL}")
            while True:  # read after LISTEN, so no write falls between the two
                self._tell(Heard(read_revision(conn, self.url), None))
                for _ in conn.notifies(timeout=POLL_SECONDS, stop_after=1):
                    pass


def read_revision(conn: psycopg.Connection, url: str) -> str:
    """The store's revision ("r<number>"), or StoreUnavailable naming what is missing."""
    import psycopg

    try:
        found = conn.execute("SELECT revision FROM atlas.state").fetchone()
    except psycopg.errors.UndefinedTable as exc:
        raise StoreUnavailable(url, "its schema is missing: run 'atlas-store migrate'") from exc
    if found is None:
        raise StoreUnavailable(url, "its state row is missing: run 'atlas-store migrate'")
    return f"r{found[0]}"


def watcher(url: str) -> RevisionWatcher:
    """The one watcher of this database in this process (started on first use)."""
    with _GUARD:
        if url not in _WATCHERS:
            _WATCHERS[url] = RevisionWatcher(url)
        return _WATCHERS[url]
