"""Formula-safe CSV (OWASP): a spreadsheet opening the export shows text, never runs it.

Issue 26's probe put `=HYPERLINK(…)` in an imported ACLED row's notes, `=1+2` and
`@SUM(1,1)` in its actors, `+cmd|' /C calc'!A0` and `-2+3` in its source, a curated summary,
an outlet and an excerpt starting with `=`: the CSV wrote them verbatim. Every CSV cell now
starts with `'` when it would start a formula; the GeoJSON and the offline HTML keep the
text as written; the ACLED importer reads an escaped cell back as it was.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.elements.widgets.button import ButtonMixin

from geo.csvsafe import formula_safe
from geo.dataset import load_dataset
from geo.export import to_acled_csv, to_geojson
from geo.importers.__main__ import main as import_main
from geo.model import EventFeature
from tests.helpers.apptest import run_app
from tests.helpers.data import LAYERS, ROOT, SEEDS, read_layer

ACLED = ROOT / "tests" / "fixtures" / "acled" / "acled_export_fixture.csv"
HYPERLINK = '=HYPERLINK("http://evil.example/x","click")'
# What the probe wrote into one ACLED row, column by column.
HOSTILE = {
    "notes": HYPERLINK,
    "actor1": "=1+2",
    "assoc_actor_1": "@SUM(1,1)",
    "actor2": "+cmd|' /C calc'!A0",
    "source": "-2+3",
}


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+2", "'=1+2"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(1,1)", "'@SUM(1,1)"),
        ("\t=1+2", "'\t=1+2"),
        ("\r=1+2", "'\r=1+2"),
        ("＝1+2", "'＝1+2"),  # full-width, which some spreadsheets fold into '='
        ("-", "'-"),
        ("-2.5", "-2.5"),  # plain numbers stay numbers
        ("+3", "+3"),
        ("-1e-05", "-1e-05"),
        ("-.5", "-.5"),
        ("2025-11-27", "2025-11-27"),
        ("a = b", "a = b"),
        ("", ""),
        (-2.5, -2.5),
        (None, None),
    ],
)
def test_formula_starts_get_a_quote_and_plain_numbers_stay(cell, written):
    assert formula_safe(cell) == written


def _hostile_csv(tmp_path: Path) -> Path:
    """The ACLED fixture with the probe's cells in its first row."""
    with ACLED.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows[0].update(HOSTILE)
    path = tmp_path / "acled_hostile.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def hostile_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """The shipped layers plus the hostile ACLED file, imported by the command line."""
    layers, data = tmp_path / "layers", tmp_path / "data"
    layers.mkdir()
    for path in LAYERS.glob("*.geojson"):
        (layers / path.name).write_bytes(path.read_bytes())
    args = ["acled", str(_hostile_csv(tmp_path)), "--out", str(layers / "acled.geojson")]
    args += ["--layers", str(layers), "--data", str(data), "--seeds", str(SEEDS)]
    assert import_main(args) == 0  # atlas-import's main, in this process
    for name, value in (("LAYERS", layers), ("DATA", data)):
        monkeypatch.setenv(f"ATLAS_{name}_DIR", str(value))
    monkeypatch.setenv("ATLAS_TILES", "none")
    return {"layers": layers, "data": data, "tmp": tmp_path}


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """What the page's download buttons serve, by mimetype (deferred files built)."""
    captured: dict[str, str] = {}
    original = ButtonMixin.download_button

    def record(self: Any, label: str, data: Any, *args: Any, **kwargs: Any) -> Any:
        built = data() if callable(data) else data
        mime = kwargs.get("mime", "")
        text = mime.startswith("text/") or mime.endswith("json")  # Parquet, PNG, PDF: bytes
        captured[mime] = built.decode() if text and isinstance(built, bytes) else built
        return original(self, label, data, *args, **kwargs)

    monkeypatch.setattr(ButtonMixin, "download_button", record)
    return captured


def test_the_pages_csv_download_runs_no_formula(hostile_app, downloads):
    at = run_app(undated="true")
    assert not at.exception
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(downloads["text/csv"]))}
    row = rows["TJK9001"]
    for column, cell in HOSTILE.items():
        assert row[column] == "'" + cell, column
    # Every cell of every row: none starts a formula.
    for fields in rows.values():
        for column, cell in fields.items():
            assert formula_safe(cell) == cell or cell.startswith("'"), (column, cell)
    assert row["latitude"] == "38.08304"  # numbers stay numbers


def test_the_geojson_and_the_offline_html_keep_the_text_verbatim(hostile_app, downloads):
    run_app(undated="true")
    geojson = json.loads(downloads["application/geo+json"])
    props = next(
        f["properties"] for f in geojson["features"] if f["properties"]["id"] == "acled-tjk9001"
    )
    assert props["dataset"]["cites"]["notes"] == HYPERLINK
    assert {"=1+2", "@SUM(1,1)", "+cmd|' /C calc'!A0"} <= set(props["actors"])
    page = downloads["text/html"]
    assert "=HYPERLINK(&quot;http://evil.example/x&quot;,&quot;click&quot;)" in page
    assert "'=1+2" not in page and "=1+2" in page


def test_an_escaped_export_imported_again_gives_the_same_text(hostile_app):
    layers, data_dir = hostile_app["layers"], hostile_app["data"]
    first = load_dataset(layers, SEEDS, data_dir)
    acled = [f for fid, f in first.features.items() if fid.startswith("acled-")]
    exported = hostile_app["tmp"] / "atlas_export.csv"
    exported.write_text(to_acled_csv(acled, first.manifest), encoding="utf-8")
    out = layers / "acled.geojson"
    args = ["acled", str(exported), "--out", str(out), "--replace", "acled", "--version", "2"]
    args += ["--layers", str(layers), "--data", str(data_dir), "--seeds", str(SEEDS)]
    assert import_main(args) == 0  # atlas-import's main, in this process
    again = {f["properties"]["id"]: f["properties"] for f in read_layer(out)["features"]}
    props = again["acled-tjk9001"]
    assert props["dataset"]["cites"]["notes"] == HYPERLINK
    assert props["dataset"]["cites"]["source"] == "-2+3"
    assert {"=1+2", "@SUM(1,1)", "+cmd|' /C calc'!A0"} <= set(props["actors"])
    assert not load_dataset(layers, SEEDS, data_dir).problems  # verified against the file


def test_curated_text_and_the_outlet_are_escaped_too(data):
    feat = data.features["attack-workers-chinese-tajik-company-2025-11-27"]
    raw = feat.model_dump(mode="json")
    raw["properties"]["summary"] = "=1+2 summary"
    source = raw["properties"]["sources"][0]
    source.update(excerpt="@excerpt", end=source["start"] + len("@excerpt"))
    changed = EventFeature.model_validate(raw)
    doc = changed.properties.sources[0].doc
    manifest = {**data.manifest, doc: dataclasses.replace(data.manifest[doc], outlet="-2+3")}
    row = next(csv.DictReader(io.StringIO(to_acled_csv([changed], manifest))))
    assert (row["notes"], row["excerpt_original"]) == ("'=1+2 summary", "'@excerpt")
    assert row["source"].startswith("'-2+3")
    exported = json.loads(to_geojson([changed], manifest))["features"][0]["properties"]
    assert exported["summary"] == "=1+2 summary" and "-2+3" in exported["source_outlets"]


def test_the_tables_own_csv_download_runs_no_formula():
    """Streamlit's table toolbar downloads the shown cells as CSV: they are formula-safe."""
    from geo.dataset import table_frame

    frame = pd.DataFrame(
        {"title": ['=HYPERLINK("http://x","click")', "Plain", "-2+3"], "n": [1, 2, 3]}
    )
    frame["actors"] = [("@SUM(1,1)",), ("Taliban",), ()]
    shown = table_frame(frame, ["title", "actors", "n"])
    assert list(shown["title"]) == ['\'=HYPERLINK("http://x","click")', "Plain", "'-2+3"]
    assert list(shown["actors"]) == ["'@SUM(1,1)", "Taliban", ""]
    assert list(shown["n"]) == [1, 2, 3]
