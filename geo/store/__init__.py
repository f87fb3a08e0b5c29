"""One store behind the atlas: every read (`snapshot`) and every write (`write`) of layers.

`FileStore` keeps the files on one disk with a compiled read model beside them;
`open_store(settings)` gives the store the settings name.
"""

from __future__ import annotations

from geo.settings import Settings
from geo.store.base import Store, WriteConflict
from geo.store.files import FileStore

__all__ = ["FileStore", "Store", "WriteConflict", "open_store"]


def open_store(env: Settings) -> FileStore:
    """The store the settings describe."""
    return FileStore(
        env.layers_dir,
        env.seeds_dir,
        env.data_dir,
        compiled_dir=env.compiled_dir,
        max_layer_bytes=env.max_layer_bytes,
    )
