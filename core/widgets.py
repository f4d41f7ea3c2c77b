"""Form widgets every app's forms share."""

from typing import Any

from django import forms


class DateInput(forms.DateInput):
    """The browser's own date picker; ISO in the value so every browser reads it back."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)
