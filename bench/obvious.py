"""The obvious implementation, for comparison: everything rebuilt and sent on every rerun.

One `folium.Marker` with an escaped popup per event, the whole table, an Altair chart
with every row inlined, and the GeoJSON and CSV downloads, as a first version would do.
"""

from __future__ import annotations

import html
import json
import time
from pathlib import Path
from typing import Any

import altair as alt
import folium
import pandas as pd

MEASURED_MAX = 10_000  # above this the build is measured on 10,000 and scaled (unless full)


def _features(layers: Path) -> list[dict[str, Any]]:
    feats = []
    for path in sorted(layers.glob("*.geojson")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if "atlas:reference" not in data:
            feats += data["features"]
    return feats


def _page_bytes(feats: list[dict[str, Any]]) -> int:
    m = folium.Map(location=[37.5, 69.5], zoom_start=6, tiles=None)
    for f in feats:
        p, (lon, lat) = f["properties"], f["geometry"]["coordinates"]
        popup = folium.Popup(html.escape(f"{p['title']}: {p['summary']}"), max_width=300)
        folium.Marker([lat, lon], popup=popup, tooltip=html.escape(p["title"])).add_to(m)
    page = m.get_root().render()
    flat = [
        {k: v for k, v in f["properties"].items() if not isinstance(v, dict | list)} for f in feats
    ]
    rows = pd.DataFrame(flat)
    table = rows.to_json(orient="records")
    with alt.data_transformers.disable_max_rows():  # the obvious page inlines every row
        chart = alt.Chart(rows).mark_tick().encode(x="date_start:T", color="event_type")
        spec = chart.to_json()
    downloads = json.dumps({"type": "FeatureCollection", "features": feats}) + rows.to_csv()
    return len(page) + len(table) + len(spec) + len(downloads)


def figures(
    layers: Path, _data: Path, count: int, full: bool = False, can: bool = True
) -> dict[str, Any]:
    """Seconds and bytes of one obvious rerun over the layers' events (`can`: whether it
    can read them at all; it reads GeoJSON only, not an imported GeoParquet layer)."""
    if not can:
        return {
            "seconds": float("nan"),
            "bytes": float("nan"),
            "note": " (cannot run)",
            "count": count,
        }
    feats = _features(layers)
    built = feats if full or len(feats) <= MEASURED_MAX else feats[:MEASURED_MAX]
    start = time.perf_counter()
    size = _page_bytes(built)
    seconds = time.perf_counter() - start
    scale = len(feats) / len(built)
    note = "" if scale == 1 else f" (measured on {len(built):,}, ×{scale:.1f})"
    return {"seconds": seconds * scale, "bytes": size * scale, "note": note, "count": count}
