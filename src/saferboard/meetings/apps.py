from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "saferboard.meetings"
    label = "meetings"
    verbose_name = "Meetings"
