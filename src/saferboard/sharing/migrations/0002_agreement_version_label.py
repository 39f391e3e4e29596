"""The agreement's document version ("2.1") had taken the name `version`, hiding TenantModel's
edit counter that refuses stale saves: it is now `version_label` (as on terms of reference),
and `version` is the counter again."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("sharing", "0001_initial")]

    operations = [
        migrations.RenameField("sharingagreement", "version", "version_label"),
        migrations.RenameField("historicalsharingagreement", "version", "version_label"),
        migrations.RenameField("agreementrevision", "version", "version_label"),
        migrations.AlterField(
            "sharingagreement",
            "version_label",
            models.CharField(max_length=20, help_text="For example 2.1."),
        ),
        migrations.AlterField(
            "historicalsharingagreement",
            "version_label",
            models.CharField(max_length=20, help_text="For example 2.1."),
        ),
        migrations.AddField(
            "sharingagreement",
            "version",
            models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.AddField(
            "historicalsharingagreement",
            "version",
            models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.AddField(
            "agreementrevision",
            "version",
            models.PositiveIntegerField(default=1, editable=False),
        ),
    ]
