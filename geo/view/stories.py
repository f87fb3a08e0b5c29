"""What a story step shows above the panel: where we are and the curator's words."""

from __future__ import annotations

from geo.stories import Story
from geo.view.html import Html, join, tag


def step_heading(story: Story, index: int) -> Html:
    """'The Reuters patrol report … — step 2 of 5'."""
    return tag(
        "h4",
        tag("span", story.title, dir="auto"),
        tag("small", f" — step {index + 1} of {len(story.steps)}"),
        class_="atlas-story-heading",
    )


def step_text(story: Story, index: int) -> Html:
    """The step's text, set apart from the sources it introduces."""
    return tag(
        "div",
        tag("p", story.steps[index].text, dir="auto"),
        class_="atlas-story-step",
        style="border-inline-start:4px solid #7a5ea8;background:#f6f2fb;padding:6px 10px;"
        "margin:4px 0 10px;border-radius:4px",
    )


def step_block(story: Story, index: int) -> Html:
    """Heading and text of one step, to place above the event's panel."""
    return join([step_heading(story, index), step_text(story, index)])
