from django.contrib.auth.forms import PasswordResetForm
from django.template import loader

from accounts.extensions import transactional_email_send


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form, with its e-mail put in our outbox instead of straight to SMTP.

    The outbox retries when the mail server is down and shows a given-up message to functioneel
    beheer; a reset link sent straight over SMTP would be lost with the request. As in Django, an
    address without an active account gets the same answer and no e-mail.
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
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        transactional_email_send(to_address=to_email, subject=subject, body=body)
