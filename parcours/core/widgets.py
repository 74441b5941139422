"""Form widgets for the browser's own date and time pickers.

`<input type="date">` only accepts ISO dates (2026-11-26): with the locale's format
("26/11/2026") the browser shows an empty field and the value is lost on saving.
"""

from django import forms


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")
