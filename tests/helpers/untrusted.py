"""Folders holding every kind of untrusted entry of issue 14, beside the real data.

`make_mix` copies the real layers and seeds and adds one culprit per failure class:
a stray reference layer, special files, links out of the folder, a bad seed, a file of
endless problems, non-finite numbers, repeated keys, numbers as strings, non-Point
geometry. `CULPRITS` says what the one message about each must contain.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import unicodedata
from pathlib import Path
from typing import Any

from tests.helpers.data import LAYERS, SEEDS, copy_layers, read_layer

# Layer culprits: file -> what its message says.
LAYER_CULPRITS = {
    "stray_border.geojson": "also claims to be the border reference layer",
    "pipe.geojson": "named pipe",
    "zero.geojson": "outside its folder",
    "folder.geojson": "is a directory",
    "dangling.geojson": "link to nothing",
    "endless.geojson": "checking stopped after 50 problems",
    "nan_claim.geojson": "not a finite JSON number",
    "repeated_key.geojson": "repeats the key 'status'",
    "string_number.geojson": "border_distance_km",
    "line.geojson": "only Point geometries are supported",
}
SEED_CULPRITS = {
    "bad_utf8.txt": "not valid UTF-8",
    "x.txt": "is a directory",
    "pipe.txt": "named pipe",
    "passwd.txt": "outside its folder",
}
CULPRITS = {**LAYER_CULPRITS, **SEED_CULPRITS}
STRAY_BORDER = {
    "type": "FeatureCollection",
    "atlas:reference": "border",
    "features": [
        {
            "type": "Feature",
            "properties": {},
            "geometry": {"type": "LineString", "coordinates": [[68.0, 37.0], [69.0, 37.5]]},
        }
    ],
}


def real_feature(new_id: str) -> dict[str, Any]:
    """A valid feature of the real layers under a new id, with no links; one with a point
    (placed only in a band, a side or a country, it would be drawn as that area)."""
    names = ("incidents", "diplomacy", "sites")  # every incident is placed only in a band
    features = [f for n in names for f in read_layer(LAYERS / f"{n}.geojson")["features"]]
    wide = ("border", "border-side", "country")
    feature = copy.deepcopy(
        next(
            f
            for f in features
            if (f["properties"].get("uncertainty") or {}).get("shape") not in wide
        )
    )
    feature["id"] = feature["properties"]["id"] = new_id
    feature["properties"]["related"] = []
    return feature


def layer_text(*features: dict[str, Any], name: str | None = None) -> str:
    data: dict[str, Any] = {"type": "FeatureCollection", "features": list(features)}
    if name is not None:
        data["name"] = name
    return json.dumps(data, ensure_ascii=False, indent=1)


def _claim_nan() -> str:
    feature = real_feature("mix-nan-claim")
    feature["properties"]["claims"] = [
        {"name": "border-length-km", "value": "__NAN__", "unit": "km", "source": 0}
    ]
    return layer_text(feature).replace('"__NAN__"', "NaN")


def _repeated_key() -> str:
    feature = real_feature("mix-repeated-key")
    feature["properties"]["status"] = "__STATUS__"
    text = layer_text(feature)
    return text.replace('"status": "__STATUS__"', '"status": "retracted", "status": "reported"')


def _string_number() -> str:
    feature = real_feature("mix-string-number")
    feature["properties"]["border_distance_km"] = "3.6"
    return layer_text(feature)


def _line() -> str:
    feature = real_feature("mix-line")
    feature["geometry"] = {"type": "LineString", "coordinates": [[71.0, 38.0], [71.5, 38.1]]}
    return layer_text(feature)


def endless_text(size: int) -> str:
    """A FeatureCollection of empty features `{}` about `size` bytes long."""
    count = max(1, size // 3)
    return '{"type": "FeatureCollection", "features": [' + ",".join(["{}"] * count) + "]}"


def make_layers(dest: Path, endless_bytes: int = 5 * 1024 * 1024) -> Path:
    copy_layers(dest)
    (dest / "stray_border.geojson").write_text(json.dumps(STRAY_BORDER), encoding="utf-8")
    os.mkfifo(dest / "pipe.geojson")
    (dest / "zero.geojson").symlink_to("/dev/zero")
    (dest / "folder.geojson").mkdir()
    (dest / "dangling.geojson").symlink_to(dest / "gone.geojson")
    (dest / "endless.geojson").write_text(endless_text(endless_bytes), encoding="utf-8")
    texts = {
        "nan_claim.geojson": _claim_nan(),
        "repeated_key.geojson": _repeated_key(),
        "string_number.geojson": _string_number(),
        "line.geojson": _line(),
    }
    for name, text in texts.items():
        (dest / name).write_text(text, encoding="utf-8")
    return dest


def make_seeds(dest: Path) -> Path:
    shutil.copytree(SEEDS, dest)
    (dest / "bad_utf8.txt").write_bytes(b"A seed no layer cites, \xff broken")
    (dest / "x.txt").mkdir()
    os.mkfifo(dest / "pipe.txt")
    (dest / "passwd.txt").symlink_to("/etc/passwd")
    return dest


def make_mix(root: Path, endless_bytes: int = 5 * 1024 * 1024) -> tuple[Path, Path]:
    """(layers, seeds): the real data plus every culprit."""
    return make_layers(root / "layers", endless_bytes), make_seeds(root / "seeds")


NFD_SEED = "nfd.txt"
NFD_TEXT = unicodedata.normalize("NFD", "Dépêche: réunion à Khorugh, près de la frontière.\n")


def nfd_feature(excerpt_form: str) -> dict[str, Any]:
    """A feature quoting 'réunion à Khorugh' from the NFD seed, the excerpt in a given form."""
    written = unicodedata.normalize("NFD", "réunion à Khorugh")
    start = NFD_TEXT.index(written)
    excerpt = unicodedata.normalize(excerpt_form, written)
    feature = real_feature("mix-nfd-excerpt")
    feature["properties"]["sources"] = [
        {
            "doc": NFD_SEED,
            "lang": "en",
            "excerpt": excerpt,
            "start": start,
            "end": start + len(excerpt),
            "translation": "meeting in Khorugh",
        }
    ]
    feature["properties"]["claims"] = []
    feature["properties"]["evidence"] = []  # it cited the replaced sources
    return feature


# Markdown and HTML that must reach the page as literal text wherever a name is shown.
MARKUP = "![t](http://host.invalid/x.png) <img src=x onerror=alert(1)> **bold** [l](javascript:x)"
