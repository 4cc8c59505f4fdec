# Editors register webhook endpoints and watch, and retry, their deliveries.

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen here on purpose: a migration records what the group was given at this point in history.
EDITOR_WEBHOOK_PERMISSIONS = [
    "view_webhookendpoint",
    "add_webhookendpoint",
    "change_webhookendpoint",
    "delete_webhookendpoint",
    "view_webhookdelivery",
    # The "retry now" action; every field of a delivery is read-only.
    "change_webhookdelivery",
]


def let_editors_manage_webhooks(apps, schema_editor):
    # Tests that flush the database run this again without a schema editor.
    using = schema_editor.connection.alias if schema_editor is not None else "default"
    create_permissions(global_apps.get_app_config("api"), apps=apps, verbosity=0, using=using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _created = Group.objects.using(using).get_or_create(name="Editors")
    editors.permissions.add(
        *Permission.objects.using(using).filter(
            content_type__app_label="api", codename__in=EDITOR_WEBHOOK_PERMISSIONS
        )
    )


def take_it_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for editors in Group.objects.using(schema_editor.connection.alias).filter(name="Editors"):
        editors.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="api", codename__in=EDITOR_WEBHOOK_PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_webhooks"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(let_editors_manage_webhooks, take_it_back)]
