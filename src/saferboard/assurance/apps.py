from django.apps import AppConfig


class AssuranceConfig(AppConfig):
    name = "saferboard.assurance"
    label = "assurance"
    verbose_name = "Partner assurance"
