"""Demo reports for referente and referent2: sent, read, answered, one late."""

from parcours.core import demo as core_demo
from parcours.reports import demo
from parcours.reports.models import Report


def test_demo_reports_load_once(db):
    core_demo.load()  # loads the reports' demo too
    assert Report.objects.exists()
    assert not demo.load()
    by_email = {}
    for report in Report.objects.select_related("social_worker"):
        by_email.setdefault(report.social_worker.email, []).append(report)
    for email in ("referente@example.org", "referent2@example.org"):
        reports = by_email[email]
        assert any(r.is_sent and r.read_at and r.answered_at for r in reports)
        for report in reports:
            assert report.entries.exists()
            if report.is_sent:
                assert all(entry.content for entry in report.entries.all())
    assert Report.objects.late().filter(sent_automatically=True).count() == 1
    assert Report.objects.filter(answer_kind="request").exists()
    # Karim's referrer never gets Amina, and the other way round.
    referente_reports = Report.objects.filter(social_worker__email="referente@example.org")
    assert not referente_reports.filter(entries__trainee__first_name="Karim").exists()
    assert referente_reports.filter(entries__trainee__first_name="Amina").exists()


def test_the_worker_adds_nothing_to_fresh_demo_reports(db):
    from parcours.reports import actions

    core_demo.load()
    count = Report.objects.count()
    actions.prepare_due_reports()
    assert Report.objects.count() == count
