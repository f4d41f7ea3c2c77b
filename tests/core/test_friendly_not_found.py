"""Under `make run` (DEBUG) a missing page is the Dutch 404 page, never Django's list of URL patterns."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_demo_shows_the_dutch_not_found_page(client, cast, settings):
    settings.DEBUG = True
    client.force_login(cast.worker)
    assert "Page not found" in client.get("/bestaat-niet/").content.decode()  # what DEBUG shows without it
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "core.middleware.FriendlyNotFoundMiddleware"]
    client = Client()  # a new handler loads the middleware (config/settings/local.py adds it)
    client.force_login(cast.worker)
    for missing in ("/bestaat-niet/", "/gezinnen/999999/"):  # no URL pattern, and a view's Http404
        response = client.get(missing)
        page = response.content.decode()
        assert response.status_code == 404, missing
        assert "Niet gevonden" in page and "URL patterns" not in page and "Page not found" not in page
