"""Template filters of the public site; the rules themselves live in articles.presentation."""

from django import template

from articles import presentation
from articles.models import Article

register = template.Library()


@register.simple_tag
def publication_name() -> str:
    return presentation.PUBLICATION_NAME


@register.filter
def date_at_precision(article: Article) -> str:
    return presentation.date_at_precision(article)


@register.filter
def credit_groups(article: Article) -> list[presentation.CreditGroup]:
    return presentation.credit_groups(article)


@register.filter
def dateline(article: Article) -> str:
    return presentation.dateline_text(article)


@register.filter
def paragraphs(article: Article) -> list[str]:
    return presentation.paragraphs(article)


@register.filter
def summary(article: Article) -> str:
    return presentation.summary(article)


@register.filter
def author_role_heading(role: str) -> str:
    return str(presentation.AUTHOR_ROLE_HEADINGS.get(role, role))
