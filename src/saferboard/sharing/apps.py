from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "saferboard.sharing"
    label = "sharing"
    verbose_name = "Information sharing"
