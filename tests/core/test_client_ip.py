"""The client's address believes X-Forwarded-For only for the proxies we run (TRUSTED_PROXY_COUNT).

A client can send any X-Forwarded-For it likes; whatever it writes must not end up in the
access log as its address, nor let it dodge the log-in lock-out by changing the header.
"""

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse

from core.client_ip import client_ip
from privacy.models import AccessLogEntry
from tests.support.once import once


def _request(remote: str = "10.0.0.9", forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize("forwarded", [None, "", "203.0.113.7", "1.2.3.4, 203.0.113.7"])
def test_without_trusted_proxies_only_remote_addr_counts(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request(forwarded=forwarded)) == "10.0.0.9"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "203.0.113.7", "203.0.113.7"),  # the proxy appended what it saw
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # the client's own claim on the left is ignored
        (1, "6.6.6.6,203.0.113.7 ", "203.0.113.7"),
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),  # the outermost of two proxies saw the client
        (1, "2001:db8::1", "2001:db8::1"),
        (1, None, "10.0.0.9"),  # no header: not through our proxy
        (1, "", "10.0.0.9"),
        (1, " , ", "10.0.0.9"),
        (2, "203.0.113.7", "10.0.0.9"),  # shorter than the proxies we run
        (1, "6.6.6.6, not-an-ip", "10.0.0.9"),  # malformed
        (1, "6.6.6.6, 203.0.113.7:443", "10.0.0.9"),
        (1, "6.6.6.6, ", "10.0.0.9"),
    ],
)
def test_the_nth_entry_from_the_right_or_remote_addr(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_ip(_request(forwarded=forwarded)) == expected


def test_the_access_log_records_what_our_proxy_saw_not_what_the_client_claims(client, cast, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client.force_login(cast.worker)
    client.post(
        reverse("casework:network_create", kwargs={"family_id": cast.family.pk}),
        {**once(), "name": "Buurman Piet", "relation": "buurman"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.4",
    )
    entry = AccessLogEntry.objects.get(family_ids__has=cast.family.pk, action="toevoegen")
    assert entry.ip_address == "198.51.100.4"


def test_a_spoofed_header_is_ignored_when_no_proxy_is_trusted(client, cast, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    client.force_login(cast.worker)
    client.get(
        reverse("casework:family_detail", kwargs={"family_id": cast.family.pk}),
        REMOTE_ADDR="10.1.2.3",
        HTTP_X_FORWARDED_FOR="6.6.6.6",
    )
    assert set(AccessLogEntry.objects.filter(user=cast.worker).values_list("ip_address", flat=True)) == {"10.1.2.3"}


def test_the_lockout_cannot_be_dodged_by_changing_x_forwarded_for(client, cast, settings):
    """Axes counts failures per user name and the address our proxy saw, the same one the log records."""
    settings.TRUSTED_PROXY_COUNT = 1
    url = reverse("login")
    for i in range(5):
        response = client.post(
            url,
            {"username": "worker", "password": "fout"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"6.6.6.{i}, 198.51.100.4",
        )
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.4"}
    spoofed = client.post(
        url,
        {"username": "worker", "password": "geheim-wachtwoord"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="7.7.7.7, 198.51.100.4",
    )
    assert spoofed.status_code == 429
