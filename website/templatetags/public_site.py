"""Template filters of the public site; the rules live in articles.presentation and
website.presentation."""

from django import template

from articles import presentation
from articles.models import Article
from website import presentation as site_presentation

register = template.Library()


@register.simple_tag
def publication_name() -> str:
    return site_presentation.publication_name()


@register.filter
def date_at_precision(article: Article) -> str:
    return presentation.date_at_precision(article)


@register.filter
def date_in_page_language(article: Article) -> str:
    """A list's date in the page's language: a French page reads « 1 avril 2024 » throughout."""
    return presentation.date_text(article.date, article.date_precision)


@register.filter
def credit_groups(article: Article) -> list[site_presentation.CreditGroup]:
    return site_presentation.credit_groups(article)


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
    return site_presentation.author_role_heading(role)
