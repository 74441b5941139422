"""Every URL pattern of the project, tried by every role, against an explicit table.

A URL pattern missing from ACCESS fails the test: a new view cannot ship without
saying who may use it. Expected statuses: 200 shown, 302 redirected (to sign in for
anonymous visitors), 404 refused without revealing anything, 405 wrong method.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

ROLES = [
    "anonymous",
    "coordinator",
    "trainer",
    "other_trainer",
    "social_worker",
    "other_social_worker",
    "trainee",
    "other_trainee",
]


def row(**statuses):
    """Statuses by role; `others` fills the roles not named."""
    others = statuses.pop("others", None)
    table = {role: statuses.get(role, others) for role in ROLES}
    assert None not in table.values(), statuses
    return table


AMINA = {
    "pk": "trainee"
}  # the URL's pk is the `trainee` fixture's: Amina, referred by social_worker

# url name -> (method, kwargs built from fixtures, expected status per role)
ACCESS = {
    "public_home": ("get", {}, row(anonymous=200, others=302)),
    "set_language": ("post", {}, row(others=302)),
    "people:login": ("get", {}, row(others=200)),
    "people:trainee_login": ("get", {}, row(others=200)),
    "people:logout": ("post", {}, row(others=302)),
    "people:home": ("get", {}, row(anonymous=302, others=200)),
    "people:trainee_list": (
        "get",
        {},
        row(anonymous=302, trainee=404, other_trainee=404, others=200),
    ),
    "people:trainee_detail": (
        "get",
        AMINA,
        row(anonymous=302, coordinator=200, trainer=200, social_worker=200, others=404),
    ),
    "people:trainee_reset_pin": (
        "post",
        AMINA,
        row(anonymous=302, coordinator=302, trainer=302, others=404),
    ),
    # Without a PIN waiting in the session, it sends back to the trainee's page.
    "people:trainee_new_pin": (
        "get",
        AMINA,
        row(anonymous=302, coordinator=302, trainer=302, others=404),
    ),
    "people:trainee_unlock": (
        "post",
        AMINA,
        row(anonymous=302, coordinator=302, trainer=302, others=404),
    ),
}


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from walk(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern):
            yield f"{prefix}{pattern.name}"


def test_every_url_pattern_is_in_the_access_table():
    names = set(walk(get_resolver().url_patterns))
    assert names - set(ACCESS) == set(), "add these URLs to ACCESS"
    assert set(ACCESS) - names == set(), "these ACCESS rows name no URL"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ACCESS))
def test_role_gets_the_expected_status(request, client, name, role):
    from django.urls import reverse

    method, kwargs_spec, expected = ACCESS[name]
    # Create every persona, so that "others" exist whoever signs in.
    people = {r: request.getfixturevalue(r) for r in ROLES if r != "anonymous"}
    kwargs = {key: people[fixture].pk for key, fixture in kwargs_spec.items()}
    if role != "anonymous":
        person = people[role]
        client.force_login(getattr(person, "user", person))
    url = reverse(name, kwargs=kwargs)
    response = getattr(client, method)(url, {"language": "en"} if name == "set_language" else {})
    assert response.status_code == expected[role], f"{role} {method.upper()} {url}"
    if method == "post":
        # The same URL refuses GET for everyone signed in (no change without POST).
        if role != "anonymous":
            client.force_login(getattr(person, "user", person))
            assert client.get(url).status_code in {405, 404}
