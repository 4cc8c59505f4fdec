"""API v1 URLs: /api/v1/articles/, /api/v1/authors/, the OpenAPI schema and its docs."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from articles.api import views

app_name = "api"

router = SimpleRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("authors", views.AuthorViewSet, basename="author")

urlpatterns = [
    *router.urls,
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    # Consumers get JSON errors everywhere under /api/, even for a URL that does not exist.
    re_path(r"^.*$", views.not_found),
]
