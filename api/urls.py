"""/api/v1: Dutch plural resources, no trailing slashes (API Design Rules)."""

from django.urls import path

from .headers import api_endpoint
from .token_guard import guard_token_endpoint
from .views import agreements, children, docs, families, inzetten
from .views.token import PartnerTokenView

app_name = "api"


def _api(view_class):
    return api_endpoint(view_class.as_view())


urlpatterns = [
    # Wrong secrets slow down and then lock the client id, and the address (api.token_guard).
    path("oauth/token", api_endpoint(guard_token_endpoint(PartnerTokenView.as_view())), name="token"),
    path("openapi.json", api_endpoint(docs.SchemaView.as_view(), personal_data=False), name="schema"),
    path("docs", api_endpoint(docs.docs, personal_data=False), name="docs"),
    path("gezinnen", _api(families.GezinList), name="gezin_list"),
    path("gezinnen/<int:gezin_id>", _api(families.GezinDetail), name="gezin_detail"),
    path("jeugdigen", _api(children.JeugdigeList), name="jeugdige_list"),
    path("jeugdigen/<int:jeugdige_id>", _api(children.JeugdigeDetail), name="jeugdige_detail"),
    path("afspraken", _api(agreements.AfspraakList), name="afspraak_list"),
    path("afspraken/<int:afspraak_id>", _api(agreements.AfspraakDetail), name="afspraak_detail"),
    path("inzetten", _api(inzetten.InzetList), name="inzet_list"),
    path("inzetten/<int:inzet_id>", _api(inzetten.InzetDetail), name="inzet_detail"),
    path("inzetten/<int:inzet_id>/start", _api(inzetten.InzetStart), name="inzet_start"),
    path("inzetten/<int:inzet_id>/stop", _api(inzetten.InzetStop), name="inzet_stop"),
    path("inzetten/<int:inzet_id>/berichten", _api(inzetten.InzetBerichten), name="inzet_berichten"),
]
