"""Strategies and delivery plans in the Django admin, with their history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from saferboard.plans.models import (
    DeliveryPlan,
    KeyAction,
    KeyActionUpdate,
    PlanReport,
    Priority,
    Strategy,
)

for model in (Strategy, Priority, DeliveryPlan, KeyAction, KeyActionUpdate, PlanReport):
    admin.site.register(model, SimpleHistoryAdmin)
