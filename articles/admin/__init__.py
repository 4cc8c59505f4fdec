"""The editorial admin: articles with workflow, roles, history and photos; authors with merging.

Declarative where Django allows it; every write goes through articles.services, which enforces
the rules itself, so a hidden button is never the only thing standing in the way.
"""

from articles.admin import articles, authors, people, public_facts, site

__all__ = ["articles", "authors", "people", "public_facts", "site"]
