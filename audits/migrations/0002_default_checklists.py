"""The default checklists, in our own words: the method's core elements for the file check, and the
questions of the quality conversation on the two outcomes. Functioneel beheer changes them by making
and publishing a new version in the admin; audits keep the version they were held with.
"""

from django.db import migrations
from django.utils import timezone

FILE_CHECK = [
    (
        "Er is een actueel gezinsplan, besproken en afgesproken met de ouders.",
        "Actueel: bijgewerkt na de laatste grote verandering. Kijk of de datum van bespreking met de ouders is vastgelegd.",
    ),
    (
        "De centrale lijn staat in de woorden van het gezin.",
        "Herkent het gezin zich in de beschrijving van blijvende veiligheid, of is het vakjargon?",
    ),
    (
        "Na elk contact zijn beide scores gegeven, elk met waarom dit cijfer en wat nodig is om het te verhogen.",
        "Kijk naar de contacten van het afgelopen halfjaar.",
    ),
    (
        "Het netwerk rond het gezin is betrokken en heeft een rol in het plan.",
        "Staan er mensen uit het netwerk in het dossier en in de afspraken van het gezinsplan?",
    ),
    (
        "Het gezin is in een teamsessie besproken toen er signalen waren.",
        "Bijvoorbeeld een gedaalde of lage veiligheid, of een fase die langer duurt dan de norm.",
    ),
]

QUESTIONS = [
    ("populatie", "Hoe ver komen we met ieder kind blijvend veilig? Waar zien we dat aan in onze cijfers en dossiers?"),
    (
        "populatie",
        "Bij welke gezinnen lukt het ons niet om de centrale lijn te laten stijgen, en wat leren we daarvan?",
    ),
    ("populatie", "Hoe betrekken we het netwerk zo dat de veiligheid blijft als wij weg zijn?"),
    ("organisatie", "Aan welk werk besteden we tijd dat een gezin niet helpt, en wat doen we daaraan?"),
    ("organisatie", "Welke kwesties hebben we ingebracht, en wat is ermee gebeurd?"),
    ("organisatie", "Hoe helpt de teamsessie ons bij moeilijke besluiten, en wat kan beter?"),
]


def create(apps, schema_editor):
    Checklist = apps.get_model("audits", "Checklist")
    ChecklistVersion = apps.get_model("audits", "ChecklistVersion")
    ChecklistItem = apps.get_model("audits", "ChecklistItem")
    now = timezone.now()
    files = Checklist.objects.create(purpose="dossiertoets", name="Dossiertoets: kernelementen van de methode")
    version = ChecklistVersion.objects.create(checklist=files, number=1, published_at=now, note="Eerste versie")
    for i, (text, guidance) in enumerate(FILE_CHECK, start=1):
        ChecklistItem.objects.create(version=version, position=i, text=text, guidance=guidance)
    talk = Checklist.objects.create(purpose="kwaliteitsgesprek", name="Vragen voor het kwaliteitsgesprek")
    version = ChecklistVersion.objects.create(checklist=talk, number=1, published_at=now, note="Eerste versie")
    for i, (outcome, text) in enumerate(QUESTIONS, start=1):
        ChecklistItem.objects.create(version=version, position=i, text=text, outcome=outcome)


class Migration(migrations.Migration):
    dependencies = [("audits", "0001_team_audits")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
