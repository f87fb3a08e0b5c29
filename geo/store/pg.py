"""Talking to the team's database: connections, the schema's migrations, and the one
error every caller shows when the database cannot be reached.

Migrations are numbered SQL files in `geo/store/sql/` (`001_init.sql`, …), applied in
order, each in its own transaction, and recorded in `atlas.migrations`; an advisory lock
keeps two replicas from migrating at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import psycopg

SQL_DIR = Path(__file__).resolve().parent / "sql"
CHANNEL = "atlas_revision"  # NOTIFY'd with the new revision after every write
CONNECT_SECONDS = 5
_MIGRATION = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")
_MIGRATE_LOCK = 0x41544C53  # any constant: one migrator at a time


class StoreUnavailable(Exception):
    """The database cannot be reached now (down, restarting, or refusing us)."""

    def __init__(self, url: str, reason: BaseException | str):
        self.where = safe_url(url)
        super().__init__(f"the shared store ({self.where}) is unavailable: {_first_line(reason)}")


def _first_line(reason: BaseException | str) -> str:
    text = str(reason).strip() or type(reason).__name__
    return text.splitlines()[0][:200]


def safe_url(url: str) -> str:
    """The URL to name in messages: host, port and database, never a password."""
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    port = f":{parts.port}" if parts.port else ""
    return f"postgresql://{host}{port}{parts.path}"


@contextmanager
def connect(url: str, *, autocommit: bool = False) -> Iterator[psycopg.Connection]:
    """A connection, closed after; StoreUnavailable when the database cannot be reached.
    A transaction that fails midway is rolled back (nothing half-written)."""
    import psycopg  # here: a file store never loads the database driver (0.5 s at start)

    try:
        conn = psycopg.connect(url, autocommit=autocommit, connect_timeout=CONNECT_SECONDS)
    except psycopg.OperationalError as exc:
        raise StoreUnavailable(url, exc) from exc
    try:
        with conn:
            yield conn
    except psycopg.OperationalError as exc:
        raise StoreUnavailable(url, exc) from exc
    finally:
        conn.close()


def migrations() -> list[tuple[int, Path]]:
    """The schema's migrations, in order."""
    found = []
    for path in sorted(SQL_DIR.glob("*.sql")):
        match = _MIGRATION.match(path.name)
        if match:
            found.append((int(match.group(1)), path))
    return found


def migrate(url: str) -> list[str]:
    """Apply the migrations the database lacks; the names of those applied."""
    applied = []
    with connect(url, autocommit=True) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (_MIGRATE_LOCK,))
        try:
            conn.execute("CREATE SCHEMA IF NOT EXISTS atlas")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS atlas.migrations "
                "(number int PRIMARY KEY, name text NOT NULL, applied_at timestamptz DEFAULT now())"
            )
            done = {row[0] for row in conn.execute("SELECT number FROM atlas.migrations")}
            for number, path in migrations():
                if number in done:
                    continue
                with conn.transaction():
                    conn.execute(path.read_text("utf-8").encode("utf-8"))
                    conn.execute(
                        "INSERT INTO atlas.migrations (number, name) VALUES (%s, %s)",
                        (number, path.name),
                    )
                applied.append(path.name)
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (_MIGRATE_LOCK,))
    return applied


def schema_ready(url: str) -> bool:
    """Every migration has been applied."""
    with connect(url) as conn:
        table = conn.execute("SELECT to_regclass('atlas.migrations')").fetchone()
        if table is None or table[0] is None:
            return False
        done = {row[0] for row in conn.execute("SELECT number FROM atlas.migrations")}
    return all(number in done for number, _ in migrations())
