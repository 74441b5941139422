"""Rhythms: the organisation's default, each social worker's own choice, and periods."""

import datetime

from django.urls import reverse

from parcours.reports import periods
from parcours.reports.models import OrganisationRhythm, Rhythm, SocialWorkerRhythm

THURSDAY = datetime.date(2026, 11, 26)


def test_weekly_periods_run_monday_to_sunday():
    assert periods.period_containing(THURSDAY, Rhythm.WEEKLY) == (
        datetime.date(2026, 11, 23),
        datetime.date(2026, 11, 29),
    )
    assert periods.last_ended_period(Rhythm.WEEKLY, THURSDAY) == (
        datetime.date(2026, 11, 16),
        datetime.date(2026, 11, 22),
    )


def test_fortnights_are_the_same_for_everyone():
    start, end = periods.period_containing(THURSDAY, Rhythm.FORTNIGHTLY)
    assert (end - start).days == 13 and start.weekday() == 0
    assert ((start - periods.FORTNIGHT_EPOCH).days // 7) % 2 == 0
    for day in range(14):
        assert periods.period_containing(
            start + datetime.timedelta(days=day), Rhythm.FORTNIGHTLY
        ) == (
            start,
            end,
        )
    previous = periods.last_ended_period(Rhythm.FORTNIGHTLY, start + datetime.timedelta(days=3))
    assert previous == (start - datetime.timedelta(days=14), start - datetime.timedelta(days=1))


def test_changing_rhythm_reports_no_day_twice():
    weekly_end = periods.last_ended_period(Rhythm.WEEKLY, THURSDAY)[1]
    period = periods.period_to_report(Rhythm.FORTNIGHTLY, last_end=weekly_end, today=THURSDAY)
    assert period is None or period[0] > weekly_end
    earlier = weekly_end - datetime.timedelta(days=14)
    start, end = periods.period_to_report(Rhythm.FORTNIGHTLY, last_end=earlier, today=THURSDAY)
    assert start == earlier + datetime.timedelta(days=1) and end >= start


def test_the_rhythm_is_the_social_workers_then_the_organisations_then_weekly(
    social_worker, organisation
):
    assert periods.rhythm_for(social_worker) == Rhythm.WEEKLY
    OrganisationRhythm.objects.create(organisation=organisation, rhythm=Rhythm.FORTNIGHTLY)
    assert periods.rhythm_for(social_worker) == Rhythm.FORTNIGHTLY
    SocialWorkerRhythm.objects.create(user=social_worker, rhythm=Rhythm.WEEKLY)
    assert periods.rhythm_for(social_worker) == Rhythm.WEEKLY


def test_a_social_worker_chooses_their_rhythm_and_can_go_back_to_their_organisations(
    client, social_worker
):
    client.force_login(social_worker)
    url = reverse("reports:rhythm")
    client.post(url, {"rhythm": "fortnightly"})
    assert periods.rhythm_for(social_worker) == Rhythm.FORTNIGHTLY
    assert "toutes les deux semaines" in client.get(url).text
    client.post(url, {"rhythm": ""})
    assert not SocialWorkerRhythm.objects.filter(user=social_worker).exists()


def test_the_coordinator_sets_an_organisations_rhythm(
    client, coordinator, organisation, social_worker
):
    client.force_login(coordinator)
    response = client.post(
        reverse("reports:organisation_rhythm", args=[organisation.pk]),
        {"organisation-rhythm": "fortnightly"},
    )
    assert response.url == reverse("reports:follow_up")
    assert periods.rhythm_for(social_worker) == Rhythm.FORTNIGHTLY


def test_the_organisations_contact_sets_its_rhythm_from_their_page(
    client, social_worker, organisation
):
    social_worker.is_organisation_contact = True
    social_worker.save()
    client.force_login(social_worker)
    page = client.get(reverse("reports:rhythm")).text
    assert reverse("reports:organisation_rhythm", args=[organisation.pk]) in page
    client.post(
        reverse("reports:organisation_rhythm", args=[organisation.pk]),
        {"organisation-rhythm": "fortnightly"},
    )
    assert OrganisationRhythm.objects.get(organisation=organisation).rhythm == Rhythm.FORTNIGHTLY


def test_a_contact_cannot_set_another_organisations_rhythm(
    client, social_worker, other_organisation
):
    social_worker.is_organisation_contact = True
    social_worker.save()
    client.force_login(social_worker)
    response = client.post(
        reverse("reports:organisation_rhythm", args=[other_organisation.pk]),
        {"organisation-rhythm": "fortnightly"},
    )
    assert response.status_code == 404
