"""The shown events' downloads under the table: GeoJSON, the offline copy, ACLED's CSV
and GeoParquet, each built when clicked from the Dataset shown then."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from geo import export
from geo.areas import SEP, frame_areas
from geo.choices import date_extent
from geo.dataset import Dataset
from geo.filters import Filters
from geo.view.downloads import file_stem
from geo.view.offline import offline_html
from ui import live


def downloads(
    data: Dataset, shown: pd.DataFrame, filters: Filters, area: str, near: str, words: str
) -> None:
    """The shown events' downloads, named by the filters (`near`: the place radius's
    words: three views are three files, not copies of one name), the offline copy
    stating `words`: every filter of the view in words."""
    stem = file_stem(filters, area, date_extent(data.frame), near)
    left, middle, right, last = st.columns(4)
    # Callables: the files are built when asked for, not on every rerun, from the Dataset
    # shown then and the shown rows' ids. Never the Dataset or the shown frame itself: a
    # download's callable stays with the session until its next run, and so would they.
    ids = shown["id"].to_numpy()
    left.download_button(
        "Download GeoJSON",
        _later(_geojson, ids),
        file_name=f"{stem}.geojson",
        mime="application/geo+json",
        on_click="ignore",
    )
    right.download_button(
        "Download CSV (ACLED columns)",
        _later(_acled_csv, ids),
        file_name=f"{stem}.csv",
        mime="text/csv",
        on_click="ignore",
    )
    middle.download_button(
        "Download this view as HTML",
        _later(lambda data, rows: offline_html(data, rows, words), ids),
        file_name=f"{stem}.html",
        mime="text/html",
        on_click="ignore",
        help="One file with the map, every shown event's facts and excerpts, the legend "
        "and the filters used; it opens in any browser with no server or network.",
    )
    last.download_button(
        "Download GeoParquet",
        _later(_geoparquet, ids),
        file_name=f"{stem}.parquet",
        mime="application/vnd.apache.parquet",
        on_click="ignore",
        help="The CSV's columns, typed, with a point geometry (WGS84): for QGIS, "
        "geopandas or DuckDB.",
    )


def _later(build: Callable[[Dataset, pd.DataFrame], Any], ids: np.ndarray) -> Callable[[], Any]:
    """A download made when clicked: `build` given the Dataset shown then and the rows of
    these ids, as the filters shaped them (no search columns, the frame's order)."""

    def make() -> Any:
        data = live.dataset()
        if data is None:
            return b""
        frame = data.frame
        keep = [c for c in frame.columns if c not in ("search_text", "search_names")]
        return build(data, frame.loc[frame["id"].isin(ids).to_numpy(), keep])

    return make


def _geojson(data: Dataset, rows: pd.DataFrame) -> Any:
    return export.to_geojson(_shown_features(data, rows), data.manifest)


def _acled_csv(data: Dataset, rows: pd.DataFrame) -> Any:
    return export.to_acled_csv(_shown_features(data, rows), data.manifest, _areas(data, rows))


def _geoparquet(data: Dataset, rows: pd.DataFrame) -> Any:
    return export.to_geoparquet(_shown_features(data, rows), data.manifest, _areas(data, rows))


def _areas(data: Dataset, rows: pd.DataFrame) -> export.Areas:
    """Each shown event's province, district (its own name, without the province's) and
    what gave them, as the atlas's area filter and charts count it."""
    areas = frame_areas(data.frame).loc[rows.index]
    district = areas["admin2"].astype(str).str.split(SEP, n=1).str[-1]
    return dict(
        zip(
            rows["id"],
            zip(areas["admin1"].astype(str), district, areas["basis"].astype(str), strict=True),
            strict=True,
        )
    )


def _shown_features(data: Dataset, shown: pd.DataFrame) -> list:
    """Every shown event (not just the table's page), looked up when a file is asked for."""
    return [data.features[i] for i in shown["id"]]
