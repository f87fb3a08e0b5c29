"""Stories: files validated like layers, problems naming file and step; the step view."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from geo.stories import Story, load_stories, step_index, stories_dir
from geo.view.stories import step_block

IDS = {
    "attack-workers-chinese-tajik-company-2025-11-27",
    "report-reuters-withdraws-patrol-story-2025-12-03",
}
GOOD = {
    "title": "A story",
    "steps": [
        {"events": ["attack-workers-chinese-tajik-company-2025-11-27"], "text": "First."},
        {
            "events": ["report-reuters-withdraws-patrol-story-2025-12-03"],
            "view": {"lat": 38.0, "lon": 71.0, "zoom": 6},
            "text": "Second.",
        },
    ],
}


def _write(tmp_path: Path, data: object, name: str = "story.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return tmp_path


def test_shipped_stories_load_in_order(data):
    assert not [p for p in data.problems if p.file.endswith(".json")]
    reuters = data.stories["reuters-patrol-report"]
    assert reuters.title == "The Reuters patrol report: claim, denial, retraction"
    firsts = [step.events[0] for step in reuters.steps]
    assert firsts[-1] == "report-reuters-withdraws-patrol-story-2025-12-03"
    assert data.stories["27-november-and-after"].steps[0].events == [
        "attack-workers-chinese-tajik-company-2025-11-27"
    ]


def _step(n: int, **change) -> dict:
    story = json.loads(json.dumps(GOOD))
    story["steps"][n - 1].update(change)
    return story


BAD = [
    pytest.param(
        _step(2, events=["no-such-event"]),
        "step 2",
        "events[0]",
        "no loaded event",
        id="unknown-event",
    ),
    pytest.param(_step(1, events=[]), "step 1", "events", "at least 1", id="no-events"),
    pytest.param(
        _step(2, view={"lat": 95, "lon": 71, "zoom": 6}),
        "step 2",
        "view.lat",
        "less than or equal",
        id="lat-out-of-range",
    ),
    pytest.param(
        _step(2, view={"lat": 38, "lon": 71, "zoom": 40}),
        "step 2",
        "view.zoom",
        "less than or equal",
        id="zoom",
    ),
    pytest.param(
        _step(2, view={"lat": "38.5", "lon": 71, "zoom": 6}),
        "step 2",
        "view.lat",
        "valid number",
        id="lat-as-string",
    ),
    pytest.param(
        _step(2, view={"lat": 38, "lon": 71, "zoom": True}),
        "step 2",
        "view.zoom",
        "valid integer",
        id="zoom-as-boolean",
    ),
    pytest.param(_step(1, text=""), "step 1", "text", "at least 1", id="empty-text"),
    pytest.param(_step(1, text="x" * 5000), "step 1", "text", "at most", id="essay"),
    pytest.param(_step(1, colour="red"), "step 1", "colour", "Extra inputs", id="unknown-key"),
    pytest.param({**GOOD, "title": ""}, None, "title", "at least 1", id="no-title"),
    pytest.param({**GOOD, "steps": []}, None, "steps", "at least 1", id="no-steps"),
    pytest.param("{not json", None, None, "invalid JSON", id="broken-json"),
    pytest.param([1, 2], None, None, "valid dictionary", id="not-an-object"),
]


@pytest.mark.parametrize(("data", "step", "field", "message"), BAD)
def test_bad_story_is_reported_with_file_and_step(tmp_path, data, step, field, message):
    _write(tmp_path, GOOD, "good.json")
    loaded = load_stories(_write(tmp_path, data), IDS)
    assert list(loaded.stories) == ["good"]  # the good one still loads
    assert len(loaded.problems) == 1, loaded.problems
    problem = loaded.problems[0]
    assert (problem.file, problem.feature, problem.field) == ("story.json", step, field)
    assert message in problem.message


def test_no_stories_directory_is_no_problem(tmp_path):
    loaded = load_stories(stories_dir(tmp_path), IDS)
    assert not loaded.stories and not loaded.problems


@pytest.mark.parametrize(
    ("raw", "index"),
    [("1", 0), ("2", 1), ("9", 1), ("0", 0), ("-3", 0), ("two", 0), (None, 0), (" 2 ", 1)],
)
def test_step_from_the_url(raw, index):
    assert step_index(Story.model_validate(GOOD), raw) == index


def test_step_block_escapes_the_curators_words():
    story = Story.model_validate({**GOOD, "title": "<img src=x onerror=alert(1)>"})
    soup = BeautifulSoup(step_block(story, 1), "html.parser")
    assert soup.find("img") is None
    assert "step 2 of 2" in soup.get_text()
    assert soup.select_one(".atlas-story-step").get_text() == "Second."
