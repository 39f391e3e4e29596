from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "saferboard.funding"
    label = "funding"
    verbose_name = "Funding"
