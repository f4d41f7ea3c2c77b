"""The family file (gezinsdossier): the ground floor every other app builds on.

Django finds the app's models here, and `from casework.models import X` is the
app's public model path. The models live by subject: the family and the people
around it (`family`), the gezinsplan (`plans`), contacts with the two scores
(`contacts`), and partners with their help and sharing bases
(`casework.partners.models`). The subject modules import only what lies below
them (plans and contacts import the family); the partner models name the
family and its members by their model label ("casework.Family"), so importing
them never runs this package; only this package gathers them all, so no model
module imports another in a circle, whatever is imported first.

History is kept, never overwritten: phase changes, assignments, plan versions,
contact revisions and addenda are append-only rows with author and time. Every
foreign key into the file is PROTECT: deleting a family or a contact can never
silently take its history with it (retention will be a deliberate process).
"""

from casework.court.models import (
    CourtRequest,
    CourtRuling,
    Hearing,
    HearingKind,
    HearingOutcome,
    MeasurePeriod,
    PeriodKind,
    RequestKind,
    RequestStatus,
    RulingOutcome,
    Stay,
    StayKind,
)
from casework.documents.models import Document, DocumentKind
from casework.drafts.models import Draft, KeptPost
from casework.partners.models import (
    BasisKind,
    EndReason,
    Inzet,
    InzetMessage,
    InzetStatus,
    InzetStatusChange,
    Partner,
    PartnerKind,
    SharedPart,
    SharingBasis,
    SharingBasisEvent,
    VolumeFrequency,
    VolumeUnit,
)
from casework.rights.models import (
    DestructionStatus,
    DestructionStep,
    ExportStatus,
    FamilyStatement,
    FileDestruction,
    FileDestructionEvent,
    FileExport,
    FileTombstone,
    PrivacyRequest,
    PrivacyRequestEvent,
    PrivacyRequestKind,
    PrivacyRequestStatus,
    Redaction,
    RequesterRelation,
)

from .contacts import Contact, ContactAddendum, ContactKind, ContactRevision
from .family import (
    Assignment,
    Family,
    FamilyAccessGrant,
    Measure,
    MeasureEndReason,
    MeasureKind,
    Member,
    MemberRole,
    NetworkPerson,
    Phase,
    PhaseChange,
    Substitution,
)
from .plans import Agreement, AgreementOwner, AgreementStatus, AgreementStatusChange, PlanVersion
from .summary import FamilySummary

__all__ = [
    "Agreement",
    "AgreementOwner",
    "AgreementStatus",
    "AgreementStatusChange",
    "Assignment",
    "BasisKind",
    "Contact",
    "ContactAddendum",
    "ContactKind",
    "ContactRevision",
    "CourtRequest",
    "CourtRuling",
    "DestructionStatus",
    "DestructionStep",
    "Document",
    "DocumentKind",
    "Draft",
    "EndReason",
    "ExportStatus",
    "Family",
    "FamilyAccessGrant",
    "FamilyStatement",
    "FamilySummary",
    "FileDestruction",
    "FileDestructionEvent",
    "FileExport",
    "FileTombstone",
    "Hearing",
    "HearingKind",
    "HearingOutcome",
    "Inzet",
    "InzetMessage",
    "InzetStatus",
    "InzetStatusChange",
    "KeptPost",
    "Measure",
    "MeasureEndReason",
    "MeasureKind",
    "MeasurePeriod",
    "Member",
    "MemberRole",
    "NetworkPerson",
    "Partner",
    "PartnerKind",
    "PeriodKind",
    "Phase",
    "PhaseChange",
    "PlanVersion",
    "PrivacyRequest",
    "PrivacyRequestEvent",
    "PrivacyRequestKind",
    "PrivacyRequestStatus",
    "Redaction",
    "RequestKind",
    "RequestStatus",
    "RequesterRelation",
    "RulingOutcome",
    "SharedPart",
    "SharingBasis",
    "SharingBasisEvent",
    "Stay",
    "StayKind",
    "Substitution",
    "VolumeFrequency",
    "VolumeUnit",
]
