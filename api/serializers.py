"""What the partner API shows and accepts: Dutch field names in camelCase (API Design Rules).

Minimal by design: ids instead of names wherever possible, never the parents'
names or an address, timestamps in UTC with a "Z".
"""

import datetime as dt

from rest_framework import serializers

from casework.models import AgreementStatus
from casework.partners.models import EndReason, InzetStatus, SharedPart, VolumeFrequency, VolumeUnit
from core import limits


class UtcDateTimeField(serializers.DateTimeField):
    """ISO 8601 in UTC ("2026-05-01T08:30:00Z"), whatever the server's time zone."""

    def __init__(self, **kwargs):
        super().__init__(default_timezone=dt.UTC, **kwargs)


class SharedPartsSerializer(serializers.Serializer):
    jeugdigen = serializers.BooleanField(source=SharedPart.CHILDREN.field)
    afspraken = serializers.BooleanField(source=SharedPart.AGREEMENTS.field)
    inzetten = serializers.BooleanField(source=SharedPart.INZETTEN.field)


class GezinSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    gedeeld = SharedPartsSerializer(source="*", help_text="Welke delen de grondslag met u deelt.")
    inzetten = serializers.SerializerMethodField(help_text="Ids van uw eigen inzetten bij dit gezin.")
    gewijzigdOp = UtcDateTimeField(source="changed_at", help_text="Laatste wijziging die voor u zichtbaar is.")

    def get_inzetten(self, family) -> list[int]:
        return family.own_inzet_ids


class JeugdigeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    gezin = serializers.IntegerField(source="family_id")
    voornaam = serializers.CharField(source="first_name")
    achternaam = serializers.CharField(source="last_name")
    geboortedatum = serializers.DateField(source="date_of_birth")


class AfspraakSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    gezin = serializers.IntegerField(source="plan.family_id")
    planversie = serializers.IntegerField(source="plan.number")
    omschrijving = serializers.CharField(source="description")
    uiterlijk = serializers.DateField(source="due_on", allow_null=True)
    status = serializers.ChoiceField(choices=AgreementStatus.choices)


class InzetSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    gezin = serializers.IntegerField(source="family_id")
    jeugdige = serializers.IntegerField(source="child_id", allow_null=True)
    productcategorie = serializers.CharField(source="product_category")
    productcode = serializers.CharField(source="product_code")
    omschrijving = serializers.CharField(source="description")
    omvang = serializers.IntegerField(source="volume", allow_null=True)
    eenheid = serializers.ChoiceField(source="unit", choices=[("", ""), *VolumeUnit.choices])
    frequentie = serializers.ChoiceField(source="frequency", choices=[("", ""), *VolumeFrequency.choices])
    aangevraagdOp = serializers.DateField(source="requested_on")
    toegezegdeStart = serializers.DateField(source="promised_start", allow_null=True)
    werkelijkeStart = serializers.DateField(source="actual_start", allow_null=True)
    einde = serializers.DateField(source="end_on", allow_null=True)
    redenEinde = serializers.ChoiceField(source="end_reason", choices=[("", ""), *EndReason.choices])
    status = serializers.ChoiceField(choices=InzetStatus.choices)
    versie = serializers.IntegerField(source="version", help_text="Zelfde waarde als in de ETag.")
    gewijzigdOp = UtcDateTimeField(source="updated_at")


class BerichtSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    inzet = serializers.IntegerField(source="inzet_id")
    tekst = serializers.CharField(source="text")
    tijdstip = UtcDateTimeField(source="at")


# --- input -------------------------------------------------------------------------------


class StartInputSerializer(serializers.Serializer):
    datum = serializers.DateField(help_text="Dag waarop de hulp begon (niet in de toekomst).")
    toelichting = serializers.CharField(max_length=limits.LINE, required=False, allow_blank=True, default="")


class StopInputSerializer(StartInputSerializer):
    datum = serializers.DateField(help_text="Dag waarop de hulp eindigde (niet in de toekomst).")
    redencode = serializers.ChoiceField(choices=EndReason.choices, help_text="Reden van beëindiging.")


class BerichtInputSerializer(serializers.Serializer):
    tekst = serializers.CharField(max_length=limits.MESSAGE, help_text="Kort voortgangsbericht voor de gezinsmanager.")


# --- query parameters --------------------------------------------------------------------

MAX_PAGE = 100_000
MAX_PAGE_SIZE = 100


class PageQuerySerializer(serializers.Serializer):
    pagina = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE, default=1)
    paginaGrootte = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=50)


class ChangedSinceQuerySerializer(PageQuerySerializer):
    gewijzigdSinds = UtcDateTimeField(
        required=False,
        help_text="Alleen wat op of na dit tijdstip is gewijzigd (ISO 8601, bijv. 2026-05-01T00:00:00Z; "
        "zonder tijdzone geldt UTC).",
    )


class FamilyFilterQuerySerializer(PageQuerySerializer):
    gezin = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)


class ChildrenQuerySerializer(ChangedSinceQuerySerializer, FamilyFilterQuerySerializer):
    pass


class InzetQuerySerializer(ChangedSinceQuerySerializer, FamilyFilterQuerySerializer):
    status = serializers.ChoiceField(choices=InzetStatus.choices, required=False)
