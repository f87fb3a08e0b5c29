"""Each compiled layer's events' province, district and basis (`geo/areas.py`), derived
once and kept beside its compiled file: a start reads them instead of deriving them.

Kept in `<compiled>/areas/<layer>-<compiled>-<rules>-<own>.parquet`, one row per row of
the compiled file and in its order (`geo.areas.STORED`'s three columns, dictionary-encoded
text). The name says what they were derived from: the compiled file (the first 16 hex
digits of its SHA-256: the very rows), the rules (a SHA-256 of the rule modules' bytes,
`geo.areas.RULE_MODULES`, and of the vocabularies: the GeoNames extract, the gazetteer,
the provinces) and the file's own SHA-256, checked on every read. A file that is missing,
damaged, cut short or made by other rules is derived again and replaced; nothing is
trusted for its name alone. Files of a layer's older compiled versions are removed when a
new one is kept; those of other rules for the same rows are left (another checkout of the
code may share the folder).

Derived per layer: the one rule that looks beyond a row (`MAX_CODED_NAMES`, the most
frequent coded names of a load) counts a layer's names, not the whole load's.
"""

from __future__ import annotations

import contextlib
import functools
import glob
import hashlib
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

import geo
from geo.areas import RULE_MODULES, STORED, row_areas
from geo.dataset import CODED_AREA_COLUMNS
from geo.store import hashing
from geo.store.compiled import Compiled

AREAS_DIR = "areas"  # under the compiled directory
# What the rules read of a compiled layer (the frame's own admin1/admin2 too, if any).
SOURCE_COLUMNS = ("lat", "lon", "geo_precision", "country", *CODED_AREA_COLUMNS)
GIVEN_COLUMNS = ("admin1", "admin2")


@functools.cache
def _rules_code() -> str:
    digest = hashlib.sha256()
    for name in RULE_MODULES:
        digest.update(name.encode() + b"\0" + (Path(geo.__file__).parent / name).read_bytes())
    return digest.hexdigest()


def rules_key(vocab_sha: str) -> str:
    """What the areas of a compiled file depend on besides its rows: the rule modules'
    bytes and the vocabularies' SHA-256 (the `vocab` input of every compiled layer)."""
    return hashlib.sha256(f"{_rules_code()}\0{vocab_sha}".encode()).hexdigest()


def derived(table: pa.Table) -> pa.Table:
    """The STORED columns of a compiled table's rows, derived by `geo.areas`' rules."""
    wanted = [n for n in (*SOURCE_COLUMNS, *GIVEN_COLUMNS) if n in table.column_names]
    found = row_areas(table.select(wanted).to_pandas())
    return pa.table(
        {
            stored: pa.array(found[name].to_numpy(dtype=object), pa.string()).dictionary_encode()
            for name, stored in STORED.items()
        }
    )


@dataclass(frozen=True)
class AreaKeeper:
    """Where the areas are kept, and the rules they are kept for."""

    directory: Path
    rules: str

    def _prefix(self, c: Compiled) -> str:
        return f"{c.name}-{c.inputs.get('compiled', 'unknown')[:16]}-{self.rules[:16]}-"

    def columns(self, c: Compiled, table: pa.Table) -> pa.Table:
        """The STORED columns for `table` (the compiled file `c`'s columns): the kept ones
        if whole, else derived now and kept."""
        prefix = self._prefix(c)
        try:
            kept = sorted(self.directory.glob(glob.escape(prefix) + "*.parquet"))
        except OSError:
            kept = []  # no folder to read: derived below
        for path in kept:
            found = _read(path, table.num_rows)
            if found is not None:
                return found
            path.unlink(missing_ok=True)  # damaged: derived again below
        made = derived(table)
        self._keep(c, prefix, made)
        return made

    def ensure(self, c: Compiled) -> None:
        """Derive and keep a compiled file's areas now, unless kept already (after a
        write or an import: the next start reads them)."""
        names = pq.read_schema(c.path).names
        wanted = [n for n in (*SOURCE_COLUMNS, *GIVEN_COLUMNS) if n in names]
        self.columns(c, pq.read_table(c.path, columns=wanted))

    def _keep(self, c: Compiled, prefix: str, made: pa.Table) -> None:
        tmp = self.directory / f".{prefix}{uuid.uuid4().hex[:8]}.tmp"
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            pq.write_table(made, tmp)
            own = hashing.file_sha(tmp, 1 << 40) or "unread"
            os.replace(tmp, self.directory / f"{prefix}{own[:16]}.parquet")
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            return  # no folder to keep them in: derived on every start, as before
        rows_of = prefix.split("-")[-3]  # the compiled file's part of the name
        for path in self.directory.glob(glob.escape(c.name) + "-*.parquet"):
            parts = path.stem.rsplit("-", 3)
            if len(parts) == 4 and parts[0] == c.name and parts[1] != rows_of:
                path.unlink(missing_ok=True)  # an older compiled version's


def _read(path: Path, rows: int) -> pa.Table | None:
    """A kept file, if its bytes are those its name names and it holds `rows` rows of
    the STORED columns as text; None otherwise."""
    own = path.stem.rsplit("-", 1)[-1]
    sha = hashing.file_sha(path, 1 << 40)
    if sha is None or sha[:16] != own:
        return None
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowException, ValueError):
        return None
    if table.column_names != list(STORED.values()) or table.num_rows != rows:
        return None
    text = pa.dictionary(pa.int32(), pa.string())
    return table if all(t == text for t in table.schema.types) else None
