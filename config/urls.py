from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path

from accounts import views as account_views
from accounts.second_factor.middleware import second_factor_not_required
from api.problems import api_not_found
from casework.views import access_log as casework_access_log
from notifications import views as notification_views

urlpatterns = [
    path("", account_views.home, name="home"),
    path("gezond/", account_views.health, name="health"),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            redirect_authenticated_user=True,
            extra_context={"oidc_enabled": bool(settings.OIDC_RP_CLIENT_ID)},
        ),
        name="login",
    ),
    path("inloggen/tweede-stap/", include("accounts.second_factor.urls")),
    path("webauthn/", include("accounts.second_factor.webauthn_urls")),
    path("uitloggen/", second_factor_not_required(auth_views.LogoutView.as_view()), name="logout"),
    path("wachtwoord/", include("accounts.passwords.urls")),
    path("sessie/verlengen/", account_views.session_keepalive, name="session_keepalive"),
    path("gezinnen/", include("casework.urls")),
    path("gezinnen/", include("courtreports.urls")),
    path("concepten/", include("casework.drafts.urls")),
    path("team/sessies/", include("teams.sessions.urls")),
    path("kwesties/", include("kwesties.urls")),
    path("meldingen/", notification_views.notification_list, name="notifications"),
    path("team/", include("teams.dashboard.urls")),
    path("agenda/", include("teams.calendar.urls")),
    path("privacy/verzoeken/", include("casework.rights.urls")),
    path("audits/", include("audits.urls")),
    path("reflectie/", include("reflection.urls")),
    path("rapportages/", include("reports.urls")),
    path("voorstellen/", include("accounts.grants.urls")),
    path("beheer/toegangslog/", casework_access_log.access_log_lookup, name="access_log_lookup"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    # Any other URL under /api/ answers problem+json, with DEBUG on too (no HTML page, no slash redirect).
    re_path(r"^api/", api_not_found, name="api_not_found"),
]

if settings.OIDC_RP_CLIENT_ID:
    # Single sign-on (accounts/oidc.py): the way in, so open before a log-in and before the second factor.
    from mozilla_django_oidc import views as oidc_views

    urlpatterns.insert(
        0,
        path(
            "oidc/authenticate/",
            login_not_required(second_factor_not_required(oidc_views.OIDCAuthenticationRequestView.as_view())),
            name="oidc_authentication_init",
        ),
    )
    urlpatterns.insert(
        0,
        path(
            "oidc/callback/",
            login_not_required(second_factor_not_required(oidc_views.OIDCAuthenticationCallbackView.as_view())),
            name="oidc_authentication_callback",
        ),
    )

# Under /api/ errors are application/problem+json; elsewhere the usual pages.
handler400 = "api.problems.handler400"
handler403 = "api.problems.handler403"
handler404 = "api.problems.handler404"
handler500 = "api.problems.handler500"
