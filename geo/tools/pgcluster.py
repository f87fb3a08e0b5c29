"""A PostgreSQL + PostGIS cluster of one's own, from Debian's packages, for the tests and
for `scripts/team.sh`.

Usage: python -m geo.tools.pgcluster start DIR [--port N] [--fast]
       python -m geo.tools.pgcluster stop DIR

`start` makes the cluster in DIR/data if it is not there (initdb, trust on 127.0.0.1 and
the socket in DIR), starts it, waits until it answers, and creates the database `atlas`
with PostGIS. It prints the URL to put in `ATLAS_STORE`. PostgreSQL refuses to run as
root, so as root the server runs as Debian's `postgres` user (DIR is handed to it).
`--fast` turns off fsync: for throw-away test clusters only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

BIN = Path("/usr/lib/postgresql/15/bin")  # Debian 12's PostgreSQL, which PostGIS 3 is built for
DATABASE = "atlas"
USER = "atlas"
_INSTALL = "apt-get install -y postgresql postgresql-15-postgis-3"


class ClusterError(RuntimeError):
    """The cluster could not be made, started or stopped (the message says why)."""


@dataclass(frozen=True)
class Cluster:
    """A running cluster: where it lives and how to reach it."""

    directory: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{DATABASE}"

    @property
    def data(self) -> Path:
        return self.directory / "data"


def free_port() -> int:
    """A TCP port nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_server(command: list[str]) -> list[str]:
    """Run as the `postgres` user when we are root (the server refuses root)."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


def _run(command: list[str], what: str) -> str:
    done = subprocess.run(_as_server(command), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ClusterError(f"{what} failed ({done.returncode}): {done.stderr.strip()[-800:]}")
    return done.stdout


def _check_binaries() -> None:
    if not (BIN / "initdb").exists():
        raise ClusterError(f"PostgreSQL's binaries are not in {BIN}: {_INSTALL}")
    if not Path("/usr/share/postgresql/15/extension/postgis.control").exists():
        raise ClusterError(f"PostGIS is not installed: {_INSTALL}")


def _hand_over(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    directory.chmod(0o755)
    if os.geteuid() != 0:
        return
    shutil.chown(directory, "postgres", "postgres")
    for parent in directory.parents:
        if not parent.stat().st_mode & 0o001:
            raise ClusterError(
                f"the postgres user cannot reach {directory}: {parent} is closed to others "
                "(choose a directory under /tmp or /var/tmp)"
            )


def _initdb(cluster: Cluster) -> None:
    if (cluster.data / "PG_VERSION").exists():
        return
    _run([str(BIN / "initdb"), "-D", str(cluster.data), "-U", USER, "-E", "UTF8",
          "--locale=C", "--auth=trust"], "initdb")  # fmt: skip


def start(directory: Path, *, port: int = 0, fast: bool = False) -> Cluster:
    """Make (if needed) and start the cluster in `directory`; see the module's docstring."""
    _check_binaries()
    running = _running_port(Path(directory).resolve() / "data")
    if running is not None:  # started before and still up: use it as it is
        cluster = Cluster(Path(directory).resolve(), running)
        _create_database(cluster)
        return cluster
    cluster = Cluster(Path(directory).resolve(), port or free_port())
    _hand_over(cluster.directory)
    _initdb(cluster)
    options = f"-p {cluster.port} -k {cluster.directory} -c listen_addresses=127.0.0.1"
    if fast:
        options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    log = cluster.directory / "server.log"
    _run([str(BIN / "pg_ctl"), "-D", str(cluster.data), "-o", options, "-l", str(log),
          "-w", "-t", "60", "start"], "pg_ctl start")  # fmt: skip
    _create_database(cluster)
    return cluster


def _running_port(data: Path) -> int | None:
    """The port of the server running on `data`, if one is."""
    pid_file = data / "postmaster.pid"
    if not pid_file.exists():
        return None
    status = subprocess.run(_as_server([str(BIN / "pg_ctl"), "-D", str(data), "status"]),
                            capture_output=True, check=False)  # fmt: skip
    lines = pid_file.read_text("utf-8", errors="replace").splitlines()
    if status.returncode != 0 or len(lines) < 4 or not lines[3].strip().isdigit():
        return None
    return int(lines[3])


def _create_database(cluster: Cluster) -> None:
    import psycopg

    admin = f"postgresql://{USER}@127.0.0.1:{cluster.port}/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,))
        if found.fetchone() is None:
            conn.execute(f"CREATE DATABASE {DATABASE}")


def stop(directory: Path) -> None:
    """Stop the cluster in `directory` (fast shutdown: sessions are ended)."""
    data = Path(directory).resolve() / "data"
    if (data / "postmaster.pid").exists():
        _run([str(BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], "pg_ctl stop")


def restart(cluster: Cluster) -> None:
    """Restart a running cluster on the same port (ends every session)."""
    _run([str(BIN / "pg_ctl"), "-D", str(cluster.data), "-m", "fast", "-w", "restart"],
         "pg_ctl restart")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.tools.pgcluster", description=__doc__)
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--fast", action="store_true")
    args = parser.parse_args(argv)
    try:
        if args.action == "stop":
            stop(args.directory)
            return 0
        print(start(args.directory, port=args.port, fast=args.fast).url)
    except ClusterError as exc:
        print(f"pgcluster: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
