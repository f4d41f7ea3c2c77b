"""factory-boy factories for the family file. Names are Dutch-looking but made up."""

import datetime as dt

import factory
from django.utils import timezone

from accounts.models import Membership, Team, TeamRole, User
from casework.models import (
    Agreement,
    Assignment,
    Contact,
    ContactKind,
    Family,
    Member,
    MemberRole,
    NetworkPerson,
    Phase,
    PhaseChange,
    PlanVersion,
)
from casework.services import family_summary_refresh


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
    role = TeamRole.GEZINSMANAGER
    start = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=365))


class FamilyFactory(factory.django.DjangoModelFactory):
    """A family in the 'ondersteunen' phase with its history rows in place."""

    class Meta:
        model = Family
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Gezin Testfamilie {n}")
    reference = factory.Sequence(lambda n: f"T-{n:06d}")
    team = factory.SubFactory(TeamFactory)
    manager = factory.SubFactory(UserFactory)
    phase = Phase.ONDERSTEUNEN
    opened_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=200))
    phase_since = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=60))

    @factory.post_generation
    def history(obj, create, extracted, **kwargs):
        if not create:
            return
        Assignment.objects.create(family=obj, manager=obj.manager, start=obj.opened_on, author=obj.manager)
        PhaseChange.objects.create(family=obj, to_phase=Phase.AANMELDING, on=obj.opened_on, author=obj.manager)
        if obj.phase != Phase.AANMELDING:
            PhaseChange.objects.create(
                family=obj, from_phase=Phase.AANMELDING, to_phase=obj.phase, on=obj.phase_since, author=obj.manager
            )


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    family = factory.SubFactory(FamilyFactory)
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    role = MemberRole.JEUGDIGE
    date_of_birth = dt.date(2015, 3, 14)


class NetworkPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkPerson

    family = factory.SubFactory(FamilyFactory)
    name = factory.Faker("name", locale="nl_NL")
    relation = "oma"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact
        skip_postgeneration_save = True

    family = factory.SubFactory(FamilyFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=7))
    kind = ContactKind.HUISBEZOEK
    note = "Gesprek met moeder en de kinderen aan de keukentafel."
    safety_score = 6
    safety_why = "Afspraken worden nagekomen."
    safety_raise = "Vader komt ook naar het gesprek."
    lijn_score = 4
    lijn_why = "Nog geen eigen netwerk betrokken."
    lijn_raise = "Oma doet mee in het plan."
    author = factory.SelfAttribute("family.manager")
    created_at = factory.LazyAttribute(lambda o: timezone.make_aware(dt.datetime.combine(o.date, dt.time(17, 0))))

    @factory.post_generation
    def summarise(obj, create, extracted, **kwargs):
        """A contact made past the services still updates the family's summary, as `contact_record` does."""
        if create:
            family_summary_refresh(family_id=obj.family_id)


class PlanVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanVersion
        skip_postgeneration_save = True

    family = factory.SubFactory(FamilyFactory)
    number = factory.Sequence(lambda n: n + 1)
    zorgen = "Spanningen thuis lopen op."
    krachten = "Moeder vraagt zelf om hulp."
    centrale_lijn = "De kinderen wonen veilig thuis; moeder weet wie ze kan bellen."
    goals = "Rust in huis\nKinderen gaan elke dag naar school"
    author = factory.SelfAttribute("family.manager")

    @factory.post_generation
    def make_current(obj, create, extracted, **kwargs):
        if create:
            Family.objects.filter(pk=obj.family_id).update(current_plan=obj)
            obj.family.current_plan = obj


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    plan = factory.SubFactory(PlanVersionFactory)
    description = "Moeder belt de huisarts"
    owner_kind = "gezin"
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))
