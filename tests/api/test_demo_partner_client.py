"""`make run` prints a working partner-API example: the port the app runs on, not a fixed 8000."""

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_demo_client_example_names_the_apps_address(settings):
    settings.DEBUG = True
    call_command("demo_data", families=3, verbosity=0)
    out = io.StringIO()
    call_command("demo_partner_client", if_empty=True, base_url="http://localhost:8123", stdout=out)
    printed = out.getvalue()
    assert "http://localhost:8123/api/v1/oauth/token" in printed and "client_secret:" in printed
