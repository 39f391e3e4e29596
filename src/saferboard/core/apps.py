from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "saferboard.core"
    label = "core"
    verbose_name = "Partnerships and users"

    def ready(self) -> None:
        from saferboard.core import checks  # noqa: F401  (registers the deployment checks)
