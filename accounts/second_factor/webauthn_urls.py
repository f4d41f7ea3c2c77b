"""django-otp-webauthn's endpoints: using a passkey is a second-factor step, adding one is not.

Authenticating (and the script's translations) must be open to a session at the password step, so
those views are marked for the gate; registering a passkey needs a session that passed the second
factor already (the gate keeps the others closed until then).
"""

from django_otp_webauthn import urls as webauthn_urls

from .middleware import second_factor_not_required

app_name = "otp_webauthn"

_STEP = {"credential-authentication-begin", "credential-authentication-complete", "js-i18n-catalog"}

urlpatterns = list(webauthn_urls.urlpatterns)
for pattern in urlpatterns:
    if pattern.name in _STEP:
        second_factor_not_required(pattern.callback)
