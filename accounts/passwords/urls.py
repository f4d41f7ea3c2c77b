"""Self-service passwords: change it (after the second factor) or get a reset link by e-mail.

Django's own views with our Dutch templates and URL names as Django expects them. A reset never
logs anyone in (`post_reset_login` stays off): after it the person logs in with the new password
and then their second factor, like any log-in.
"""

from django.contrib.auth import views as auth_views
from django.urls import path

from .forms import NoticePasswordChangeForm, NoticeSetPasswordForm, OutboxPasswordResetForm

T = "accounts/password/"

urlpatterns = [
    path(
        "wijzigen/",
        auth_views.PasswordChangeView.as_view(
            template_name=T + "change_form.html", form_class=NoticePasswordChangeForm
        ),
        name="password_change",
    ),
    path(
        "gewijzigd/",
        auth_views.PasswordChangeDoneView.as_view(template_name=T + "change_done.html"),
        name="password_change_done",
    ),
    path(
        "vergeten/",
        auth_views.PasswordResetView.as_view(
            form_class=OutboxPasswordResetForm,
            template_name=T + "reset_form.html",
            email_template_name=T + "reset_email.txt",
            subject_template_name=T + "reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(template_name=T + "reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "nieuw/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name=T + "reset_confirm.html", post_reset_login=False, form_class=NoticeSetPasswordForm
        ),
        name="password_reset_confirm",
    ),
    path(
        "nieuw/klaar/",
        auth_views.PasswordResetCompleteView.as_view(template_name=T + "reset_complete.html"),
        name="password_reset_complete",
    ),
]
