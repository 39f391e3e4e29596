"""Template helpers for GOV.UK components."""

from django import forms, template

from saferboard.core.forms import GovUKDateInput

register = template.Library()


@register.filter
def widget_type(bound_field) -> str:
    widget = bound_field.field.widget
    if isinstance(widget, GovUKDateInput):
        return "date"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "choices"
    if isinstance(widget, forms.FileInput):
        return "file"
    return "input"


@register.filter
def yes_no(value) -> str:
    if value is None:
        return "Not set"
    return "Yes" if value else "No"


@register.simple_tag(takes_context=True)
def page_query(context, number) -> str:
    """The query string for page `number` of a list, keeping the filters the person chose."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()
