from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "saferboard.api"
    label = "api"
    verbose_name = "API"
