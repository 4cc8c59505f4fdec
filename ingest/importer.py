"""Wire copy in and out, the front door: import files as articles, export articles as files.

Commands, admin actions and tests all call these; they hold the rules, the
callers only wire them. Each concern has its module: ``one_file`` (one file,
one transaction, one revision), ``batch`` (many files in chunks), ``saving``
(the article and credit rows both paths write), ``revisions`` (bulk
revisions), ``exporter``, ``results`` and ``wire_files``.

Importing many files batches its writes (see ``import_wire_files``) but keeps
every per-file guarantee of ``import_wire_file``: a file lands whole or not at
all, a bad file never costs the good ones, an unchanged file writes nothing,
and each imported file gets its own revision.
"""

from __future__ import annotations

from ingest.batch import IMPORT_CHUNK_SIZE, import_wire_files
from ingest.exporter import export_articles, wire_copy_from_article, wire_text_for
from ingest.one_file import import_wire_file
from ingest.results import ImportOutcome, ImportResult, ImportSummary
from ingest.saving import save_wire_copy
from ingest.wire_files import WIRE_FILE_SUFFIX, find_wire_files, source_id_for

__all__ = [
    "IMPORT_CHUNK_SIZE",
    "WIRE_FILE_SUFFIX",
    "ImportOutcome",
    "ImportResult",
    "ImportSummary",
    "export_articles",
    "find_wire_files",
    "import_wire_file",
    "import_wire_files",
    "save_wire_copy",
    "source_id_for",
    "wire_copy_from_article",
    "wire_text_for",
]
