from django.urls import path

from . import buttons
from . import views as v

app_name = "teams"

urlpatterns = [
    path("", v.session_list, name="session_list"),
    path("nieuw/", v.session_create, name="session_create"),
    path("<int:session_id>/", v.session_detail, name="session_detail"),
    path("<int:session_id>/voorbereiden/", v.session_prepare, name="session_prepare"),
    path("<int:session_id>/kandidaat/", v.session_add_candidate, name="session_add_candidate"),
    path("<int:session_id>/publiceren/", buttons.session_publish, name="session_publish"),
    path("<int:session_id>/afsluiten/", buttons.session_close, name="session_close"),
    path("<int:session_id>/verslag/", v.session_minutes, name="session_minutes"),
    path("<int:session_id>/agenda/", v.session_agenda_print, name="session_agenda"),
    path("<int:session_id>/casus/<int:discussion_id>/voorbereiding/", v.discussion_prepare, name="discussion_prepare"),
    path("<int:session_id>/casus/<int:discussion_id>/", v.discussion_discuss, name="discussion_discuss"),
    path("besluiten/<int:decision_id>/instemmen/", v.decision_approve, name="decision_approve"),
    path("acties/<int:action_id>/gedaan/", v.action_complete, name="action_complete"),
]
