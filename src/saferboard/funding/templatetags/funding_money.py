"""Money on funding pages: `{% load funding_money %}{{ amount|pounds }}` prints "£71,800.00"."""

from decimal import Decimal, InvalidOperation

from django import template

from saferboard.funding import ledger

register = template.Library()


@register.filter
def pounds(value) -> str:
    """An amount as pounds and pence ("£110,000.00"); blank for no amount, as typed if it is
    not a number."""
    if value is None or value == "":
        return ""
    try:
        return ledger.pounds(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return str(value)
