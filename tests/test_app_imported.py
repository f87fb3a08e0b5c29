"""Imported events in the app: a map click opens their panel with what the dataset cites."""

from __future__ import annotations

import pytest
import streamlit as st
import streamlit_folium
from bs4 import BeautifulSoup

from tests.helpers.apptest import html_blocks, map_event_ids, run_app
from tests.helpers.data import ROOT, imported_layers

ACLED = ROOT / "tests" / "fixtures" / "acled" / "acled_export_fixture.csv"
IMPORTED = "acled-tjk9001"
CURATED = "attack-workers-chinese-tajik-company-2025-11-27"


@pytest.fixture
def imported_app(tmp_path, monkeypatch):
    """The shipped layers plus the ACLED fixture imported, served by the app."""
    layers, data = imported_layers(tmp_path, "acled", ACLED)
    for name, value in (("LAYERS", layers), ("DATA", data)):
        monkeypatch.setenv(f"ATLAS_{name}_DIR", str(value))
    monkeypatch.setenv("ATLAS_TILES", "none")
    return layers


def _fake_click(monkeypatch, event_id: str) -> None:
    def fake_st_folium(*_args, key, on_change, **_kwargs):
        def clicked():
            st.session_state[key] = {
                "last_active_drawing": {"properties": {"id": event_id}},
                "last_object_clicked_count": 1,
            }
            on_change()

        st.button("fake map click", key="fake-click", on_click=clicked)
        return st.session_state.get(key)

    monkeypatch.setattr(streamlit_folium, "st_folium", fake_st_folium)


def test_imported_events_are_drawn_beside_the_curated(imported_app):
    at = run_app(undated="true")
    assert not at.exception
    ids = set(map_event_ids(at))
    curated = "site-afghan-consulate-khorugh"  # with a point (CURATED is a band: an area)
    assert {"acled-tjk9001", "acled-afg9002", "acled-afg9003", curated} <= ids


def test_clicking_an_imported_event_shows_what_the_dataset_cites(imported_app, monkeypatch):
    _fake_click(monkeypatch, IMPORTED)
    at = run_app()
    at.button(key="fake-click").click().run()
    assert not at.exception
    assert at.query_params["event"] == IMPORTED
    pages = [BeautifulSoup(b, "html.parser") for b in html_blocks(at)]
    cited = next(p for p in pages if p.find("table", class_="atlas-dataset"))
    heading = cited.find("h5").get_text()
    assert (
        heading.startswith("What ACLED export of ")
        and "row 1 of acled_export_fixture.csv" in heading
    )
    cells = [td.get_text() for td in cited.find_all("td")]
    assert "Invented Outlet" in cells
    labels = [b.label for b in at.button]
    assert any(label.startswith("Possibly the same incident") for label in labels)


def test_a_link_to_an_imported_event_restores_it(imported_app):
    at = run_app(event=IMPORTED)
    assert not at.exception
    assert at.session_state["event"] == IMPORTED


def test_an_imported_events_citation_comes_first_and_its_facts_say_who_coded_them(
    imported_app, monkeypatch
):
    _fake_click(monkeypatch, IMPORTED)
    at = run_app()
    at.button(key="fake-click").click().run()
    pages = [BeautifulSoup(b, "html.parser") for b in html_blocks(at)]
    cited = next(i for i, p in enumerate(pages) if p.find("table", class_="atlas-dataset"))
    facts = next(
        i
        for i, p in enumerate(pages)
        if p.find("table", class_="atlas-facts") and not p.find("table", class_="atlas-dataset")
    )
    assert cited < facts  # the dataset's citation before the facts it backs
    text = pages[facts].get_text(" ")
    assert "as ACLED codes it" in text
    assert "not stated in the sources" not in text
    assert "The dataset's dates:" in text
    assert "not coded by ACLED" in text  # injuries: ACLED has no such column
