"""The import_articles and export_articles commands."""
