"""Published event datasets (UCDP GED, ACLED) as the core knows them.

What a row of each means (`ucdp.py`, `acled.py`, with the rules written at the top), the data
folder that keeps the files as published (`folder.py`, `datasets.json`), and each imported
event checked against its row (`verify.py`). The core loads layers with these; the importers
(`geo/importers/`) write layers with them. Nothing here imports an importer.
"""
