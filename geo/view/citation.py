"""What an imported event's dataset row says and cites, for the source panel."""

from __future__ import annotations

from geo.model import DatasetRow
from geo.view.html import Html, join, tag

# Labels for what each dataset cites, in the order a reader checks them.
CITE_LABELS = {
    "source_office": "Source office",
    "source_date": "Source date",
    "source_headline": "Headline",
    "source_article": "Article",
    "source_original": "Original source",
    "source": "Sources",
    "source_scale": "Source scale",
    "notes": "Notes",
}


def _row(label: str, value: object) -> Html:
    return tag("tr", tag("td", label), tag("td", str(value), dir="auto"))


def _heading(record: DatasetRow) -> str:
    return (
        f"What {record.dataset} {record.version} cites — row {record.row} of {record.file}, "
        f"event id {record.row_id}"
    )


def dataset_part(record: DatasetRow | None) -> Html:
    """The dataset's citation and its own codes; empty for a curated event."""
    if record is None:
        return Html("")
    cited = [_row(CITE_LABELS.get(k, k), v) for k, v in record.cites.items()]
    if not cited:
        cited = [_row("Sources", "the row cites no source")]
    codes = ", ".join(f"{k} {v}" for k, v in record.codes.items() if v not in (None, ""))
    return join(
        [
            tag("h5", _heading(record)),
            tag("table", *cited, class_="atlas-facts atlas-dataset"),
            tag("p", tag("small", f"Dataset codes: {codes}"), dir="auto"),
            tag("p", tag("small", f"Licence: {record.licence}")),
        ]
    )
