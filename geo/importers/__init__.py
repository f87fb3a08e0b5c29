"""Importers for published event datasets (UCDP GED, ACLED): CSV rows to event features.

`python -m geo.importers ucdp|acled FILE.csv --out layers/NAME.geojson`; the CSV is kept
under the data folder with its SHA-256 in `datasets.json`, and every imported event
names its dataset, version, licence, file and row, so the validator can map the row
again and compare (`geo/published/verify.py`). What a row means lives in the core
(`geo/published/`), so loading a layer never imports an importer.
"""
