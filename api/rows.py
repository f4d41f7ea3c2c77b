"""The list endpoints' JSON from plain rows (api.listing), the same bytes as the serializers make.

The serializers in api.serializers stay the one description of each resource
(the OpenAPI schema and the detail endpoints use them); these functions repeat
only their formatting, per value type, for rows that are already plain values:
DRF's field classes cost more per value than the whole row's SQL. A test
(tests/api/test_api_rows.py) holds each function to its serializer's output.
"""

import datetime as dt


def _utc(value: dt.datetime | None) -> str | None:
    """As `serializers.UtcDateTimeField`: ISO 8601 in UTC with a "Z"."""
    if value is None:
        return None
    text = value.astimezone(dt.UTC).isoformat()
    return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text


def _date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def gezin(row: dict) -> dict:
    return {
        "id": row["id"],
        "gedeeld": {
            "jeugdigen": row["shares_children"],
            "afspraken": row["shares_agreements"],
            "inzetten": row["shares_inzetten"],
        },
        "inzetten": row["own_inzet_ids"],
        "gewijzigdOp": _utc(row["changed_at"]),
    }


def jeugdige(row: dict) -> dict:
    return {
        "id": row["id"],
        "gezin": row["family_id"],
        "voornaam": row["first_name"],
        "achternaam": row["last_name"],
        "geboortedatum": _date(row["date_of_birth"]),
    }


def afspraak(row: dict) -> dict:
    return {
        "id": row["id"],
        "gezin": row["plan__family_id"],
        "planversie": row["plan__number"],
        "omschrijving": row["description"],
        "uiterlijk": _date(row["due_on"]),
        "status": row["status"],
    }


def inzet(row: dict) -> dict:
    return {
        "id": row["id"],
        "gezin": row["family_id"],
        "jeugdige": row["child_id"],
        "productcategorie": row["product_category"],
        "productcode": row["product_code"],
        "omschrijving": row["description"],
        "omvang": row["volume"],
        "eenheid": row["unit"],
        "frequentie": row["frequency"],
        "aangevraagdOp": _date(row["requested_on"]),
        "toegezegdeStart": _date(row["promised_start"]),
        "werkelijkeStart": _date(row["actual_start"]),
        "einde": _date(row["end_on"]),
        "redenEinde": row["end_reason"],
        "status": row["status"],
        "versie": row["version"],
        "gewijzigdOp": _utc(row["updated_at"]),
    }
