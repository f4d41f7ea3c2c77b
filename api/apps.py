from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Partner-API"

    def ready(self) -> None:
        # Partner clients are managed through PartnerClient only (it creates the
        # OAuth2 application and shows the secret once); django-oauth-toolkit's
        # own admin pages would let anyone with staff rights mint clients.
        from django.contrib import admin
        from oauth2_provider import models as oauth_models

        from .grants import register_api_kinds

        register_api_kinds()

        for model in (
            oauth_models.get_application_model(),
            oauth_models.get_access_token_model(),
            oauth_models.get_refresh_token_model(),
            oauth_models.get_grant_model(),
            oauth_models.get_id_token_model(),
        ):
            if admin.site.is_registered(model):
                admin.site.unregister(model)
