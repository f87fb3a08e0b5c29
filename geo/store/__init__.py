"""One store behind the atlas: every read (`snapshot`) and every write (`write`) of layers.

`FileStore` keeps the files on one disk with a compiled read model beside them;
`PostgisStore` keeps them in a shared PostgreSQL + PostGIS database (`ATLAS_STORE`), each
replica reading its own compiled copy. `open_store(settings)` gives the store the
settings name; `store_for(layers_dir, …)` the one that writes a given layers directory.
"""

from __future__ import annotations

from pathlib import Path

from geo import settings
from geo.io import MAX_LAYER_BYTES
from geo.settings import Settings
from geo.store.base import Store, WriteConflict
from geo.store.files import FileStore
from geo.store.pg import StoreUnavailable

__all__ = ["FileStore", "Store", "StoreUnavailable", "WriteConflict", "open_store", "store_for"]


def open_store(env: Settings) -> Store:
    """The store the settings describe: the shared database, or files."""
    if env.store_url:
        from geo.store.postgis import PostgisStore  # psycopg only when a database is used

        return PostgisStore(env.store_url, env.cache_dir, max_layer_bytes=env.max_layer_bytes)
    return FileStore(
        env.layers_dir,
        env.seeds_dir,
        env.data_dir,
        compiled_dir=env.compiled_dir,
        max_layer_bytes=env.max_layer_bytes,
    )


def store_for(
    layers_dir: Path,
    seeds_dir: Path | None = None,
    data_dir: Path | None = None,
    *,
    compiled_dir: Path | None = None,
    max_layer_bytes: int = MAX_LAYER_BYTES,
) -> Store:
    """The store that writes `layers_dir`: the shared store when it is the replica's copy
    of it (every write then reaches the database), else those files."""
    env = settings.from_env()
    if env.store_url and Path(layers_dir).resolve() == env.layers_dir.resolve():
        return open_store(env)
    return FileStore(
        layers_dir,
        seeds_dir or env.seeds_dir,
        data_dir or env.data_dir,
        compiled_dir=compiled_dir,
        max_layer_bytes=max_layer_bytes,
    )
