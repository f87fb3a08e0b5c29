"""Ingest: candidate events from a new article, for a person to review, edit and accept."""

from geo.ingest.candidates import propose, read_article

__all__ = ["propose", "read_article"]
