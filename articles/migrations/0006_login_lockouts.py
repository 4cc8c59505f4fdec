# Editors may see and remove django-axes' login lockouts (removing one unlocks that login).

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen here on purpose: a migration records what the group was given at this point in history.
EDITOR_LOCKOUT_PERMISSIONS = ["view_accessattempt", "delete_accessattempt", "view_accesslog"]


def let_editors_unlock(apps, schema_editor):
    """Give the Editors group the permissions to see and delete access attempts."""
    using = schema_editor.connection.alias if schema_editor is not None else "default"
    create_permissions(global_apps.get_app_config("axes"), apps=apps, verbosity=0, using=using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _created = Group.objects.using(using).get_or_create(name="Editors")
    editors.permissions.add(
        *Permission.objects.using(using).filter(
            content_type__app_label="axes", codename__in=EDITOR_LOCKOUT_PERMISSIONS
        )
    )


def take_it_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for editors in Group.objects.using(schema_editor.connection.alias).filter(name="Editors"):
        editors.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="axes", codename__in=EDITOR_LOCKOUT_PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_change_log"),
        ("axes", "0010_accessattemptexpiration"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(let_editors_unlock, take_it_back)]
