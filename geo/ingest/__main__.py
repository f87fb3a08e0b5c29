"""`python -m geo.ingest ARTICLE.txt [--published YYYY-MM-DD] [--lang fa|ar|ru|tg|en]`.

Prints one GeoJSON FeatureCollection of candidate events (status "proposed") on stdout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from geo.ingest.candidates import propose
from geo.ingest.lang import LANGS
from geo.ingest.upload import MAX_ARTICLE_BYTES, decode_article


def main(argv: list[str] | None = None) -> int:
    """Read an article, print its candidates; exit 2 when the file cannot be read as text."""
    parser = argparse.ArgumentParser(prog="atlas-ingest", description=__doc__)
    parser.add_argument("article", type=Path)
    parser.add_argument("--published", type=dt.date.fromisoformat, default=None)
    parser.add_argument("--lang", choices=LANGS, default=None)
    args = parser.parse_args(argv)
    # A FIFO or a device would block or never end: read regular files only.
    if not args.article.is_file():
        print(f"{args.article}: not a regular file", file=sys.stderr)
        return 2
    with open(args.article, "rb") as fh:
        raw = fh.read(MAX_ARTICLE_BYTES + 1)
    text, problem = decode_article(raw)
    if text is None:
        print(f"{args.article.name}: {problem}", file=sys.stderr)
        return 2
    found = propose(text, args.article.name, args.lang, args.published)
    json.dump(found, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
