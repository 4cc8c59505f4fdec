# The validator ends at \Z: no SQL (validators are not in the schema).

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0016_publish_pending_changes_once'),
    ]

    operations = [
        migrations.AlterField(
            model_name='article',
            name='language',
            field=models.CharField(help_text='The BCP 47 primary language subtag: fr, en, de, it…', max_length=8, validators=[django.core.validators.RegexValidator('^[a-z]{2,3}\\Z', 'A language code such as fr, en or de.')], verbose_name='language'),
        ),
    ]
