from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "saferboard.plans"
    label = "plans"
    verbose_name = "Strategies and delivery plans"
