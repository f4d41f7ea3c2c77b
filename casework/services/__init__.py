"""Writes to the family file. Each is atomic and leaves an access-log row.

Views, API views and tasks call these; they never write models directly. The
`channel` says where the change came from (web, api, ...) for the access log.
By subject: the family itself (`family`), the gezinsplan (`plans`), contacts
with the two scores (`contacts`); `casework.services` is their one import path,
as `casework.models` is for the models.
"""

from .contacts import (
    CONTACT_FIELDS,
    contact_add_addendum,
    contact_can_correct,
    contact_correct,
    contact_correctable_until,
    contact_record,
)
from .family import (
    GRANT_HOURS,
    PHASE_ORDER,
    family_access_grant_record,
    family_assign,
    family_change_phase,
    family_create,
    measure_save,
    member_save,
    network_person_save,
    substitution_create,
    substitution_end,
)
from .plans import (
    PLAN_FIELDS,
    agreement_set_status,
    plan_version_create,
)
from .summary import family_summaries_rebuild, family_summary_lock, family_summary_refresh

__all__ = [
    "CONTACT_FIELDS",
    "GRANT_HOURS",
    "PHASE_ORDER",
    "PLAN_FIELDS",
    "agreement_set_status",
    "contact_add_addendum",
    "contact_can_correct",
    "contact_correct",
    "contact_correctable_until",
    "contact_record",
    "family_access_grant_record",
    "family_assign",
    "family_change_phase",
    "family_create",
    "family_summaries_rebuild",
    "family_summary_lock",
    "family_summary_refresh",
    "measure_save",
    "member_save",
    "network_person_save",
    "plan_version_create",
    "substitution_create",
    "substitution_end",
]
