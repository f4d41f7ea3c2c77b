"""Form rendering: every field in a wrapper the stylesheet can space and mark."""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    field_template_name = "includes/field.html"
