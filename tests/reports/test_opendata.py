"""The sites as open data, validated with frictionless against the national schema."""

import json

import pytest
from django.urls import reverse
from frictionless import Resource, Schema

from parcours.reports import opendata
from tests.courses.factories import CourseFactory, RoomFactory
from tests.people.factories import SiteFactory


@pytest.fixture
def schema():
    return Schema.from_descriptor(
        opendata.SCHEMA_PATH.name, basepath=str(opendata.SCHEMA_PATH.parent)
    )


def validate(path, schema):
    report = Resource(path=path.name, basepath=str(path.parent), schema=schema).validate()
    return report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_shipped_example_is_valid(schema):
    """A check of the validator and of the copied schema."""
    assert validate(opendata.EXAMPLE_PATH, schema) == (True, [])


def test_the_validator_catches_a_wrong_row(schema, tmp_path):
    bad = tmp_path / "bad.csv"
    header = ",".join(opendata.field_names())
    row = ["x"] * len(opendata.field_names())
    bad.write_text(header + "\n" + ",".join(row) + "\n", encoding="utf-8")
    valid, errors = validate(bad, schema)
    assert not valid and errors


@pytest.fixture
def sites(db):
    tilleuls = SiteFactory(
        name="Lieu des Acacias", address="12 rue des Acacias", postcode="75 018", city="Paris"
    )
    CourseFactory(room=RoomFactory(site=tilleuls))
    bare = SiteFactory(name="Lieu sans adresse", address="", postcode="", city="")
    return tilleuls, bare


def test_the_csv_export_validates(client, coordinator, sites, schema, tmp_path):
    client.force_login(coordinator)
    response = client.get(reverse("reports:opendata_csv"))
    path = tmp_path / "lieux.csv"
    path.write_bytes(response.content)
    assert validate(path, schema) == (True, [])
    text = response.content.decode()
    assert "Lieu des Acacias" in text and "75018" in text and "Tu 14:00-15:00" in text
    assert "Lieu sans adresse" not in text


def test_the_json_export_validates(client, coordinator, sites, schema, tmp_path):
    client.force_login(coordinator)
    response = client.get(reverse("reports:opendata_json"))
    data = json.loads(response.content)
    assert [row["nom"] for row in data] == ["Lieu des Acacias"]
    assert set(data[0]) == set(opendata.field_names())
    path = tmp_path / "lieux.json"
    path.write_bytes(response.content)
    assert validate(path, schema) == (True, [])


def test_a_siret_given_by_the_environment_is_used(monkeypatch, sites):
    monkeypatch.setenv("OPENDATA_SIRET", "434 933 123 00029")
    assert {row["pivot"] for row in opendata.rows()} == {"43493312300029"}
    monkeypatch.setenv("OPENDATA_SIRET", "123-456")
    assert {row["pivot"] for row in opendata.rows()} == {opendata.UNKNOWN_PIVOT}


def test_the_statistics_page_names_the_sites_left_out(client, coordinator, sites):
    client.force_login(coordinator)
    assert "Lieu sans adresse" in client.get(reverse("reports:statistics")).text
