"""The default reflection checklist, version 1: the method's core elements in our own words."""

import datetime as dt

from django.db import migrations

NAME = "Reflectie op gezinsgericht werken"

ITEMS = [
    (
        "heel-gezin",
        "Het hele gezin doet mee",
        "Alle gezinsleden hebben een stem in het gesprek en in het plan: de kinderen, beide ouders, ook de ouder "
        "die minder in beeld is, en wie verder in huis hoort.",
    ),
    (
        "meervoudige-partijdigheid",
        "Meervoudig partijdig",
        "De gezinsmanager staat naast ieder gezinslid tegelijk, kiest geen kant en laat ieders kijk op de zaak "
        "bestaan, ook als die botst.",
    ),
    (
        "zonder-schuld-vanuit-kracht",
        "Zonder schuld, vanuit kracht",
        "Zorgen worden helder benoemd zonder iemand de schuld te geven; het gesprek zoekt naar wat al lukt en wat "
        "het gezin zelf kan.",
    ),
    (
        "passend-bij-de-fase",
        "Passend bij de fase",
        "Wat de gezinsmanager doet past bij waar het gezin staat: eerst vertrouwen winnen en motiveren, dan hulp "
        "verbinden en volgen, daarna het bereikte vasthouden in het gewone leven.",
    ),
    (
        "centrale-lijn",
        "Samen werken aan de centrale lijn",
        "Het gezin weet wat blijvende veiligheid bij hen betekent en heeft daaraan meegeschreven; het gesprek werkt "
        "daar zichtbaar naartoe, met de twee scores als hulpmiddel.",
    ),
    (
        "netwerk",
        "Het netwerk doet mee",
        "Mensen om het gezin heen (familie, buren, vrienden) zijn gevraagd mee te denken en hebben een eigen taak "
        "in het plan.",
    ),
    (
        "veiligheidsafspraken",
        "Concrete veiligheidsafspraken",
        "De afspraken zeggen wie wat doet en wanneer, wat er gebeurt als het niet lukt, en wie dat nagaat.",
    ),
]


def create(apps, schema_editor):
    checklist_model = apps.get_model("reflection", "FidelityChecklist")
    version_model = apps.get_model("reflection", "ChecklistVersion")
    item_model = apps.get_model("reflection", "ChecklistItem")
    if checklist_model.objects.filter(name=NAME).exists():
        return
    checklist = checklist_model.objects.create(
        name=NAME,
        description="De kernelementen van de methode, om samen met een senior op te reflecteren. Om te leren, "
        "niet om te beoordelen.",
    )
    version = version_model.objects.create(
        checklist=checklist, number=1, published_on=dt.date(2026, 1, 1), change_note="Eerste versie."
    )
    item_model.objects.bulk_create(
        [
            item_model(version=version, code=code, position=position, title=title, guidance=guidance)
            for position, (code, title, guidance) in enumerate(ITEMS, start=1)
        ]
    )


def remove(apps, schema_editor):
    checklist_model = apps.get_model("reflection", "FidelityChecklist")
    version_model = apps.get_model("reflection", "ChecklistVersion")
    item_model = apps.get_model("reflection", "ChecklistItem")
    versions = version_model.objects.filter(checklist__name=NAME, reflections__isnull=True)
    item_model.objects.filter(version__in=versions).delete()
    versions.delete()
    checklist_model.objects.filter(name=NAME, versions__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("reflection", "0001_reflection_instrument")]

    operations = [migrations.RunPython(create, remove)]
