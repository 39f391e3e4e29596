from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from saferboard.registry.models import (
    Body,
    Membership,
    Organisation,
    Person,
    Post,
    TermsOfReference,
)

for model in (Body, Organisation, Person, Post, Membership, TermsOfReference):
    admin.site.register(model, SimpleHistoryAdmin)
