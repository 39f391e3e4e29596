from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "saferboard.actions"
    label = "actions"
    verbose_name = "Actions"
