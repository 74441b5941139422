"""Fixtures of the progress tests, also used by the access table (tests/conftest.py loads them)."""

import pytest


@pytest.fixture
def goal(trainee, trainer):
    from parcours.progress.models import Goal

    return Goal.objects.create(
        trainee=trainee, own_words="Écrire à ma fille par e-mail", created_by=trainer
    )


@pytest.fixture
def account_entry(trainee, trainer):
    from parcours.progress.models import AccountEntry

    return AccountEntry.objects.create(
        trainee=trainee,
        service="caf",
        identifier="1234567",
        recovery_email="amina@example.org",
        created_by=trainer,
    )


@pytest.fixture
def diagnostic(trainee, trainer):
    from parcours.progress.models import Diagnostic

    return Diagnostic.objects.create(trainee=trainee, started_by=trainer)
