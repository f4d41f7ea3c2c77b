"""OpenAPI post-processing: document the headers every response carries (API Design Rules)."""

from django.conf import settings

HEADERS = {
    "API-Version": {
        "description": "Volledige versie van de API.",
        "required": True,
        "schema": {"type": "string", "example": "1.0.0"},
    },
}
RETRY_AFTER = {"description": "Seconden tot een nieuw verzoek weer mag.", "schema": {"type": "integer"}}


def add_response_headers(result, generator, request, public):
    """Every documented response gets API-Version; 429 also Retry-After."""
    result.setdefault("components", {})["headers"] = {**HEADERS, "Retry-After": RETRY_AFTER}
    for item in result.get("paths", {}).values():
        for operation in item.values():
            for code, response in operation.get("responses", {}).items():
                headers = response.setdefault("headers", {})
                headers["API-Version"] = {"$ref": "#/components/headers/API-Version"}
                if code == "429":
                    headers["Retry-After"] = {"$ref": "#/components/headers/Retry-After"}
    result.setdefault("info", {})["version"] = settings.SPECTACULAR_SETTINGS["VERSION"]
    return result
