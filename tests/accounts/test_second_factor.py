"""The second factor through the real pages: enrolment on the first log-in, codes, recovery codes, axes."""

import re

import pyotp
import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import SecondFactorReset
from accounts.second_factor.services import second_factor_reset
from core.models import AppendOnlyError
from notifications.models import OutgoingEmail
from tests.support.second_factor import confirmed_totp_device, totp_code, totp_code_for

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord"


def _password_step(client: Client, username: str, next_url: str = "") -> str:
    """The log-in form; returns where the second step starts (following the redirects)."""
    data = {"username": username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    response = client.post(reverse("login"), data, follow=True)
    assert response.status_code == 200
    return response.request["PATH_INFO"] + "?" + response.request["QUERY_STRING"]


def _secret_from_page(html: str) -> str:
    return re.search(r"<code>([A-Z2-7 ]+)</code>", html).group(1).replace(" ", "")


def test_first_log_in_enrols_an_app_and_shows_ten_recovery_codes_once(client, cast):
    target = reverse("casework:family_detail", kwargs={"family_id": cast.family.pk})
    step = _password_step(client, "worker", target)
    assert step == reverse("second_factor:enrol") + "?" + urlencode({"next": target})
    page = client.get(step)
    html = page.content.decode()
    assert "Tweede stap instellen" in html and "Scan de QR-code" in html
    assert re.search(
        r'<img class="qr-code" src="data:image/svg\+xml;charset=utf-8,%3Csvg', html
    )  # drawn on the server, no script
    secret = _secret_from_page(html)
    assert client.get(step).content.decode().count(secret[:4]) >= 1  # the same secret on a reload
    assert _secret_from_page(client.get(step).content.decode()) == secret

    wrong = client.post(step, {"otp_token": "000000", "next": target})
    assert wrong.status_code == 200 and "Deze code klopt niet" in wrong.content.decode()
    device = TOTPDevice.objects.get(user=cast.worker)
    assert not device.confirmed
    device.throttle_reset()  # django-otp's wait after a wrong code (1 s) is tested below

    response = client.post(step, {"otp_token": pyotp.TOTP(secret).now(), "next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("second_factor:recovery_codes") + "?" + urlencode({"next": target})
    codes_page = client.get(response["Location"]).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{4}-[a-z2-7]{4})</code></li>", codes_page)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert "U ziet deze codes maar één keer" in codes_page and "Afdrukken" in codes_page
    assert f'href="{target}"' in codes_page
    assert StaticToken.objects.filter(device__user=cast.worker).count() == 10
    again = client.get(response["Location"]).content.decode()
    assert "al getoond" in again and codes[0] not in again
    assert client.get(target).status_code == 200  # verified: the family page opens
    assert TOTPDevice.objects.get(user=cast.worker).confirmed


def test_a_second_log_in_asks_the_app_code_and_keeps_next(client, cast):
    confirmed_totp_device(cast.worker)
    target = reverse("casework:my_families") + "?filter=1"
    step = _password_step(client, "worker", target)
    assert step == reverse("second_factor:verify") + "?" + urlencode({"next": target})
    assert "Code invullen" in client.get(step).content.decode()
    assert client.get(reverse("casework:my_families")).status_code == 302  # not yet
    response = client.post(step, {"otp_token": totp_code(cast.worker), "next": target})
    assert response.status_code == 302 and response["Location"] == target
    assert client.get(reverse("casework:my_families")).status_code == 200


def test_a_code_is_accepted_once(client, cast):
    device = confirmed_totp_device(cast.worker)
    code = totp_code(cast.worker)
    _password_step(client, "worker")
    assert client.post(reverse("second_factor:verify"), {"otp_token": code}).status_code == 302
    other = Client()
    _password_step(other, "worker")
    device.refresh_from_db()
    device.throttle_reset()
    refused = other.post(reverse("second_factor:verify"), {"otp_token": code})
    assert refused.status_code == 200 and "Deze code klopt niet" in refused.content.decode()


def test_a_recovery_code_works_once_and_is_gone(client, cast):
    from accounts.second_factor.services import recovery_codes_replace

    confirmed_totp_device(cast.worker)
    codes = recovery_codes_replace(user=cast.worker)
    _password_step(client, "worker")
    typed = f"{codes[3][:4].upper()}-{codes[3][4:].upper()}"  # as printed, in capitals
    response = client.post(reverse("second_factor:verify"), {"otp_token": typed})
    assert response.status_code == 302
    assert client.get(reverse("home"), follow=True).status_code == 200
    assert not StaticToken.objects.filter(token=codes[3]).exists()
    assert StaticToken.objects.filter(device__user=cast.worker).count() == 9

    again = Client()
    _password_step(again, "worker")
    StaticDevice.objects.filter(user=cast.worker).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    refused = again.post(reverse("second_factor:verify"), {"otp_token": codes[3]})
    assert refused.status_code == 200 and "Deze code klopt niet" in refused.content.decode()


def test_a_wrong_code_waits_before_the_next_is_checked(client, cast, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # a minute instead of a second, so a slow machine cannot outwait it
    confirmed_totp_device(cast.worker)
    _password_step(client, "worker")
    client.post(reverse("second_factor:verify"), {"otp_token": "123456"})
    right_but_too_soon = client.post(reverse("second_factor:verify"), {"otp_token": totp_code(cast.worker)})
    assert right_but_too_soon.status_code == 200
    assert re.search(r"Wacht (60|59|58) seconden en probeer het opnieuw", right_but_too_soon.content.decode())
    assert AccessAttempt.objects.get(username="worker").failures_since_start == 1  # the unchecked try is no failure


def test_wrong_codes_count_as_failed_log_ins_for_axes_and_lock_out(client, cast, settings):
    confirmed_totp_device(cast.worker)
    _password_step(client, "worker")
    limit = settings.AXES_FAILURE_LIMIT
    for attempt in range(1, limit + 1):
        TOTPDevice.objects.filter(user=cast.worker).update(throttling_failure_count=0)
        response = client.post(reverse("second_factor:verify"), {"otp_token": "000000"})
        assert AccessAttempt.objects.get(username="worker").failures_since_start == attempt
    # The last wrong code locked the user name out: the lockout page, and the half session is gone.
    assert response.status_code == settings.AXES_HTTP_RESPONSE_CODE
    assert "Tijdelijk geblokkeerd" in response.content.decode()
    assert client.get(reverse("second_factor:verify"))["Location"].startswith(reverse("login"))
    # The right password no longer helps either.
    locked = client.post(reverse("login"), {"username": "worker", "password": PASSWORD})
    assert locked.status_code == settings.AXES_HTTP_RESPONSE_CODE


def test_the_code_page_sends_a_locked_out_person_away(client, cast, settings):
    confirmed_totp_device(cast.worker)
    _password_step(client, "worker")
    AccessAttempt.objects.create(
        username="worker", ip_address="127.0.0.1", user_agent="", failures_since_start=settings.AXES_FAILURE_LIMIT,
        get_data="", post_data="", http_accept="", path_info="/",
    )  # fmt: skip
    response = client.post(reverse("second_factor:verify"), {"otp_token": totp_code(cast.worker)})
    assert response.status_code == settings.AXES_HTTP_RESPONSE_CODE
    assert client.get(reverse("casework:my_families"))["Location"].startswith(reverse("login"))


def test_second_factor_reset_removes_every_device_and_keeps_a_record(client, cast):
    from accounts.second_factor.services import recovery_codes_replace

    confirmed_totp_device(cast.worker)
    recovery_codes_replace(user=cast.worker)
    TOTPDevice.objects.create(user=cast.worker, name="half", confirmed=False)
    client.force_login(cast.worker)
    assert client.get(reverse("casework:my_families")).status_code == 200

    cast.worker.email = "worker@gi.invalid"
    cast.worker.save(update_fields=["email"])
    record = second_factor_reset(user=cast.worker, by=cast.beheer)
    assert record.by == cast.beheer and record.user == cast.worker and record.devices_removed == 3
    # The person is told, so a reset they did not ask for is noticed.
    notice = OutgoingEmail.objects.get(to_address="worker@gi.invalid")
    assert notice.subject == "De tweede stap van uw account is verwijderd" and "Vroeg u dit niet aan?" in notice.body
    assert not TOTPDevice.objects.filter(user=cast.worker).exists()
    assert not StaticDevice.objects.filter(user=cast.worker).exists()
    assert not StaticToken.objects.filter(device__user=cast.worker).exists()
    # The session that had the second factor has it no longer: back to enrolment.
    response = client.get(reverse("casework:my_families"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("second_factor:enrol"))
    with pytest.raises(AppendOnlyError):
        record.delete()
    with pytest.raises(AppendOnlyError):
        SecondFactorReset.objects.filter(pk=record.pk).update(devices_removed=0)


def test_the_tests_codes_agree_with_django_otp(cast):
    device = confirmed_totp_device(cast.worker)
    assert device.verify_token(totp_code(cast.worker))
    assert not device.verify_token(totp_code_for(pyotp.random_base32()))


def test_next_never_leads_off_the_site(client, cast):
    confirmed_totp_device(cast.worker)
    _password_step(client, "worker")
    response = client.post(
        reverse("second_factor:verify"), {"otp_token": totp_code(cast.worker), "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("home")
