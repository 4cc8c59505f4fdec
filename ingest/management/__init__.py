"""Management commands of the ingest app."""
