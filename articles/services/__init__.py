"""Business operations on articles, called by commands, admin actions, views and tests.

Writes live here; reads live in querysets (``Article.objects.visible()``).
"""

from articles.services.editorial import (
    EditConflict,
    TransitionNotAllowed,
    can_delete,
    can_edit,
    can_publish,
    merge_authors,
    publish,
    save_article,
    schedule,
    submit_for_review,
    unpublish,
)
from articles.services.wire import (
    ImportOutcome,
    ImportResult,
    ImportSummary,
    author_for,
    export_articles,
    find_wire_files,
    import_wire_file,
    import_wire_files,
    save_wire_copy,
    wire_copy_from_article,
    wire_text_for,
)

__all__ = [
    "EditConflict",
    "ImportOutcome",
    "ImportResult",
    "ImportSummary",
    "TransitionNotAllowed",
    "author_for",
    "can_delete",
    "can_edit",
    "can_publish",
    "export_articles",
    "find_wire_files",
    "import_wire_file",
    "import_wire_files",
    "merge_authors",
    "publish",
    "save_article",
    "save_wire_copy",
    "schedule",
    "submit_for_review",
    "unpublish",
    "wire_copy_from_article",
    "wire_text_for",
]
