from django.apps import AppConfig


class CrimeConfig(AppConfig):
    name = "saferboard.crime"
    label = "crime"
    verbose_name = "Crime data"

    def ready(self):
        from saferboard.crime import sources

        sources.register()
