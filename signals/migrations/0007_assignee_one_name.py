"""Signals and dossiers name their handler the same way: ``assignee``.

State only: ``db_column`` keeps the existing columns (``assigned_to_id``, ``owner_id``),
so no SQL touches the tables (check with ``manage.py sqlmigrate signals 0007``).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _assignee(column, verbose_name, related_name):
    return models.ForeignKey(
        blank=True,
        db_column=column,
        null=True,
        on_delete=django.db.models.deletion.SET_NULL,
        related_name=related_name,
        to=settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("signals", "0006_team_queue_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RenameField("signal", "assigned_to", "assignee"),
                migrations.AlterField(
                    "signal",
                    "assignee",
                    _assignee("assigned_to_id", "behandelaar", "assigned_signals"),
                ),
                migrations.RenameField("dossier", "owner", "assignee"),
                migrations.AlterField(
                    "dossier", "assignee", _assignee("owner_id", "eigenaar", "owned_dossiers")
                ),
            ],
            database_operations=[],
        )
    ]
