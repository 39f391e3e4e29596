from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "saferboard.performance"
    label = "performance"
    verbose_name = "Performance"
