"""GOV.UK Design System forms: renderer, widgets and a base form.

Every form in saferboard subclasses `GovUKForm` or `GovUKModelForm`; fields then
render with labels, hints, error messages and the error summary as the design
system prescribes, without per-form template work.
"""

import datetime

from django import forms
from django.forms.renderers import TemplatesSetting


class GovUKRenderer(TemplatesSetting):
    form_template_name = "govuk/form.html"
    field_template_name = "govuk/field.html"


class GovUKDateInput(forms.MultiWidget):
    """Day, month and year boxes (the GOV.UK date input pattern)."""

    template_name = "govuk/widgets/date.html"
    is_govuk_date = True

    def __init__(self, attrs=None):
        def part(width: int) -> forms.TextInput:
            css = f"govuk-input govuk-date-input__input govuk-input--width-{width}"
            return forms.TextInput(attrs={"inputmode": "numeric", "class": css})

        # Named parts: the inputs are <name>_day, <name>_month and <name>_year.
        super().__init__({"day": part(2), "month": part(2), "year": part(4)}, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value.count("-") == 2:
            year, month, day = value.split("-")
            return [day, month, year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        day, month, year = (
            (data.get(f"{name}{suffix}") or "").strip() for suffix in self.widgets_names
        )
        if not (day or month or year):
            return ""
        # DateField parses ISO text; an incomplete or impossible date fails its check
        # and the field's message says so. No zero-padding, so a page shown again
        # with errors has the boxes as the user typed them.
        return f"{year}-{month}-{day}"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # MultiWidget numbers its parts (<id>_0); the error summary links to <id>_day.
        for sub, suffix in zip(context["widget"]["subwidgets"], self.widgets_names, strict=True):
            if sub["attrs"].get("id"):
                sub["attrs"]["id"] = f"{context['widget']['attrs']['id']}{suffix}"
        return context

    def id_for_label(self, id_):
        return f"{id_}_day" if id_ else id_


class GovUKDateField(forms.DateField):
    widget = GovUKDateInput
    default_error_messages = {
        "invalid": "Enter a real date, for example 27 3 2026",
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        super().__init__(*args, **kwargs)


_CLASS_FOR_WIDGET = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.SelectMultiple: "govuk-select",
    forms.ClearableFileInput: "govuk-file-upload",
    forms.FileInput: "govuk-file-upload",
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.CheckboxSelectMultiple: "govuk-checkboxes__input",
    forms.RadioSelect: "govuk-radios__input",
}


def _css_class_for(widget) -> str:
    for kind in type(widget).__mro__:
        if kind in _CLASS_FOR_WIDGET:
            return _CLASS_FOR_WIDGET[kind]
    return "govuk-input"


def _name_the_field_in_messages(name: str, field: forms.Field) -> None:
    """Replace Django's generic messages with ones that say which field is wrong.

    GOV.UK pattern: "Enter the name", "Select the body"; a message that does not
    name the field ("This field is required.") is no help in an error summary.
    """
    label = str(field.label or name.replace("_", " ")).lower()
    choosing = isinstance(field, forms.ChoiceField | forms.ModelChoiceField) or isinstance(
        field.widget, forms.Select | forms.RadioSelect | forms.CheckboxSelectMultiple
    )
    if isinstance(field, forms.DateField):
        required = f"Enter the {label}"
    elif isinstance(field, forms.FileField):
        required = f"Choose a file for the {label}"
    elif choosing:
        required = f"Select the {label}"
    else:
        required = f"Enter the {label}"
    field.error_messages["required"] = required
    if "invalid_choice" in field.error_messages:
        field.error_messages["invalid_choice"] = (
            f"Select the {label} from the list: the one sent is not one of the choices"  # noqa: S608
        )
    if isinstance(field, forms.IntegerField):
        field.error_messages["invalid"] = f"Enter the {label} as a whole number, like 4"


class GovUKFormMixin:
    """Adds GOV.UK classes, error classes and the error summary to any form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            _name_the_field_in_messages(name, field)
            if isinstance(field, forms.DateField) and not isinstance(field.widget, GovUKDateInput):
                field.widget = GovUKDateInput()
                field.input_formats = ["%Y-%m-%d", *(field.input_formats or [])]
            if isinstance(field.widget, GovUKDateInput):
                continue
            css = _css_class_for(field.widget)
            existing = field.widget.attrs.get("class", "")
            field.widget.attrs["class"] = f"{css} {existing}".strip()

    def full_clean(self):
        super().full_clean()
        # Error styling must follow the errors, which exist only after cleaning.
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                if isinstance(widget, GovUKDateInput):
                    for sub in widget.widgets:
                        sub.attrs["class"] = sub.attrs.get("class", "") + " govuk-input--error"
                elif _css_class_for(widget) in {"govuk-input", "govuk-textarea", "govuk-select"}:
                    css = _css_class_for(widget)
                    widget.attrs["class"] = widget.attrs.get("class", "") + f" {css}--error"

    def error_summary(self) -> list[dict]:
        """Errors in page order, each with the id of the field to jump to."""
        items = [{"message": message, "href": ""} for message in self.non_field_errors()]
        for name, field in self.fields.items():
            for message in self.errors.get(name, []):
                widget_id = field.widget.attrs.get("id") or self.auto_id % self.add_prefix(name)
                if isinstance(field.widget, forms.RadioSelect):
                    # Radios and checkboxes have no single id: link to the first option.
                    target = field.widget.id_for_label(widget_id, "0")
                else:
                    target = field.widget.id_for_label(widget_id)
                items.append({"message": message, "href": f"#{target}"})
        return items


class GovUKForm(GovUKFormMixin, forms.Form):
    pass


class GovUKModelForm(GovUKFormMixin, forms.ModelForm):
    """A model form that carries the record's version to refuse stale saves."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance and self.instance.pk:
            self.fields["version"].initial = self.instance.version
