from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "saferboard.archive"
    label = "archive"
    verbose_name = "Archive import"
