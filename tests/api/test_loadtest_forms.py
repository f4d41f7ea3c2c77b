"""The load test's browser helpers (loadtest/forms.py) against the real log-in, through Django's test client."""

from django.test import Client
from django.urls import reverse

from loadtest.forms import hidden_fields, log_in
from tests.support.second_factor import confirmed_totp_device, totp_secret


def _browser(client):
    def get(path):
        response = client.get(path, follow=True)
        return response.status_code, response.request["PATH_INFO"], response.content.decode()

    def post(path, data):
        response = client.post(path, data, follow=True)
        return response.status_code, response.request["PATH_INFO"], response.content.decode()

    return get, post


def test_log_in_passes_password_and_second_factor(cast):
    client = Client(enforce_csrf_checks=True)
    secret = totp_secret(confirmed_totp_device(cast.worker))
    get, post = _browser(client)
    landed = log_in(get=get, post=post, username="worker", password="geheim-wachtwoord", totp_secret=secret)
    assert "/inloggen/" not in landed
    assert client.get(reverse("casework:my_families")).status_code == 200


def test_hidden_fields_reads_the_contact_forms_tokens(cast):
    client = Client()
    client.force_login(cast.worker)
    page = client.get(reverse("casework:contact_create", kwargs={"family_id": cast.family.pk})).content.decode()
    fields = hidden_fields(page, containing="idempotency_token")
    assert fields["csrfmiddlewaretoken"]
    assert fields["idempotency_token"]
