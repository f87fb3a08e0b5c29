"""The team's store from the command line (`ATLAS_STORE=postgresql://… atlas-store …`).

atlas-store migrate                 apply the schema's migrations the database lacks
atlas-store load [--layers DIR] [--seeds DIR] [--data DIR] [--who NAME]
                                    put these files into the store (only what differs);
                                    defaults: the repository's layers/, seeds/, data/
atlas-store status                  the revision, the files and events it holds
atlas-store audit [--last N]        the audit log, newest last
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from geo import settings
from geo.store.pg import StoreUnavailable, connect, migrate
from geo.store.postgis import PostgisStore


def _parser() -> argparse.ArgumentParser:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(prog="atlas-store", description=__doc__, formatter_class=raw)
    sub = parser.add_subparsers(dest="action", required=True)
    sub.add_parser("migrate")
    load = sub.add_parser("load")
    load.add_argument("--layers", type=Path, default=settings.ROOT / "layers")
    load.add_argument("--seeds", type=Path, default=settings.ROOT / "seeds")
    load.add_argument("--data", type=Path, default=settings.ROOT / "data")
    load.add_argument("--who", default="atlas-store load")
    load.add_argument("--if-empty", action="store_true", help="load only into an empty store")
    sub.add_parser("status")
    audit = sub.add_parser("audit")
    audit.add_argument("--last", type=int, default=20)
    return parser


def _status(store: PostgisStore) -> str:
    with connect(store.url) as conn:
        files = conn.execute("SELECT area, count(*), sum(size) FROM atlas.files GROUP BY area")
        counts = {a: (n, int(s or 0)) for a, n, s in files.fetchall()}
        events = conn.execute("SELECT count(*) FROM atlas.events").fetchone()
    lines = [f"revision {store.revision()}", f"this machine's copy: {store.root}"]
    lines += [f"{a}: {n} files, {s:,} bytes" for a, (n, s) in sorted(counts.items())]
    lines.append(f"events: {events[0] if events else 0:,} rows in atlas.events")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    env = settings.from_env()
    if not env.store_url:
        print("atlas-store: set ATLAS_STORE=postgresql://… first", file=sys.stderr)
        return 2
    store = PostgisStore(env.store_url, env.cache_dir, max_layer_bytes=env.max_layer_bytes)
    try:
        if args.action == "migrate":
            done = migrate(store.url)
            print(f"applied: {', '.join(done)}" if done else "the schema is up to date")
        elif args.action == "load":
            migrate(store.url)
            if args.if_empty and store.revision() != "r0":
                print(f"the store already holds revision {store.revision()}: nothing loaded")
                return 0
            problems = store.load(args.layers, args.seeds, args.data, who=args.who)
            for problem in problems:
                print(f"problem: {problem}", file=sys.stderr)
            print(f"loaded {args.layers}, {args.seeds}, {args.data}\n{_status(store)}")
        elif args.action == "status":
            print(_status(store))
        else:
            for entry in store.audit()[-args.last :]:
                print(json.dumps(entry, ensure_ascii=False, sort_keys=True))
    except StoreUnavailable as exc:
        print(f"atlas-store: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
