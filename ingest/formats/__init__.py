"""The wire formats, each read into one ``WireCopy``: pure Python, no Django."""
