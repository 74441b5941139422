"""The follow-up lists the partner organisations a page at a time, each with its read and
answer rates and its rhythm form, and costs the same queries whatever their number."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from parcours.reports.models import OrganisationRhythm, Report, Rhythm
from parcours.reports.views import ORGANISATIONS_PER_PAGE
from tests.people.factories import OrganisationFactory, UserFactory
from tests.reports.fixtures import weeks_ago

pytestmark = pytest.mark.django_db

URL = reverse("reports:follow_up")


def names(response):
    return re.findall(r'<th scope="row">([^<]+)</th>', response.text)


def sent(social_worker, *, read=False):
    start, end = weeks_ago(1)
    return Report.objects.create(
        social_worker=social_worker,
        period_start=start,
        period_end=end,
        rhythm=Rhythm.WEEKLY,
        status=Report.Status.SENT,
        sent_at=timezone.now(),
        read_at=timezone.now() if read else None,
    )


def organisations_with_reports(count, prefix="Structure"):
    organisations = []
    for n in range(count):
        organisation = OrganisationFactory(name=f"{prefix} {n:03d}")
        sent(UserFactory(social_worker=True, organisation=organisation), read=n % 2 == 0)
        organisations.append(organisation)
    return organisations


def test_every_organisation_has_its_rates_and_its_rhythm_on_one_page(client, coordinator):
    read, unread = organisations_with_reports(2)
    quiet = OrganisationFactory(name="Structure sans compte rendu")
    OrganisationRhythm.objects.create(organisation=unread, rhythm=Rhythm.FORTNIGHTLY)
    client.force_login(coordinator)
    response = client.get(URL)
    assert names(response) == [read.name, unread.name, quiet.name]
    assert [row["read_rate"] for row in response.context["rates"][:2]] == [100, 0]
    assert response.context["rates"][2]["sent_count"] == 0
    assert 'class="pagination"' not in response.text
    assert re.search(
        rf'value="fortnightly" id="id_org{unread.pk}_organisation-rhythm_1"[^>]* checked',
        response.text,
    )
    assert reverse("reports:organisation_rhythm", args=[quiet.pk]) in response.text


def test_organisations_are_paged_and_the_second_page_shows_the_rest(client, coordinator):
    organisations_with_reports(ORGANISATIONS_PER_PAGE + 3)
    client.force_login(coordinator)
    first = client.get(URL)
    assert ORGANISATIONS_PER_PAGE == 25
    assert names(first) == [f"Structure {n:03d}" for n in range(25)]
    assert 'href="?structures=2#rates-title" rel="next"' in first.text
    second = client.get(URL, {"structures": 2})
    assert names(second) == [f"Structure {n:03d}" for n in range(25, 28)]
    for page in ["x", "", "²"]:
        assert names(client.get(URL, {"structures": page, "page": page})) == names(first)


def test_reports_of_social_workers_without_organisation_come_after_the_last_page(
    client, coordinator
):
    organisations_with_reports(ORGANISATIONS_PER_PAGE + 1)
    sent(UserFactory(social_worker=True, organisation=None))
    client.force_login(coordinator)
    assert "Sans structure" not in names(client.get(URL))
    last = client.get(URL, {"structures": 2})
    assert names(last) == ["Structure 025", "Sans structure"]


def test_the_page_costs_the_same_queries_with_few_or_many_organisations(client, coordinator):
    def count():
        client.get(URL)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    client.force_login(coordinator)
    for organisation in organisations_with_reports(2, prefix="A"):
        OrganisationRhythm.objects.create(organisation=organisation, rhythm=Rhythm.WEEKLY)
    small = count()
    for organisation in organisations_with_reports(40, prefix="B"):
        OrganisationRhythm.objects.create(organisation=organisation, rhythm=Rhythm.WEEKLY)
    assert count() == small
