import datetime as dt

from django.conf import settings
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.db import transaction
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.extensions import transactional_email_send
from accounts.models import User
from accounts.notices import security_notice_send
from accounts.second_factor.models import PasswordResetMail


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form, with its e-mail put in our outbox instead of straight to SMTP.

    The outbox retries when the mail server is down and shows a given-up message to functioneel
    beheer (without its text); a reset link sent straight over SMTP would be lost with the request.
    As in Django, an address without an active account gets the same answer and no e-mail, and so
    does a second request within PASSWORD_RESET_MAIL_MINUTES (one link per person at a time).
    """

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        since = timezone.now() - dt.timedelta(minutes=settings.PASSWORD_RESET_MAIL_MINUTES)
        with transaction.atomic():
            user = User.objects.select_for_update().get(pk=context["user"].pk)
            if PasswordResetMail.objects.filter(user=user, at__gt=since).exists():
                return
            PasswordResetMail.objects.create(user=user)
            subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
            body = loader.render_to_string(email_template_name, context)
            transactional_email_send(to_address=to_email, subject=subject, body=body)


class NoticePasswordChangeForm(PasswordChangeForm):
    """Changing one's password also e-mails a notice to the person."""

    def save(self, commit=True):
        user = super().save(commit)
        security_notice_send(user=user, subject=_("Uw wachtwoord is gewijzigd"), template=NOTICE)
        return user


class NoticeSetPasswordForm(SetPasswordForm):
    """Setting a new password through a reset link also e-mails a notice to the person."""

    def save(self, commit=True):
        user = super().save(commit)
        security_notice_send(user=user, subject=_("Uw wachtwoord is gewijzigd"), template=NOTICE)
        return user


NOTICE = "accounts/password/changed_email.txt"
