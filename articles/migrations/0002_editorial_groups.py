# The "publish_article" permission and the two editorial groups, Editors and Contributors.

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen here on purpose: a migration records what the groups were given at this point in history.
EDITORIAL_GROUP_PERMISSIONS = {
    "Editors": [
        "add_article",
        "change_article",
        "delete_article",
        "view_article",
        "publish_article",
        "add_author",
        "change_author",
        "delete_author",
        "view_author",
        "add_credit",
        "change_credit",
        "delete_credit",
        "view_credit",
    ],
    # Drafts only: the admin refuses them publishing and any change to published work.
    "Contributors": [
        "add_article",
        "change_article",
        "delete_article",
        "view_article",
        "add_author",
        "view_author",
        "add_credit",
        "change_credit",
        "delete_credit",
        "view_credit",
    ],
}


def create_editorial_groups(apps, schema_editor):
    """Create (or complete) the Editors and Contributors groups with their permissions."""
    using = schema_editor.connection.alias if schema_editor is not None else "default"
    # Permissions are normally created after all migrations have run; the groups need them now.
    create_permissions(global_apps.get_app_config("articles"), apps=apps, verbosity=0, using=using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in EDITORIAL_GROUP_PERMISSIONS.items():
        group, _created = Group.objects.using(using).get_or_create(name=group_name)
        permissions = Permission.objects.using(using).filter(
            content_type__app_label="articles", codename__in=codenames
        )
        group.permissions.add(*permissions)


def remove_editorial_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(
        name__in=EDITORIAL_GROUP_PERMISSIONS
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0001_initial'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='article',
            options={'get_latest_by': 'date', 'ordering': ['-date', '-id'], 'permissions': [('publish_article', 'Can publish, schedule and unpublish articles')], 'verbose_name': 'article', 'verbose_name_plural': 'articles'},
        ),
        migrations.RunPython(create_editorial_groups, remove_editorial_groups),
    ]
