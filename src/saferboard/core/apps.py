from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "saferboard.core"
    label = "core"
    verbose_name = "Partnerships and users"
