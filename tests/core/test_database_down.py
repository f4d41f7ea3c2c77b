"""The database unreachable: a Dutch 503 page (problem+json under /api/), never a bare 500.

Every query of the request raises what psycopg raises when PostgreSQL is gone, through Django's own
execute wrapper; the first one is the session's, in a middleware before any view.
"""

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client
from django.urls import reverse


def _refusing(error):
    def wrapper(execute, sql, params, many, context):
        raise error

    return wrapper


@pytest.fixture
def page_client(cast):
    client = Client(raise_request_exception=False)
    client.force_login(cast.worker)
    return client


@pytest.mark.parametrize(
    "error",
    [
        OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused'),
        InterfaceError("connection already closed"),
    ],
    ids=["refused", "closed"],
)
def test_a_page_answers_503_in_dutch_when_the_database_is_down(page_client, cast, error):
    url = reverse("casework:family_detail", args=[cast.family.pk])
    with connection.execute_wrapper(_refusing(error)):
        response = page_client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30" and response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "De database is op dit moment niet bereikbaar" in html
    assert "Wat u zojuist verstuurde, is niet opgeslagen." in html
    assert "<script" not in html and "<style" not in html and "style=" not in html
    assert "De Vries" not in html  # nothing of the family: the page was never rendered


def test_a_form_post_answers_503_too(page_client, cast):
    url = reverse("casework:contact_create", args=[cast.family.pk])
    with connection.execute_wrapper(_refusing(OperationalError("server closed the connection unexpectedly"))):
        response = page_client.post(url, {"summary": "Gesprek met moeder", "safety_score": 6, "lijn_score": 5})
    assert response.status_code == 503 and "niet opgeslagen" in response.content.decode()


def test_the_api_answers_a_problem_503(db):
    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(_refusing(OperationalError("Connection refused"))):
        response = client.get("/api/v1/gezinnen", HTTP_AUTHORIZATION="Bearer x")
    assert response.status_code == 503 and response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Tijdelijk niet beschikbaar" and response["Retry-After"] == "30"


def test_a_database_error_that_is_a_bug_is_still_a_500(page_client):
    from django.db import ProgrammingError

    with connection.execute_wrapper(_refusing(ProgrammingError('relation "x" does not exist'))):
        response = page_client.get(reverse("casework:my_families"))
    assert response.status_code == 500
