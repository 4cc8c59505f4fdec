"""Ingest: the wire formats and everything that reads or writes them."""
