"""Form fields."""

from django import forms
from django.forms.models import ModelChoiceIterator


class _PlainQueryIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class ModelChoiceField(forms.ModelChoiceField):
    """Django's, reading its choices with one plain query. Django reads them through
    `QuerySet.iterator()`, which on PostgreSQL opens a server-side cursor (DECLARE … WITH
    HOLD, then FETCH, then CLOSE): some 10 ms at national for a list the page shows whole
    anyway."""

    iterator = _PlainQueryIterator
