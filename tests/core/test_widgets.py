"""LongSelect writes the same select as Django's own widget, only faster."""

import re

import pytest
from django import forms

from parcours.core.widgets import LongSelect
from parcours.people.models import Site
from tests.people.factories import SiteFactory


def same_markup(html):
    return re.sub(r">\s+<", "><", str(html)).strip()


def forms_for(data, required=False):
    def form_class(widget):
        class PlaceForm(forms.Form):
            site = forms.ModelChoiceField(
                queryset=Site.objects.order_by("name"),
                required=required,
                empty_label="Tous les lieux",
                widget=widget,
            )

        return PlaceForm(data)

    return form_class(forms.Select), form_class(LongSelect)


@pytest.mark.parametrize(
    ("data", "required"),
    [({}, False), (None, False), ("chosen", False), ({"site": "999999"}, True)],
)
def test_long_select_renders_as_django_select(db, data, required):
    sites = [SiteFactory(name=name) for name in ("Foyer <Est> & co", 'Centre "Nord"', "Abri")]
    if data == "chosen":
        data = {"site": str(sites[1].pk)}
    django_form, long_form = forms_for(data, required)
    if data is not None:
        django_form.is_valid(), long_form.is_valid()
    assert same_markup(long_form["site"]) == same_markup(django_form["site"])
    html = str(long_form["site"])
    assert "Foyer &lt;Est&gt; &amp; co" in html
    if data and data.get("site") == str(sites[1].pk):
        assert f'<option value="{sites[1].pk}" selected>' in html
    if data and data.get("site") == "999999":
        assert 'aria-invalid="true"' in html and "required" in html


def test_model_choice_field_reads_its_choices_in_one_plain_query(db):
    """Django's ModelChoiceField reads through QuerySet.iterator(): on PostgreSQL a
    server-side cursor (DECLARE, FETCH, CLOSE). Ours reads them with one SELECT."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from parcours.core.fields import ModelChoiceField

    sites = [SiteFactory(name=name) for name in ("Abri", "Centre")]

    class PlaceForm(forms.Form):
        site = ModelChoiceField(queryset=Site.objects.order_by("name"), empty_label="Tous")

    form = PlaceForm({"site": str(sites[1].pk)})
    with CaptureQueriesContext(connection) as queries:
        # Iterated as the select is: list() alone would first ask len(), a COUNT.
        choices = list(iter(form.fields["site"].choices))
    assert [str(label) for _value, label in choices] == ["Tous", "Abri", "Centre"]
    assert len(queries) == 1
    assert queries[0]["sql"].startswith("SELECT")
    assert form.is_valid() and form.cleaned_data["site"] == sites[1]
