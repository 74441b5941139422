from django.test import RequestFactory

from parcours.core.http import client_address


def request(remote="10.0.0.1", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_proxy_it_ignores_forwarded_for(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request(forwarded="1.2.3.4")) == "10.0.0.1"


def test_behind_one_proxy_it_takes_the_entry_the_proxy_wrote(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client forged the first entry; our proxy appended the real address.
    assert client_address(request(forwarded="6.6.6.6, 203.0.113.7")) == "203.0.113.7"


def test_behind_a_proxy_a_missing_header_falls_back_to_remote_addr(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request()) == "10.0.0.1"
