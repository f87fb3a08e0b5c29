"""Hostile fixtures: layers and seeds directories that mix them with the real ones."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers.data import SEEDS, copy_layers

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "hostile"
HUGE = "huge.geojson"

# fixture file -> (feature or None, field or None, what the message must say);
# None as the message: the layer is valid and must be shown, literally.
CASES = {
    "xss_valid.geojson": None,
    "invalid_json.geojson": (None, None, "invalid JSON at line 2"),
    "not_collection.geojson": (None, "type", "expected a GeoJSON FeatureCollection"),
    "missing_properties.geojson": ("half-done", "summary", "Field required"),
    "swapped_coords.geojson": ("swapped-coordinates", "geometry", "lon and lat look swapped"),
    "unknown_actor.geojson": ("unknown-actor", "actors[0]", "unknown actor 'Martians'"),
    "zz_duplicate_id.geojson": (
        "site-afghan-consulate-khorugh",
        "id",
        "duplicate id; first used in sites.geojson",
    ),
    "excerpt_not_in_seed.geojson": (
        "excerpt-not-in-seed",
        "sources[0].excerpt",
        "does not occur in the seed",
    ),
    "related_missing.geojson": ("related-missing", "related[0]", "no feature has id"),
    "bidi_title.geojson": ("bidi-title", "title", "U+202E"),
    "deep_nesting.geojson": (None, None, "nests deeper than 32 levels"),
    HUGE: (None, None, "the limit is 25 MB"),
}


def make_seeds(dest: Path) -> Path:
    """Real seeds plus the hostile one, with a manifest entry for it."""
    shutil.copytree(SEEDS, dest)
    shutil.copy(FIXTURES / "hostile_seed.txt", dest / "hostile_seed.txt")
    manifest = json.loads((dest / "sources.json").read_text(encoding="utf-8"))
    manifest["sources"].append(
        {
            "file": "hostile_seed.txt",
            "lang": "en",
            "outlet": "<script>alert('outlet')</script>",
            "outlet_note": "test fixture",
            "published": None,
            "published_note": "test fixture",
            "title_en": "<img src=x onerror=alert('seed')>",
            "sha256": "",
        }
    )
    (dest / "sources.json").write_text(json.dumps(manifest), encoding="utf-8")
    return dest


def make_layers(dest: Path, only: str | None = None) -> Path:
    """Real layers plus the hostile fixtures (or just one of them)."""
    copy_layers(dest)
    for name in CASES:
        if only not in (None, name):
            continue
        if name == HUGE:
            padding = " " * (26 * 1024 * 1024)
            (dest / name).write_text('{"type": "FeatureCollection", "features": []}' + padding)
        else:
            shutil.copy(FIXTURES / name, dest / name)
    return dest
