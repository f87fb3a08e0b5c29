"""Import a dataset file as a layer: `python -m geo.importers ucdp|acled FILE.csv --out X`.

Bad rows are reported by number and reason and skipped (with --strict, any bad row fails
the import); nothing is written, and the exit status is 1, unless at least one row is
imported and the whole output validates. Ids come from the dataset's own ids, so importing the same
file again rewrites the same events. --out never writes over a reference layer, curated
events or another dataset's; another file of the same dataset only with --replace.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from geo import settings
from geo.importers.run import ImportRequest, run_import
from geo.published import acled, ucdp

DATASETS = {"ucdp": (ucdp.DATASET, ucdp.LICENCE), "acled": (acled.DATASET, acled.LICENCE)}


def _default_version(kind: str, csv_path: Path) -> str | None:
    """UCDP's files carry the release in their name (ged231 -> 23.1); ACLED's do not."""
    found = re.search(r"ged(\d\d)(\d)", csv_path.name.lower())
    return f"{found[1]}.{found[2]}" if kind == "ucdp" and found else None


def _parser(env: settings.Settings) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="atlas-import", description=__doc__)
    parser.add_argument("dataset", choices=sorted(DATASETS))
    parser.add_argument("csv", type=Path, help="the dataset's CSV, in its published layout")
    parser.add_argument("--out", type=Path, required=True, help="layer file to write")
    parser.add_argument(
        "--version",
        help="dataset release (UCDP: read from ged231 in the "
        "name; ACLED: the export's newest row timestamp)",
    )
    parser.add_argument("--title", help="layer title shown on the page")
    parser.add_argument(
        "--strict", action="store_true", help="write nothing (exit 1) if any row is skipped"
    )
    parser.add_argument(
        "--layers",
        type=Path,
        default=env.layers_dir,
        help="layers with the border and boundaries, and curated events to link",
    )
    parser.add_argument("--seeds", type=Path, default=env.seeds_dir)
    parser.add_argument("--data", type=Path, default=env.data_dir, help="where the CSV is kept")
    parser.add_argument(
        "--replace",
        metavar="LAYER",
        help="the --out layer again (path or name): replace the events another file of the "
        "same dataset wrote there (curated, reference and other datasets' layers never are)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, import, print what was imported and skipped."""
    try:
        env = settings.from_env()
    except ValueError as exc:
        print(f"atlas-import: {exc}", file=sys.stderr)
        return 2
    args = _parser(env).parse_args(argv)
    dataset, licence = DATASETS[args.dataset]
    version = args.version or _default_version(args.dataset, args.csv)
    request = ImportRequest(
        dataset,
        version,
        licence,
        args.csv,
        args.out,
        args.layers,
        args.seeds,
        args.data,
        args.title,
        args.strict,
        args.replace,
        env.max_layer_bytes,
    )
    report = run_import(request)
    for line in report.lines:
        print(line, file=sys.stderr if report.failed else sys.stdout)
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
