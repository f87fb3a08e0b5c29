"""The border-length disagreement: stated lengths beside the measured line."""

from __future__ import annotations

from geo.dataset import load_dataset
from geo.view.about import (
    imported_counts,
    measured_length_km,
    origins_markdown,
    origins_of,
    stated_border_lengths,
)
from tests.helpers.data import LAYERS, SEEDS, read_layer


def test_both_stated_lengths_are_found_with_their_sources(data):
    stated = stated_border_lengths(data.features)
    assert [(s.km, s.doc[:3]) for s in stated] == [(1344, "003"), (1357, "002")]
    assert "1344" in stated[0].excerpt and "۱۳۵۷" in stated[1].excerpt


def test_measured_line_is_a_generalised_1_10m_border(data):
    km = measured_length_km(read_layer(LAYERS / "border.geojson"))
    # Natural Earth 1:10m cuts the Panj's bends: shorter than the ~1,350 km published.
    assert 1100 < km < 1400
    assert km < min(s.km for s in stated_border_lengths(data.features))


def test_the_origin_of_the_events_is_counted_from_the_data(data):
    words = origins_markdown(data.features, data.manifest)
    assert words.startswith(f"{len(data.features):,} events are curated by hand from 5 news")
    assert "Imported" not in words
    # From the frame's columns (the page's path): a categorical column counts every
    # category, the curated rows' empty one too; none is an imported dataset.
    assert origins_of(data) == words


def test_imported_events_are_counted_apart_by_dataset(imported_acled, data):
    layers, data_dir = imported_acled
    curated, data = data, load_dataset(layers, SEEDS, data_dir)
    counts = imported_counts(data.features)
    assert len(counts) == 1
    ((name, n),) = counts.items()
    assert name.startswith("ACLED export of ") and n == len(data.features) - len(curated.features)
    words = origins_markdown(data.features, data.manifest)
    assert words.startswith(f"{len(curated.features):,} events are curated")
    assert f"Imported events ({n:,} from ACLED export of" in words
