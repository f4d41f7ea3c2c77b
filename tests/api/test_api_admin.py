"""Functioneel beheer's admin pages for partner systems (API clients)."""

import pytest
from django.urls import reverse

from tests.support.api_support import make_client
from tests.support.partners_support import make_partner


@pytest.mark.django_db
def test_beheer_opens_the_change_page_of_a_partner_client(client, cast):
    api_client, _secret = make_client(partner=make_partner("Jeugdhulp A"), scopes=["gezinnen:lezen"])
    client.force_login(cast.beheer)
    response = client.get(reverse("admin:api_partnerclient_change", args=[api_client.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    # The system's name is set once, at creation; scopes and "actief" are read-only (a grant is a proposal).
    assert 'name="name"' not in html and 'name="scopes"' not in html and 'name="active"' not in html
    assert list(response.context["adminform"].form.fields) == ["purpose"]
    assert api_client.client_id in html and "gezinnen:lezen" in html
