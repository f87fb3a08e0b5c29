"""Colours and marks the map, legend and charts share: defined once."""

from __future__ import annotations

from geo.model import WITHDRAWN_STATUSES, EventType

EVENT_TYPE_COLOURS: dict[str, str] = {
    EventType.BATTLES: "#d62728",
    EventType.EXPLOSIONS: "#ff7f0e",
    EventType.VIOLENCE_AGAINST_CIVILIANS: "#8c564b",
    EventType.STRATEGIC: "#1f77b4",
    EventType.SITE: "#2ca02c",
    EventType.MEETING: "#17becf",
    EventType.STATEMENT: "#9467bd",
    EventType.REPORT: "#e377c2",
}
OTHER_COLOUR = "#777777"  # an event type the palette does not know (imported data)
# The edge of an area whose events have no point (a band, a side, a country): its outline
# on the map and in the pictures, the no-point box, the legends.
NO_POINT_COLOUR = "#5a3d00"
LAYER_OUTLINES = ["#111111", "#555555", "#0b3d91", "#7a1f5c", "#3b5e2b", "#8a6d00", "#004d4d"]
# Drawn hollow and dashed: the claim was denied or retracted.
HOLLOW_STATUSES = frozenset(str(s) for s in WITHDRAWN_STATUSES)


def colour_of(event_type: str) -> str:
    """Fill colour of an event type."""
    return EVENT_TYPE_COLOURS.get(event_type, OTHER_COLOUR)


def outline_of(layer_index: int) -> str:
    """Outline colour of the n-th event layer."""
    return LAYER_OUTLINES[layer_index % len(LAYER_OUTLINES)]
