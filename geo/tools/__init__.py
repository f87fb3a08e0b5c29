"""Command-line tools for curators: validate, curate, annotate, build boundaries."""
