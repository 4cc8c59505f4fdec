"""Users and groups as editors see them: group and permission names in the admin's language.

Groups and permissions are rows written once, in English (by migrations and by Django's own
``create_permissions``); they are translated when shown, like the admin's change messages.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission, User
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

# The groups migration 0002 creates: their stored names, translated on display.
EDITORIAL_GROUP_NAMES = [gettext_noop("Editors"), gettext_noop("Contributors")]

# Django names its default permissions "Can add article": the action, then the model.
DEFAULT_PERMISSION_LABELS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


def group_label(group: Group) -> str:
    """The group's name in the active language (« Éditeurs »)."""
    return gettext(group.name)


def permission_label(permission: Permission) -> str:
    """ "Articles | article | Peut ajouter article", in the active language."""
    content_type = permission.content_type
    model = content_type.model_class()
    action, _sep, model_name = permission.codename.partition("_")
    name = gettext(permission.name)
    if model is not None:
        # A model's own permissions were stored in the language active at migrate time.
        name = str(dict(model._meta.permissions).get(permission.codename, name))
    if model is not None and model_name == model._meta.model_name:
        template = DEFAULT_PERMISSION_LABELS.get(action)
        if template is not None and permission.name.startswith("Can "):
            name = str(template) % {"model": model._meta.verbose_name}
    return f"{content_type} | {name}"


class TranslatedChoices:
    """Label the groups and permissions fields of a form in the admin's language."""

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and db_field.related_model is Permission:
            field.label_from_instance = permission_label
        elif field is not None and db_field.related_model is Group:
            field.label_from_instance = group_label
        return field


class DeskGroupAdmin(TranslatedChoices, GroupAdmin):
    list_display = ["translated_name"]

    @admin.display(description=_("name"), ordering="name")
    def translated_name(self, group: Group) -> str:
        return group_label(group)


class DeskUserAdmin(TranslatedChoices, UserAdmin):
    pass


for model, model_admin in ((Group, DeskGroupAdmin), (User, DeskUserAdmin)):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)
