"""Model fields every app shares."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from .limits import TextLengthValidator, too_long_message


class LimitedTextField(models.TextField):
    """A TextField with a `max_length` that is enforced everywhere, not only in a form.

    PostgreSQL's `text` has no limit, and Django checks a TextField's max_length
    only in a ModelForm. This field gives ModelForms and DRF the limit (with the
    message of core.limits and no browser maxlength, core.forms.LimitedCharField),
    and refuses an over-long value when it is saved, so a service called directly
    (a task, the shell, an API path) cannot store one either: the save raises a
    ValidationError keyed by the field, which core.views.apply_service_errors
    shows next to it. The column stays `text`: changing the limit is a
    migration of Django's state only.
    """

    def __init__(self, *args: Any, max_length: int, **kwargs: Any) -> None:
        kwargs["max_length"] = max_length
        super().__init__(*args, **kwargs)
        self.validators.append(TextLengthValidator(max_length))

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]
        from .forms import LimitedCharField

        return super().formfield(**{"form_class": LimitedCharField, **kwargs})

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = super().pre_save(model_instance, add)
        if isinstance(value, str) and self.max_length is not None and len(value) > self.max_length:
            raise ValidationError(
                {self.name: too_long_message(length=len(value), limit=self.max_length)}, code="max_length"
            )
        return value
