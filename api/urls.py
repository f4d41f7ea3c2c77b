"""/api/v1: Dutch plural resources, no trailing slashes (API Design Rules)."""

from django.urls import path

from . import views, views_docs, views_inzetten
from .headers import api_endpoint
from .views_token import PartnerTokenView

app_name = "api"


def _api(view_class):
    return api_endpoint(view_class.as_view())


urlpatterns = [
    path("oauth/token", api_endpoint(PartnerTokenView.as_view()), name="token"),
    path("openapi.json", api_endpoint(views_docs.SchemaView.as_view(), personal_data=False), name="schema"),
    path("docs", api_endpoint(views_docs.docs, personal_data=False), name="docs"),
    path("gezinnen", _api(views.GezinList), name="gezin_list"),
    path("gezinnen/<int:gezin_id>", _api(views.GezinDetail), name="gezin_detail"),
    path("jeugdigen", _api(views.JeugdigeList), name="jeugdige_list"),
    path("jeugdigen/<int:jeugdige_id>", _api(views.JeugdigeDetail), name="jeugdige_detail"),
    path("afspraken", _api(views.AfspraakList), name="afspraak_list"),
    path("afspraken/<int:afspraak_id>", _api(views.AfspraakDetail), name="afspraak_detail"),
    path("inzetten", _api(views_inzetten.InzetList), name="inzet_list"),
    path("inzetten/<int:inzet_id>", _api(views_inzetten.InzetDetail), name="inzet_detail"),
    path("inzetten/<int:inzet_id>/start", _api(views_inzetten.InzetStart), name="inzet_start"),
    path("inzetten/<int:inzet_id>/stop", _api(views_inzetten.InzetStop), name="inzet_stop"),
    path("inzetten/<int:inzet_id>/berichten", _api(views_inzetten.InzetBerichten), name="inzet_berichten"),
]
