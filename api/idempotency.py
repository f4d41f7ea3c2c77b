"""The Idempotency-Key header on the partner API's POSTs: a retried request does not act twice.

A partner system whose connection drops after a POST cannot tell whether it
arrived; it sends it again. With the same `Idempotency-Key` (IETF draft
"The Idempotency-Key HTTP Header Field") the same client gets the first
response back, status and body, and nothing happens a second time. The same
key with another request (method, path or body) is refused with 422, as the
draft says. A request that failed (any error response) keeps nothing, so the
corrected request may use the same key. Without the header a POST works as
before. Claims are core.idempotency's, per API client, and expire after
IDEMPOTENCY_KEY_DAYS.
"""

import functools
import json
import re
from collections.abc import Callable
from typing import Any

from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from core.idempotency import idempotency_claim, idempotency_remember, request_fingerprint

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
# Printable ASCII without spaces, at most 255: a UUID is the usual choice. An sf-string ("...") is unquoted first.
KEY_PATTERN = re.compile(r"[\x21-\x7e]{1,255}")
KEPT_HEADERS = ("ETag", "Location")

IDEMPOTENCY_KEY = OpenApiParameter(
    HEADER,
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    pattern=r"^[\x21-\x7e]{1,255}$",
    description=(
        "Optioneel: een unieke sleutel per handeling, bijvoorbeeld een UUID. Stuurt u hetzelfde verzoek "
        "opnieuw met dezelfde sleutel (binnen de bewaartermijn, standaard 7 dagen), dan krijgt u het eerste "
        "antwoord terug (status en body, met de header Idempotent-Replayed: true) en gebeurt er niets "
        "tweemaal. Dezelfde sleutel met een ander verzoek geeft 422. Een mislukt verzoek bewaart niets."
    ),
)


class IdempotencyKeyReused(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = "Deze Idempotency-Key is al gebruikt voor een ander verzoek; kies een nieuwe sleutel."
    default_code = "idempotency_key_reused"


def _key(raw: str) -> str:
    key = raw.strip()
    if len(key) >= 2 and key[0] == key[-1] == '"':
        key = key[1:-1]
    if not KEY_PATTERN.fullmatch(key):
        raise exceptions.ValidationError({HEADER: ["Gebruik 1 tot 255 zichtbare ASCII-tekens, bijvoorbeeld een UUID."]})
    return key


def _canonical_body(body: bytes) -> bytes:
    """The body as JSON with sorted keys, so the same request with other spacing or key order is the same."""
    try:
        return json.dumps(json.loads(body or b"null"), sort_keys=True, separators=(",", ":")).encode()
    except ValueError:
        return body


def idempotent(kind: str) -> Callable:
    """Wrap a PartnerAPIView.post: with an Idempotency-Key, the first response is kept and replayed."""

    def decorate(post: Callable) -> Callable:
        @functools.wraps(post)
        def wrapper(view: Any, request: Any, *args: Any, **kwargs: Any) -> Response:
            raw = request.headers.get(HEADER)
            if raw is None:
                return post(view, request, *args, **kwargs)
            key = _key(raw)
            fingerprint = request_fingerprint(
                method=request.method, path=request.path, body=_canonical_body(request.body)
            )
            with transaction.atomic():
                claim = idempotency_claim(client_id=view.client.client_id, key=key, kind=kind, request_hash=fingerprint)
                if not claim.first:
                    record = claim.record
                    if record.kind != kind or record.request_hash != fingerprint:
                        raise IdempotencyKeyReused()
                    return _replay(record.response_status, record.response_body)
                # An error is raised, not returned: it rolls the claim back with whatever the view did.
                response = post(view, request, *args, **kwargs)
                body = json.loads(JSONRenderer().render(response.data) or b"null")
                headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
                idempotency_remember(claim=claim, status=response.status_code, body={"body": body, "headers": headers})
            return response

        return wrapper

    return decorate


def _replay(status_code: int | None, stored: Any) -> Response:
    response = Response(stored["body"], status=status_code)
    for name, value in stored["headers"].items():
        response[name] = value
    response[REPLAYED_HEADER] = "true"
    return response
