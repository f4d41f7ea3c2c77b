"""The one registry class and what the apps plug into casework and teams."""

from accounts.grants.kinds import GRANT_KINDS
from casework import extensions as casework
from core.registry import Registry
from teams import extensions as teams


def test_registry_keeps_order_and_replaces_a_key_registered_again():
    points: Registry[str] = Registry("test.points")
    points.register("b", "first b")
    points.register("a", "a")
    points.register("b", "second b")
    assert list(points) == ["second b", "a"]
    assert points.keys() == ["b", "a"]
    points.unregister("a")
    assert len(points) == 1


def test_apps_register_their_contributions_from_ready():
    assert {"kwesties.family", "teams.decisions", "casework.contacts", "casework.inzet_status"} <= set(
        casework.TIMELINE.keys()
    )
    assert casework.FAMILY_LINKS.keys() == ["kwesties.raise"]
    assert casework.AGREEMENT_LINKS.keys() == ["kwesties.partner"]
    assert casework.INZET_LINKS.keys() == ["kwesties.inzet"]
    assert set(casework.WORKLIST.keys()) == {
        "teams.actions",
        "casework.inzet_start_overdue",
        "casework.measures_ending",
        "casework.stays_unauthorised",
        "casework.privacy_requests",
        "casework.destructions",
    }
    assert casework.READ_RULES.keys() == ["audits.sample"]
    assert set(casework.DESTROY.keys()) == {"reports.forget_family", "kwesties.notices"}
    assert teams.SESSION_AGENDA.keys() == ["kwesties.open"]
    # accounts' own kinds of grant, then the partner API's.
    assert GRANT_KINDS.keys() == [
        "membership",
        "org_role",
        "admin_flags",
        "reactivate",
        "second_factor_reset",
        "partner_client",
        "partner_client_scopes",
        "partner_client_secret",
    ]
