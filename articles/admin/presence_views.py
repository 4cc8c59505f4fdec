"""Presence in the article form: "Marie is editing this article (since 10:42)", kept live."""

from __future__ import annotations

from django.contrib.admin.utils import unquote
from django.http import Http404, HttpRequest, JsonResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from articles import selectors
from articles.models import Article
from articles.presence import EditingPresence, heartbeat_seconds
from articles.services import presence


def presence_message(others: list[EditingPresence]) -> str:
    """Who else has the form open, and since when, in the editor's language; "" for no one."""
    if not others:
        return ""
    names = [
        gettext("%(name)s (since %(time)s)")
        % {
            "name": other.user.get_full_name() or other.user.get_username(),
            "time": formats.time_format(timezone.localtime(other.since)),
        }
        for other in others
    ]
    return ngettext(
        "%(names)s is editing this article too. Saving stays safe: a change made in between "
        "is shown to you before anything is overwritten.",
        "%(names)s are editing this article too. Saving stays safe: a change made in between "
        "is shown to you before anything is overwritten.",
        len(names),
    ) % {"names": get_text_list(names, gettext("and"))}


class ArticlePresenceViews:
    """The heartbeat URL of ArticleAdmin, and the presence shown when its form opens."""

    def get_urls(self):
        heartbeat = path(
            "<path:object_id>/presence/",
            self.admin_site.admin_view(require_POST(self.presence_view)),
            name="articles_article_presence",
        )
        return [heartbeat, *super().get_urls()]

    def _editable_article(self, request: HttpRequest, object_id: str) -> Article | None:
        article = self.get_object(request, unquote(object_id))
        if article is None or not self.has_change_permission(request, article):
            return None
        return article

    def presence_view(self, request: HttpRequest, object_id: str) -> JsonResponse:
        article = self._editable_article(request, object_id)
        if article is None:
            raise Http404(gettext("This article does not exist (any more)."))
        if request.POST.get("leave"):
            presence.leave(article, request.user)
            return JsonResponse({"message": ""})
        now = timezone.now()
        presence.heartbeat(article, request.user, now)
        others = selectors.others_editing(article, request.user, now)
        return JsonResponse({"message": presence_message(others)})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self._editable_article(request, object_id) if request.method == "GET" else None
        if article is not None:
            now = timezone.now()
            presence.heartbeat(article, request.user, now)
            extra_context = {
                **(extra_context or {}),
                "presence": {
                    "url": reverse("admin:articles_article_presence", args=[article.pk]),
                    "interval": heartbeat_seconds(),
                    "message": presence_message(
                        selectors.others_editing(article, request.user, now)
                    ),
                },
            }
        return super().change_view(request, object_id, form_url, extra_context)
