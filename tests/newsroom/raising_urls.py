"""The site's URLs plus one view that fails, for tests of what happens on a 500."""

from django.urls import path

from newsroom.urls import urlpatterns as site_urlpatterns


def failing_view(request):
    """A view with a bug."""
    raise RuntimeError("an editor's 500 that must reach someone")


urlpatterns = [*site_urlpatterns, path("failing/", failing_view)]
