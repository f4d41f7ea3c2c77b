"""Form rendering: every field in a wrapper the stylesheet can space and mark; long texts counted, never cut."""

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.forms.renderers import TemplatesSetting

from .limits import COUNTED_FROM, TextLengthValidator

COUNTED_TEMPLATES = ("django/forms/widgets/textarea.html", "django/forms/widgets/text.html")


class LimitedCharField(forms.CharField):
    """A text field with a maximum whose refusal says how long the text is and what the limit is.

    A textarea by default; model LimitedTextFields use it in ModelForms. The
    browser gets `data-maxlength` (the counter), never `maxlength`, so a paste
    is not silently cut: the server refuses it and the form keeps it.
    """

    widget = forms.Textarea

    def __init__(self, *, max_length: int, **kwargs: Any) -> None:
        super().__init__(max_length=max_length, **kwargs)
        self.validators = [v for v in self.validators if type(v) is not MaxLengthValidator]
        self.validators.append(TextLengthValidator(max_length))

    def to_python(self, value: Any) -> Any:
        # Browsers send a textarea's line breaks as CRLF; counted as two, a text the counter showed
        # as fitting would be refused. One line break is one character, here and in the counter.
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        if "maxlength" in attrs:
            attrs["data-maxlength"] = attrs.pop("maxlength")
        return attrs


class FormRenderer(TemplatesSetting):
    """Every form's fields through includes/field.html; long texts get the counter instead of `maxlength`.

    A textarea, or a text input allowing COUNTED_FROM characters or more, loses
    the HTML `maxlength` (which cuts a paste short without a word) for
    `data-maxlength`, which static/js/counter.js turns into "1.234 / 20.000
    tekens" under the field; the server still refuses an over-long text. Done
    here, for every form, so no form has to remember it.
    """

    field_template_name = "includes/field.html"

    def render(self, template_name: str, context: dict[str, Any], request=None) -> str:
        widget = context.get("widget") if template_name in COUNTED_TEMPLATES else None
        if widget is not None:
            attrs = widget.get("attrs") or {}
            limit = attrs.get("maxlength")
            if limit is not None and (template_name.endswith("textarea.html") or int(limit) >= COUNTED_FROM):
                widget["attrs"] = {**{k: v for k, v in attrs.items() if k != "maxlength"}, "data-maxlength": limit}
        return super().render(template_name, context, request=request)
