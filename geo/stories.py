"""Stories: a title and ordered steps through events, told in the curator's words.

A story is a JSON file in `<layers dir>/stories/NAME.json`, validated like a layer: a
file that fails is reported (file, step, field, message) and the others still load. A
step names one or more loaded events, may set the map view, and says in a sentence or
two why this step matters; the events' own sources carry the evidence.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import pydantic
from pydantic import BaseModel, ConfigDict, Field, StrictInt

from geo.checks import pydantic_problems
from geo.errors import Problem
from geo.io import read_json
from geo.model import Slug, Text

STORIES_SUBDIR = "stories"
STORY_SUFFIX = ".json"
# Steps are read one screen at a time: a short text, not an essay.
MAX_STEP_CHARS = 1_200


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MapView(_Strict):
    """Where the map looks for a step: centre and zoom."""

    # JSON numbers only: "38.5" in quotes or true are data errors, as in layers.
    lat: Annotated[float, Field(strict=True, allow_inf_nan=False, ge=-90, le=90)]
    lon: Annotated[float, Field(strict=True, allow_inf_nan=False, ge=-180, le=180)]
    zoom: Annotated[StrictInt, Field(ge=1, le=18)]


class StoryStep(_Strict):
    """One step: the event(s) it shows, an optional view, the curator's short text."""

    events: Annotated[list[Slug], Field(min_length=1, max_length=20)]
    view: MapView | None = None
    text: Annotated[str, Field(min_length=1, max_length=MAX_STEP_CHARS)]


class Story(_Strict):
    """A titled, ordered sequence of steps."""

    title: Text
    summary: str | None = None
    steps: Annotated[list[StoryStep], Field(min_length=1, max_length=100)]


@dataclass(frozen=True)
class Stories:
    """Every valid story of a directory by name (file stem), and what was wrong."""

    stories: Mapping[str, Story] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()


def stories_dir(layers_dir: Path) -> Path:
    """Where a layers directory keeps its stories."""
    return Path(layers_dir) / STORIES_SUBDIR


def _step_label(loc: tuple) -> str | None:
    """'step 2' (1-based, as a reader counts) for an error inside steps[1]."""
    if len(loc) >= 2 and loc[0] == "steps" and isinstance(loc[1], int):
        return f"step {loc[1] + 1}"
    return None


def load_story(path: Path, event_ids: Collection[str]) -> tuple[Story | None, list[Problem]]:
    """Read and validate one story file; every step's events must be loaded."""
    data, problems = read_json(path)
    if problems:
        return None, problems
    try:
        story = Story.model_validate(data)
    except pydantic.ValidationError as exc:
        found = pydantic_problems(path.name, "", exc)
        steps = [_step_label(tuple(e["loc"])) for e in exc.errors(include_url=False)]
        return None, [
            Problem(path.name, step, _field(p.field, step), p.message)
            for p, step in zip(found, steps, strict=True)
        ]
    missing = [
        Problem(path.name, f"step {n}", f"events[{i}]", f"no loaded event has id {eid!r}")
        for n, step in enumerate(story.steps, start=1)
        for i, eid in enumerate(step.events)
        if eid not in event_ids
    ]
    return (None, missing) if missing else (story, [])


def _field(path: str | None, step: str | None) -> str | None:
    """Drop the `steps[n].` prefix when the step is already named."""
    if path and step and path.startswith("steps["):
        rest = path.split("]", 1)[1].lstrip(".")
        return rest or None
    return path


def load_stories(directory: Path, event_ids: Collection[str]) -> Stories:
    """Load every story file of a directory (none there: no stories, no problem)."""
    stories: dict[str, Story] = {}
    problems: list[Problem] = []
    directory = Path(directory)
    if directory.is_symlink() and not directory.resolve().is_relative_to(
        directory.parent.resolve()
    ):
        message = "is a link to a folder outside the layers folder; not read"
        return Stories({}, (Problem(directory.name, None, None, message),))
    for path in sorted(directory.glob(f"*{STORY_SUFFIX}")):
        story, found = load_story(path, event_ids)
        problems += found
        if story is not None:
            stories[path.stem] = story
    return Stories(stories, tuple(problems))


def step_index(story: Story, raw: object) -> int:
    """The 0-based step a URL's 1-based `step` value names, clamped; junk means the first."""
    try:
        number = int(str(raw).strip())
    except ValueError:
        return 0
    return min(max(number, 1), len(story.steps)) - 1
