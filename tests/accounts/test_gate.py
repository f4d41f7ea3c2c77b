"""The gate: a session past the password but not the second factor opens nothing but the way to it."""

import pytest
from django.urls import reverse
from django.utils.http import urlencode

from tests.support.api_support import bearer, make_client, make_token
from tests.support.partners_support import make_basis, make_partner

pytestmark = pytest.mark.django_db


def _to_second_factor(path: str) -> str:
    return f"{reverse('second_factor:verify')}?{urlencode({'next': path})}"


def test_a_session_without_the_second_factor_reaches_no_family_page(client, cast):
    client.force_login(cast.worker, second_factor=False)
    for path in (
        reverse("casework:my_families"),
        reverse("casework:family_detail", kwargs={"family_id": cast.family.pk}),
        reverse("home"),
        reverse("password_change"),
    ):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == _to_second_factor(path)
    # A post is refused too, and leaves nothing behind.
    response = client.post(reverse("casework:contact_create", kwargs={"family_id": cast.family.pk}), {"note": "x"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("second_factor:verify"))


def test_nor_the_admin(client, cast):
    client.force_login(cast.beheer, second_factor=False)
    for path in (reverse("admin:index"), reverse("admin:accounts_user_changelist"), reverse("access_log_lookup")):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == _to_second_factor(path)


def test_the_same_person_after_the_second_factor_gets_in(client, cast):
    client.force_login(cast.worker)
    assert client.get(reverse("casework:my_families")).status_code == 200
    client.force_login(cast.beheer)
    assert client.get(reverse("admin:index")).status_code == 200


def test_only_the_steps_log_out_and_static_files_stay_open(client, cast):
    client.force_login(cast.worker, second_factor=False)
    page = client.get(reverse("second_factor:verify"))
    assert page.status_code == 302 and page["Location"].startswith(reverse("second_factor:enrol"))
    enrol = client.get(page["Location"])
    assert enrol.status_code == 200
    html = enrol.content.decode()
    assert "Mijn gezinnen" not in html and "Wachtwoord wijzigen" not in html  # no menu before the second step
    assert client.get("/static/css/app.css").status_code == 200
    assert client.post(reverse("session_keepalive")).status_code == 200
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert client.get(reverse("casework:my_families"))["Location"].startswith(reverse("login"))


def test_the_partner_api_takes_its_token_and_no_half_logged_in_session(client, cast):
    partner = make_partner("Jeugdhulp A")
    make_basis(family=cast.family, partner=partner)
    partner_client, _ = make_client(partner=partner)
    token = make_token(partner_client)
    assert client.get(reverse("api:gezin_list"), **bearer(token)).status_code == 200

    client.force_login(cast.worker, second_factor=False)
    response = client.get(reverse("api:gezin_list"))
    assert response.status_code == 401  # the API's own answer: it reads no session, verified or not
    assert response["Content-Type"].startswith("application/problem+json")
    client.force_login(cast.worker)
    assert client.get(reverse("api:gezin_list")).status_code == 401  # not with the second factor either


def test_the_force_login_fixture_marks_the_session_as_django_otp_does(client, cast):
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(cast.worker)
    device = TOTPDevice.objects.get(user=cast.worker, confirmed=True)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    client.force_login(cast.colleague, second_factor=False)
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_the_admin_never_shows_anyones_secret_or_recovery_codes(client, cast):
    from django.contrib import admin
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    assert not admin.site.is_registered(TOTPDevice) and not admin.site.is_registered(StaticDevice)
    superuser = cast.beheer
    superuser.is_superuser = True
    superuser.save()
    client.force_login(superuser)
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 404
    assert "otp_static" not in client.get(reverse("admin:index")).content.decode()


def test_using_a_passkey_is_a_step_adding_one_is_not(client, cast):
    client.force_login(cast.worker, second_factor=False)
    begin = client.post(reverse("otp_webauthn:credential-authentication-begin"))
    assert begin.status_code == 200 and "challenge" in begin.json()  # the step itself
    for name in ("credential-registration-begin", "credential-registration-complete"):
        response = client.post(reverse(f"otp_webauthn:{name}"))
        assert response.status_code == 302 and response["Location"].startswith(reverse("second_factor:verify"))
    assert client.get(reverse("second_factor:passkey")).status_code == 302
    client.force_login(cast.worker)
    assert client.post(reverse("otp_webauthn:credential-registration-begin")).status_code == 200


def test_an_unknown_api_url_answers_the_same_problem_with_a_half_finished_log_in(client, cast):
    """The API reads no session: a session at the password step changes nothing there (no HTML redirect)."""
    client.force_login(cast.worker, second_factor=False)
    response = client.get("/api/v1/bestaat-niet")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/problem+json")
