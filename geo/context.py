"""What loading and checks compare against: the seeds, their manifest, the vocabularies.

Built once by `load_context` and handed to the functions that need it, so a test or a
second seeds directory never reaches for module-level state.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from geo.errors import Problem
from geo.io import MAX_LAYER_BYTES
from geo.seeds import MANIFEST, SeedInfo, load_seeds, read_manifest
from geo.vocab import VOCAB_DIR, Actor, Place, load_actors, load_places


@dataclass(frozen=True)
class Context:
    """Seeds, manifest and vocabularies, plus what was wrong with them."""

    seeds: Mapping[str, str]
    actors: Mapping[str, Actor]
    places: Mapping[str, Place]
    manifest: Mapping[str, SeedInfo] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    unreadable: frozenset[str] = frozenset()  # seed files present but not readable
    data_dir: Path | None = None  # imported dataset files that imported events cite
    seeds_dir: Path | None = None  # where the seeds were read from (a write re-reads them)
    max_layer_bytes: int = MAX_LAYER_BYTES  # a bigger layer file is refused unread

    @property
    def seed_langs(self) -> dict[str, str]:
        """Language of each seed the manifest lists."""
        return {name: info.lang for name, info in self.manifest.items()}


def load_context(
    seeds_dir: Path,
    vocab_dir: Path = VOCAB_DIR,
    data_dir: Path | None = None,
    max_layer_bytes: int = MAX_LAYER_BYTES,
) -> Context:
    """Read seeds, manifest and vocabularies; a broken manifest or seed is a problem."""
    problems: list[Problem] = []
    try:
        manifest = read_manifest(seeds_dir)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        manifest = {}
        message = f"cannot read the manifest ({type(exc).__name__}: {exc}); "
        message += "seed languages are not checked and outlets show as not stated"
        problems.append(Problem(MANIFEST, None, None, message))
    seeds, seed_problems = load_seeds(seeds_dir)
    problems += seed_problems
    return Context(
        seeds=seeds,
        unreadable=frozenset(p.file for p in seed_problems),
        actors=load_actors(vocab_dir),
        places=load_places(vocab_dir),
        manifest=manifest,
        problems=tuple(problems),
        data_dir=data_dir,
        seeds_dir=Path(seeds_dir),
        max_layer_bytes=max_layer_bytes,
    )
