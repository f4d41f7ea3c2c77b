"""The fixed cast that tries every access rule (healthchecks.io style).

Team Noord has the family; `worker` is its gezinsmanager. `colleague` is in the
same team but not assigned; `outsider` is a gezinsmanager of Team Zuid.
"""

from dataclasses import dataclass

import pytest

from accounts.models import OrgRole, TeamRole, User
from casework.models import Family
from tests.support.factories import (
    ContactFactory,
    FamilyFactory,
    MemberFactory,
    MembershipFactory,
    NetworkPersonFactory,
    PlanVersionFactory,
    TeamFactory,
    UserFactory,
)


@dataclass
class Cast:
    worker: User
    colleague: User
    outsider: User
    teamleider: User
    bestuur: User
    auditor: User
    beheer: User
    family: Family
    other_family: Family

    def all(self) -> dict[str, User]:
        return {
            "worker": self.worker,
            "colleague": self.colleague,
            "outsider": self.outsider,
            "teamleider": self.teamleider,
            "bestuur": self.bestuur,
            "auditor": self.auditor,
            "beheer": self.beheer,
        }


@pytest.fixture
def cast(db) -> Cast:
    noord = TeamFactory(name="Team Noord")
    zuid = TeamFactory(name="Team Zuid")
    worker = MembershipFactory(team=noord, role=TeamRole.GEZINSMANAGER, user__username="worker").user
    colleague = MembershipFactory(team=noord, role=TeamRole.GEZINSMANAGER, user__username="colleague").user
    teamleider = MembershipFactory(team=noord, role=TeamRole.TEAMLEIDER, user__username="teamleider").user
    outsider = MembershipFactory(team=zuid, role=TeamRole.GEZINSMANAGER, user__username="outsider").user
    bestuur = UserFactory(username="bestuur", org_role=OrgRole.BESTUUR)
    auditor = UserFactory(username="auditor", org_role=OrgRole.AUDITOR)
    beheer = UserFactory(username="beheer", org_role=OrgRole.BEHEER, is_staff=True)
    family = FamilyFactory(team=noord, manager=worker, name="Gezin De Vries")
    MemberFactory(family=family, first_name="Sanne", role="jeugdige")
    MemberFactory(family=family, first_name="Petra", role="ouder", date_of_birth=None)
    NetworkPersonFactory(family=family, name="Oma Bakker")
    ContactFactory(family=family)
    PlanVersionFactory(family=family, number=1)
    other_family = FamilyFactory(team=zuid, manager=outsider, name="Gezin Yilmaz")
    return Cast(worker, colleague, outsider, teamleider, bestuur, auditor, beheer, family, other_family)


@pytest.fixture
def security(cast) -> User:
    """The privacy and security officer: approves grants outside a team (not in `cast.all()`: no family role)."""
    return UserFactory(username="security", org_role=OrgRole.SECURITY)


@pytest.fixture
def senior(cast) -> User:
    """A senior gezinsmanager of Team Noord (the worker's and the colleague's senior)."""
    return MembershipFactory(team=cast.family.team, role=TeamRole.SENIOR, user__username="senior").user


@pytest.fixture
def shipped_checklists(transactional_db):
    """The checklists a data migration ships, put back for a transactional test.

    A transactional test (live server, real worker) ends by flushing every table,
    rows written by data migrations included, so a later one starts without them.
    """
    import importlib

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    from audits.models import Checklist
    from reflection.models import FidelityChecklist

    # The migrations' own functions, on the historical models they were written for.
    historical = MigrationLoader(connection).project_state().apps
    if not FidelityChecklist.objects.exists():
        importlib.import_module("reflection.migrations.0002_default_checklist").create(historical, None)
    if not Checklist.objects.exists():
        importlib.import_module("audits.migrations.0002_default_checklists").create(historical, None)
