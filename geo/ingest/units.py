"""Border posts and detachments, read as the district they lie in.

Reports place an incident "near the 1st border post «Istiqlol» of the «Yol» detachment"
and often name no district. `geo/vocab/units.json` says which gazetteer place each unit
lies in, and which report says so; a unit's name counts only in quotes or with its kind
word after it ("the Yol Border Detachment"), since bare, "Istiqlol" is a town of Sughd and
"Сад" a garden. The hit is the unit's place, with a note naming the unit: never a point of
the unit's own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from geo.ingest.matching import Hit, find_names
from geo.ingest.reasons import PlaceReason
from geo.vocab import Place, Unit

# An opening quote right before the name: «Ёл», "Istiqlol", “Истиқлол”.
_QUOTED = re.compile(r"[«\"“„'‘]\s*$")
# The unit's kind word right after an unquoted Latin name: "Yol Border Detachment".
_KIND_AFTER = re.compile(
    r"\s+(?:border\s+)?(?:guard\s+)?(?:detachment|post|outpost|frontier\s+post)\b", re.I
)


def quoted(text: str, start: int) -> bool:
    """Whether an opening quote stands right before text[start]."""
    return bool(_QUOTED.search(text[max(0, start - 3) : start]))


def find_units(
    text: str, units: Mapping[str, Unit], places: Mapping[str, Place], found: list[Hit]
) -> list[Hit]:
    """The units named in text as hits on their places, none overlapping `found`."""
    names = [(s, u.id) for u in units.values() if u.place in places for s in u.spellings]
    taken = [(h.start, h.end) for h in found]
    out = []
    for hit in find_names(text, names):
        unit = units[hit.key]
        if any(a < hit.end and hit.start < b for a, b in taken):
            continue
        if not (quoted(text, hit.start) or _KIND_AFTER.match(text, hit.end)):
            continue
        out.append(_on_place(hit, unit, places[unit.place]))
    return out


def _on_place(hit: Hit, unit: Unit, place: Place) -> Hit:
    note = (
        f"'{hit.text}' is the {unit.name}: it lies in {place.names['en']} ({unit.source}); "
        "drawn at that place, the unit has no point of its own here"
    )
    return Hit(hit.start, hit.end, place.id, hit.text, note, frozenset({PlaceReason.UNIT}))
