"""Business operations on articles, called by commands, admin actions, views and tests.

Writes live here; reads live in querysets (``Article.objects.visible()``).
"""

from articles.services.authors import author_for, authors_for, new_author
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

__all__ = [
    "EditConflict",
    "TransitionNotAllowed",
    "author_for",
    "authors_for",
    "can_delete",
    "can_edit",
    "can_publish",
    "merge_authors",
    "new_author",
    "publish",
    "save_article",
    "schedule",
    "submit_for_review",
    "unpublish",
]
