"""API v1 URLs: /api/v1/articles/, /api/v1/authors/, the OpenAPI schema and its docs."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from articles.api import views
from articles.views import conditional_get

app_name = "api"

router = SimpleRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("authors", views.AuthorViewSet, basename="author")

urlpatterns = [
    *router.urls,
    # ETags here too, as on every API response: the schema only changes with a release.
    path("schema/", conditional_get(SpectacularAPIView.as_view()), name="schema"),
    path(
        "docs/",
        conditional_get(SpectacularSwaggerView.as_view(url_name="api:schema")),
        name="docs",
    ),
]
