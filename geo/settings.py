"""Every setting of the atlas, read from the environment in one place.

| variable | default | meaning |
|---|---|---|
| `ATLAS_TILES` | OpenStreetMap | tile URL template; `none` turns tiles off |
| `ATLAS_LAYERS_DIR` | `layers/` | directory of layer files to show |
| `ATLAS_SEEDS_DIR` | `seeds/` | directory of source articles and `sources.json` |
| `ATLAS_DATA_DIR` | `data/` | imported dataset files (UCDP, ACLED CSVs) and `datasets.json` |
| `ATLAS_COMPILED_DIR` | `layers/.compiled/` | the compiled read model (GeoParquet) |
| `ATLAS_MAX_LAYER_MB` | 400 | largest layer file read, in MB |
| `ATLAS_MAX_ARTICLE_CHARS` | 100000 | longest article ingest reads, in characters |
| `ATLAS_MAX_INGEST_SECONDS` | 10 | time budget of one ingest, in seconds |
| `ATLAS_EDIT` | off | `1` turns on the review page (ingest, accept into layers) |
| `ATLAS_EDIT_TOKEN` | none | token asked for when the server listens beyond localhost |
| `ATLAS_EDITORS` | none | e-mail addresses that may edit once signed in (OpenID Connect) |
| `ATLAS_EDITOR_GROUPS` | none | groups (in the ID token's group claim) whose members may edit |
| `ATLAS_GROUP_CLAIM` | `groups` | the ID token claim that lists a signed-in person's groups |
| `ATLAS_SIGNIN_HOURS` | 12 | a sign-in older than this is asked again before editing |
| `ATLAS_STORE` | files | `postgresql://…`: the team's shared store (PostGIS) instead of files |
| `ATLAS_CACHE_DIR` | `~/.cache/border-atlas` | a replica's compiled copy of the shared store |
| `ATLAS_IMPORT_WORKERS` | 1 | processes that validate a big import's batches |

The README's settings table is checked against `SETTINGS` by the tests.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
# An address as an editors' list gives it: one @, no spaces, a dot in the domain.
EMAIL = re.compile(r"[^@\s,;]{1,64}@[^@\s,;]{1,255}\.[^@\s,;.]{1,63}")

# name -> one-line meaning; the README must document each (tests/test_docs.py).
SETTINGS = {
    "ATLAS_TILES": "tile URL template for the base map; 'none' turns tiles off",
    "ATLAS_LAYERS_DIR": "directory of layer files to show",
    "ATLAS_SEEDS_DIR": "directory of source articles and sources.json",
    "ATLAS_DATA_DIR": "directory of imported dataset files (CSV) and datasets.json",
    "ATLAS_COMPILED_DIR": "directory of the compiled read model (GeoParquet)",
    "ATLAS_MAX_LAYER_MB": "largest layer file the atlas reads, in MB",
    "ATLAS_MAX_ARTICLE_CHARS": "longest article the ingest reads, in characters",
    "ATLAS_MAX_INGEST_SECONDS": "time budget of one ingest, in seconds (the work stops past it)",
    "ATLAS_EDIT": "'1' turns on the review page that ingests articles and writes layers",
    "ATLAS_EDIT_TOKEN": "token the review page asks for when the server listens beyond localhost",
    "ATLAS_EDITORS": "e-mail addresses allowed to edit once signed in (comma-separated)",
    "ATLAS_EDITOR_GROUPS": "groups (in the ID token's group claim) whose members may edit",
    "ATLAS_GROUP_CLAIM": "the ID token claim listing a signed-in person's groups",
    "ATLAS_SIGNIN_HOURS": "hours a sign-in lasts for editing before it is asked again",
    "ATLAS_STORE": "'postgresql://…' keeps the atlas in a shared PostGIS database (default: files)",
    "ATLAS_CACHE_DIR": "where a replica keeps its compiled copy of the shared store",
    "ATLAS_IMPORT_WORKERS": "processes that validate a big import's batches ('1': no others)",
}


@dataclass(frozen=True)
class Settings:
    """The atlas's settings, resolved."""

    tiles: str | None = OSM_TILES  # None: no tile layer, nothing leaves localhost
    layers_dir: Path = ROOT / "layers"
    seeds_dir: Path = ROOT / "seeds"
    data_dir: Path = ROOT / "data"
    compiled_dir: Path | None = None  # None: <layers_dir>/.compiled
    # A 100,000-event layer with excerpts is about 220 MB; the limit guards memory.
    max_layer_mb: int = 400

    @property
    def max_layer_bytes(self) -> int:
        """The layer size limit in bytes."""
        return self.max_layer_mb * 1024 * 1024

    # Ingest reads about 70,000 characters a second here: 100,000 take under 2 s.
    max_article_chars: int = 100_000
    max_ingest_seconds: int = 10  # no article holds the server longer (1.5 s is typical)
    edit: bool = False  # the review page exists only when this is on
    edit_token: str | None = None
    # Sign-in (OpenID Connect, `st.login`): who may edit beyond localhost.
    editors: frozenset[str] = frozenset()  # e-mail addresses, lower-cased
    editor_groups: frozenset[str] = frozenset()
    group_claim: str = "groups"
    signin_hours: int = 12
    store_url: str | None = None  # postgresql://…: the shared store; None: the files above
    cache_dir: Path = Path.home() / ".cache" / "border-atlas"
    import_workers: int = 1  # measured: more cost CPU and won no time on a shared machine


def _path(environ: Mapping[str, str], name: str, default: Path) -> Path:
    value = environ.get(name, "").strip()
    return Path(value) if value else default


def _tiles(environ: Mapping[str, str]) -> str | None:
    value = environ.get("ATLAS_TILES", "").strip()
    if value.lower() == "none":
        return None
    return value or OSM_TILES


def _megabytes(environ: Mapping[str, str], default: int) -> int:
    value = environ.get("ATLAS_MAX_LAYER_MB", "").strip()
    if not value:
        return default
    if not value.isdigit() or not 1 <= int(value) <= 100_000:
        raise ValueError(f"ATLAS_MAX_LAYER_MB={value!r}: give a whole number of MB, 1-100000")
    return int(value)


def _characters(environ: Mapping[str, str], default: int) -> int:
    value = environ.get("ATLAS_MAX_ARTICLE_CHARS", "").strip()
    if not value:
        return default
    if not value.isdigit() or not 1_000 <= int(value) <= 10_000_000:
        raise ValueError(
            f"ATLAS_MAX_ARTICLE_CHARS={value!r}: give a whole number of characters, 1000-10000000"
        )
    return int(value)


def _seconds(environ: Mapping[str, str], default: int) -> int:
    value = environ.get("ATLAS_MAX_INGEST_SECONDS", "").strip()
    if not value:
        return default
    if not value.isdigit() or not 1 <= int(value) <= 600:
        raise ValueError(f"ATLAS_MAX_INGEST_SECONDS={value!r}: give a whole number, 1-600")
    return int(value)


def _editors(environ: Mapping[str, str]) -> frozenset[str]:
    found = set()
    for item in re.split(r"[,;\s]+", environ.get("ATLAS_EDITORS", "")):
        if not item:
            continue
        if not EMAIL.fullmatch(item):
            raise ValueError(f"ATLAS_EDITORS: {item[:100]!r} is not an e-mail address")
        found.add(item.lower())
    return frozenset(found)


def _groups(environ: Mapping[str, str]) -> frozenset[str]:
    # Group names may hold spaces ("Atlas editors"): only commas separate them.
    names = environ.get("ATLAS_EDITOR_GROUPS", "").split(",")
    return frozenset(name.strip() for name in names if name.strip())


def _hours(environ: Mapping[str, str], default: int) -> int:
    value = environ.get("ATLAS_SIGNIN_HOURS", "").strip()
    if not value:
        return default
    if not value.isdigit() or not 1 <= int(value) <= 24 * 90:
        raise ValueError(f"ATLAS_SIGNIN_HOURS={value!r}: give a whole number of hours, 1-2160")
    return int(value)


def import_workers(environ: Mapping[str, str] | None = None) -> int:
    """Processes that validate an import's batches (`ATLAS_IMPORT_WORKERS`, by default 1:
    everything in this process). Each costs a Python start and its batches' decoding:
    they pay only on cores nobody else uses (bench/store.md)."""
    value = (os.environ if environ is None else environ).get("ATLAS_IMPORT_WORKERS", "").strip()
    if not value:
        return Settings.import_workers
    if not value.isdigit() or not 1 <= int(value) <= 64:
        raise ValueError(f"ATLAS_IMPORT_WORKERS={value!r}: give a whole number, 1-64")
    return int(value)


def from_env(environ: Mapping[str, str] | None = None) -> Settings:
    """Resolve the settings from environment variables (os.environ by default). With a
    shared store, the layers, seeds and data are the replica's copy of it."""
    env = os.environ if environ is None else environ
    found = _from(env)
    if found.store_url is None:
        return found
    copy = store_copy(found.store_url, found.cache_dir)
    return replace(
        found, layers_dir=copy / "layers", seeds_dir=copy / "seeds", data_dir=copy / "data",
        compiled_dir=copy / "compiled",
    )  # fmt: skip


def store_copy(url: str, cache_dir: Path) -> Path:
    """Where a replica keeps its copy of the shared store at `url` (one per database)."""
    parts = urlsplit(url)
    where = f"{parts.hostname or 'localhost'}:{parts.port or 5432}{parts.path}"
    return cache_dir / f"store-{hashlib.blake2b(where.encode(), digest_size=8).hexdigest()}"


def _from(env: Mapping[str, str]) -> Settings:
    return Settings(
        tiles=_tiles(env),
        layers_dir=_path(env, "ATLAS_LAYERS_DIR", Settings.layers_dir),
        seeds_dir=_path(env, "ATLAS_SEEDS_DIR", Settings.seeds_dir),
        data_dir=_path(env, "ATLAS_DATA_DIR", Settings.data_dir),
        compiled_dir=Path(v) if (v := env.get("ATLAS_COMPILED_DIR", "").strip()) else None,
        max_layer_mb=_megabytes(env, Settings.max_layer_mb),
        max_article_chars=_characters(env, Settings.max_article_chars),
        max_ingest_seconds=_seconds(env, Settings.max_ingest_seconds),
        edit=env.get("ATLAS_EDIT", "").strip() == "1",
        edit_token=env.get("ATLAS_EDIT_TOKEN", "").strip() or None,
        editors=_editors(env),
        editor_groups=_groups(env),
        group_claim=env.get("ATLAS_GROUP_CLAIM", "").strip() or Settings.group_claim,
        signin_hours=_hours(env, Settings.signin_hours),
        store_url=_store(env),
        cache_dir=_path(env, "ATLAS_CACHE_DIR", Settings.cache_dir),
        import_workers=import_workers(env),
    )


def _store(environ: Mapping[str, str]) -> str | None:
    value = environ.get("ATLAS_STORE", "").strip()
    if not value or value.lower() == "files":
        return None
    if not value.startswith(("postgresql://", "postgres://")):
        scheme = value.split(":", 1)[0][:20]  # never echo the rest: it may hold a password
        raise ValueError(f"ATLAS_STORE: give 'files' or a postgresql:// URL, not {scheme!r}…")
    return value
