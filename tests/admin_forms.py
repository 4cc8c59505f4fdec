"""Post admin forms as a browser would: what the page shows, plus the editor's changes."""

from __future__ import annotations

import datetime

from django.db.models.fields.files import FieldFile
from django.forms import MultiWidget


def _field_values(form) -> dict:
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        key = form.add_prefix(name)
        if isinstance(field.widget, MultiWidget):
            # Split date and time, as the admin's two inputs send them.
            parts = value if isinstance(value, list) else field.widget.decompress(value)
            for index, part in enumerate(parts):
                data[f"{key}_{index}"] = _as_text(part)
        elif isinstance(value, FieldFile) or value is False:
            continue  # an empty file input keeps the stored file; an unticked box sends nothing
        elif value is True:
            data[key] = "on"
        elif isinstance(value, list | tuple):
            # A multiple select's options.
            data[key] = [_as_text(getattr(item, "pk", item)) for item in value]
        else:
            data[key] = _as_text(value)
    return data


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def change_form_data(response) -> dict:
    """Everything the admin change page would post back unchanged, inlines included."""
    data = _field_values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = _as_text(management[name].value())
        for form in formset.forms:
            data.update(_field_values(form))
    return data


def add_credit_row(data: dict, *, prefix: str = "credits", **fields) -> dict:
    """The same post with one more credit row, as "Add another credit" does."""
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data = {**data, f"{prefix}-TOTAL_FORMS": str(total + 1)}
    for name, value in fields.items():
        data[f"{prefix}-{total}-{name}"] = str(value)
    return data
