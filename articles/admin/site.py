"""The admin site's titles, and the field labels its change messages store untranslated."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

admin.site.site_header = _("Newsroom editorial desk")
admin.site.site_title = _("Newsroom")
admin.site.index_title = _("Editorial desk")
# The desk's dashboard (articles/admin/dashboard.py) above the list of apps.
admin.site.index_template = "admin/articles/desk_index.html"
# The list of articles needs the width more than a second navigation menu does.
admin.site.enable_nav_sidebar = False

# The admin's change messages (shown in the history) store field labels untranslated and
# capitalised, then translate them when read: these entries make them read in French too.
CHANGE_MESSAGE_FIELD_LABELS = [
    gettext_noop("Headline"),
    gettext_noop("Slug"),
    gettext_noop("Language"),
    gettext_noop("Date"),
    gettext_noop("Date precision"),
    gettext_noop("Dateline place"),
    gettext_noop("Dateline date"),
    gettext_noop("Dateline source"),
    gettext_noop("Body"),
    gettext_noop("Photo"),
    gettext_noop("Photo caption"),
    gettext_noop("Photo alternative text"),
    gettext_noop("Photo credit"),
    gettext_noop("Status"),
    gettext_noop("Publication time"),
    gettext_noop("Source identifier"),
    gettext_noop("Author"),
    gettext_noop("Role"),
    gettext_noop("Note"),
    gettext_noop("Position"),
    gettext_noop("Name"),
    gettext_noop("Kind"),
]
