from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "saferboard.registry"
    label = "registry"
    verbose_name = "Registry"
