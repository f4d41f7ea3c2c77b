"""Passwords: the Dutch common-password check, changing it yourself, and the reset link via the outbox."""

import itertools
import re

import pytest
from django.contrib.auth import password_validation
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import PasswordResetMail, User
from accounts.passwords.common import (
    BASE_WORDS,
    DutchCommonPasswordValidator,
    candidates,
    common_stems,
    is_common_dutch_password,
)
from notifications.models import OutgoingEmail, OutgoingEmailStatus
from notifications.services import outgoing_emails_send_due
from tests.support.second_factor import confirmed_totp_device, totp_code

DUTCH_MESSAGE = "Dit wachtwoord is te makkelijk te raden"
GOOD = "paarse fiets onder de brug bij regen"


REFUSED = ["wachtwoord12", "Welkom2026!", "Jeugdzorg123!", "W3lk0m2030", "Feyenoord1908!", "Jeugdbescherming2026",
           "ZOMER1234", "maandag!", "Ajax4mst3rdam", "g3h31m123!",
           # found in review: a year between two words, English words with a tail, a Dutch phrase with a year
           "Zomer2025Ajax", "P@ssw0rd2026!", "Password2026!", "iloveyou2026", "letmein12345",
           "Veilig Thuis 2026"]  # fmt: skip


@pytest.mark.parametrize("password", REFUSED)
def test_common_dutch_passwords_are_refused_with_a_dutch_message(password):
    with pytest.raises(ValidationError) as refused:
        DutchCommonPasswordValidator().validate(password)
    assert DUTCH_MESSAGE in refused.value.messages[0]


@pytest.mark.parametrize("password", [GOOD, "Tegelwijsheid-van-oom-Henk", "kachel regenjas pindakaas trompet"])
def test_a_decent_passphrase_passes_every_validator(password, db):
    password_validation.validate_password(password)  # raises when refused


def test_the_whole_chain_refuses_the_examples_of_the_issue(db):
    for password in ("wachtwoord12", "Welkom2026!", "Jeugdzorg123!"):
        with pytest.raises(ValidationError) as refused:
            password_validation.validate_password(password)
        assert any(DUTCH_MESSAGE in message for message in refused.value.messages), password
    # Django's English list and the minimum of 12 stay in force beside it.
    with pytest.raises(ValidationError) as english:
        password_validation.validate_password("111222tianya")  # on Django's list, not on ours
    assert [error.code for error in english.value.error_list] == ["password_too_common"]
    with pytest.raises(ValidationError) as short:
        password_validation.validate_password("kort-woord1")
    assert short.value.error_list[0].code == "password_too_short"


def test_the_check_is_the_generated_list():
    # Every generated candidate of a few words is refused (a deterministic slice of each word's millions) ...
    for word in ("wachtwoord", "gezin", "ajax"):
        sample = list(itertools.islice(candidates(words=(word,)), 0, 600_000, 101))
        assert len(sample) > 1000 and all(is_common_dutch_password(c) for c in sample), word
    assert "Welkom2026!" in itertools.islice(candidates(words=("welkom",)), 300_000)
    # ... the list covers every base word in its disguises, and it is generated, not stored.
    stems = common_stems()
    assert set(BASE_WORDS) <= stems and "w4chtw00rd" in stems and "j3ugdz0rg" in stems
    assert len(stems) > 10 * len(BASE_WORDS)
    first = next(candidates())
    assert is_common_dutch_password(first)


def test_the_validator_is_configured_and_explains_itself(settings):
    names = [v["NAME"] for v in settings.AUTH_PASSWORD_VALIDATORS]
    assert "accounts.passwords.DutchCommonPasswordValidator" in names
    assert "django.contrib.auth.password_validation.CommonPasswordValidator" in names
    assert {"min_length": 12} in [v.get("OPTIONS") for v in settings.AUTH_PASSWORD_VALIDATORS]
    assert "Welkom2026!" in DutchCommonPasswordValidator().get_help_text()


def test_changing_your_own_password(client, cast):
    client.force_login(cast.worker)
    page = client.get(reverse("password_change"))
    assert page.status_code == 200 and "Wachtwoord wijzigen" in page.content.decode()
    refused = client.post(
        reverse("password_change"),
        {"old_password": "geheim-wachtwoord", "new_password1": "Welkom2026!!", "new_password2": "Welkom2026!!"},
    )
    assert refused.status_code == 200 and DUTCH_MESSAGE in refused.content.decode()
    wrong_old = client.post(
        reverse("password_change"), {"old_password": "fout", "new_password1": GOOD, "new_password2": GOOD}
    )
    assert wrong_old.status_code == 200 and not cast.worker.__class__.objects.get(pk=cast.worker.pk).check_password(
        GOOD
    )
    done = client.post(
        reverse("password_change"), {"old_password": "geheim-wachtwoord", "new_password1": GOOD, "new_password2": GOOD}
    )
    assert done.status_code == 302 and done["Location"] == reverse("password_change_done")
    cast.worker.refresh_from_db()
    assert cast.worker.check_password(GOOD)
    # Still logged in, second factor included.
    assert client.get(reverse("casework:my_families")).status_code == 200
    assert "Wachtwoord gewijzigd" in client.get(done["Location"]).content.decode()


def test_the_menu_and_the_log_in_page_link_to_the_password_pages(client, cast):
    login_page = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("password_reset")}">Wachtwoord vergeten?' in login_page
    client.force_login(cast.worker)
    html = client.get(reverse("casework:my_families")).content.decode()
    assert f'href="{reverse("password_change")}">Wachtwoord wijzigen' in html


def test_a_reset_link_goes_through_the_outbox_and_never_skips_the_second_factor(client, cast):
    cast.worker.email = "worker@gi.invalid"
    cast.worker.save()
    response = client.post(reverse("password_reset"), {"email": "worker@gi.invalid"})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []  # not straight to SMTP: a row in the outbox
    email = OutgoingEmail.objects.get()
    assert email.to_address == "worker@gi.invalid" and email.notification is None
    assert email.status == OutgoingEmailStatus.PENDING and "nieuw wachtwoord" in email.subject
    assert outgoing_emails_send_due() == 1 and len(mail.outbox) == 1

    link = re.search(r"http://testserver(/wachtwoord/nieuw/\S+)", email.body).group(1)
    form_url = client.get(link)["Location"]  # Django moves the token out of the URL into the session
    assert "Nieuw wachtwoord kiezen" in client.get(form_url).content.decode()
    refused = client.post(form_url, {"new_password1": "Wachtwoord2026!", "new_password2": "Wachtwoord2026!"})
    assert DUTCH_MESSAGE in refused.content.decode()
    done = client.post(form_url, {"new_password1": GOOD, "new_password2": GOOD})
    assert done.status_code == 302 and done["Location"] == reverse("password_reset_complete")
    cast.worker.refresh_from_db()
    assert cast.worker.check_password(GOOD)
    assert client.get(reverse("casework:my_families"))["Location"].startswith(reverse("login"))  # not logged in
    assert "werkt niet" in client.get(link, follow=True).content.decode()  # the link worked once

    # Logging in with the new password leads to the second factor, not past it.
    confirmed_totp_device(cast.worker)
    step = client.post(reverse("login"), {"username": "worker", "password": GOOD}, follow=True)
    assert step.request["PATH_INFO"] == reverse("second_factor:verify")
    assert client.get(reverse("casework:my_families")).status_code == 302
    client.post(reverse("second_factor:verify"), {"otp_token": totp_code(cast.worker)})
    assert client.get(reverse("casework:my_families")).status_code == 200


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, cast):
    response = client.post(reverse("password_reset"), {"email": "niemand@gi.invalid"})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    assert not OutgoingEmail.objects.exists()


def test_beheer_cannot_read_a_reset_link_in_the_outbox(client, cast):
    """The outbox admin shows what waits and failed, never a message's text: a reset link there would let
    beheer set a colleague's password."""
    cast.worker.email = "worker@gi.invalid"
    cast.worker.save()
    client.post(reverse("password_reset"), {"email": "worker@gi.invalid"})
    email = OutgoingEmail.objects.get()
    link = re.search(r"/wachtwoord/nieuw/\S+", email.body).group(0)
    client.force_login(cast.beheer)
    page = client.get(reverse("admin:notifications_outgoingemail_change", args=[email.pk]))
    assert page.status_code == 200 and email.subject in page.content.decode()
    assert link not in page.content.decode() and "/wachtwoord/nieuw/" not in page.content.decode()


def test_ones_own_name_with_a_year_is_refused(db):
    user = User(username="tl.noord", first_name="Stijn", last_name="van Tours")
    with pytest.raises(ValidationError) as refused:
        password_validation.validate_password("Stijn van Tours 2026", user)
    assert any(DUTCH_MESSAGE in message for message in refused.value.messages)
    password_validation.validate_password(GOOD, user)  # a passphrase with other words passes


def test_a_short_password_is_refused_in_dutch(db):
    with pytest.raises(ValidationError) as refused:
        password_validation.validate_password("kort")
    assert "Dit wachtwoord is te kort: het moet minstens 12 tekens lang zijn." in refused.value.messages


def test_one_reset_link_per_person_at_a_time_and_a_notice_when_the_password_changed(client, cast, settings):
    """Six requests in a row put one link in the outbox (nobody floods a colleague's inbox); setting the
    password through it e-mails the person a notice, so a change they did not make is noticed."""
    cast.worker.email = "worker@gi.invalid"
    cast.worker.save()
    for _ in range(6):
        assert client.post(reverse("password_reset"), {"email": "worker@gi.invalid"}).status_code == 302
    link_mail = OutgoingEmail.objects.get()
    assert PasswordResetMail.objects.filter(user=cast.worker).count() == 1
    link = re.search(r"http://testserver(/wachtwoord/nieuw/\S+)", link_mail.body).group(1)
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": GOOD, "new_password2": GOOD})
    notice = OutgoingEmail.objects.exclude(pk=link_mail.pk).get()
    assert notice.to_address == "worker@gi.invalid" and notice.subject == "Uw wachtwoord is gewijzigd"
    assert "Deed u het niet?" in notice.body
    # After the pause (counted from the last link's time) a new link may be asked for again.
    settings.PASSWORD_RESET_MAIL_MINUTES = 0
    client.post(reverse("password_reset"), {"email": "worker@gi.invalid"})
    assert PasswordResetMail.objects.filter(user=cast.worker).count() == 2
