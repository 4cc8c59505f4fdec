"""API v1 URLs: the root, articles, authors, the OpenAPI schema and its docs."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from api import changes, docs, root, schema_view, views
from api.views import conditional_get

app_name = "api"

router = SimpleRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("authors", views.AuthorViewSet, basename="author")

urlpatterns = [
    path("", root.ApiRoot.as_view(), name="root"),
    *router.urls,
    path("changes/", changes.ChangeFeed.as_view(), name="changes"),
    # ETags here too, as on every API response: the schema only changes with a release.
    path("schema/", conditional_get(schema_view.ApiSchemaView.as_view()), name="schema"),
    # No ETag: each page carries its own CSP nonce.
    path("docs/", docs.ApiDocsView.as_view(url_name="api:schema"), name="docs"),
]
