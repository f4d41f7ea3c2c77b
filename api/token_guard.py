"""The token endpoint slows down and then locks guessing: per client id, and per address over client ids.

Without it the partner token endpoint took unlimited wrong secrets. Every wrong secret (the toolkit's
401 invalid_client) is counted per client id and per address (api.models.TokenFailure, in the database,
so all gunicorn workers share it):

- a client id gets API_TOKEN_GUARD_FREE_FAILURES wrong secrets free; after that each next try must wait
  1, 2, 4 ... seconds after the last failure; at API_TOKEN_GUARD_FAILURE_LIMIT failures the client id is
  locked for API_TOKEN_GUARD_LOCK_MINUTES, and during a wait even the correct secret waits (so the wait
  cannot be used to find out whether a guess was right);
- an address at which API_TOKEN_GUARD_ADDRESS_CLIENTS different client ids failed is locked for every
  client id for API_TOKEN_GUARD_LOCK_MINUTES (one system trying many ids);
- a refused try (429) is not counted, so waiting always ends the wait; failures older than
  API_TOKEN_GUARD_WINDOW_MINUTES stop counting; a token handed out removes the client's count.

A refused try gets 429 problem+json with Retry-After. The guard wraps the view in api/urls.py and does not
change how the toolkit answers otherwise. The address is privacy.context.request_client_ip's.
"""

import base64
import binascii
import math
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps
from urllib.parse import unquote_plus

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from privacy.context import request_client_ip

from .models import TokenFailure
from .problems import PROBLEM_CONTENT_TYPE, problem


def _now() -> datetime:
    """The guard's clock (one place, so tests can move it)."""
    return timezone.now()


def token_client_id(request: HttpRequest) -> str:
    """The client id the request names: HTTP Basic (RFC 6749 2.3.1, form-encoded) or the client_id field."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header[:6].lower() == "basic ":
        try:
            decoded = base64.b64decode(header[6:].strip(), validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            decoded = ""
        if ":" in decoded:
            return unquote_plus(decoded.split(":", 1)[0])[:100]
    return str(request.POST.get("client_id", ""))[:100]


def _recent(now: datetime):
    return TokenFailure.objects.filter(
        last_failure_at__gte=now - timedelta(minutes=settings.API_TOKEN_GUARD_WINDOW_MINUTES)
    )


def _client_delay(failures: int) -> int:
    if failures < settings.API_TOKEN_GUARD_FREE_FAILURES:
        return 0
    if failures >= settings.API_TOKEN_GUARD_FAILURE_LIMIT:
        return settings.API_TOKEN_GUARD_LOCK_MINUTES * 60
    return int(2 ** (failures - settings.API_TOKEN_GUARD_FREE_FAILURES))


def token_wait_seconds(*, client_id: str, ip_address: str, now: datetime | None = None) -> int:
    """Seconds this client id at this address must wait before its next try; 0 when it may try now."""
    now = now or _now()
    recent = _recent(now)
    waits = [0]
    client = recent.filter(client_id=client_id).aggregate(failures=Sum("failures"), last=Max("last_failure_at"))
    if client["last"] is not None:
        until = client["last"] + timedelta(seconds=_client_delay(client["failures"]))
        waits.append(math.ceil((until - now).total_seconds()))
    if ip_address:
        address = recent.filter(ip_address=ip_address).aggregate(
            clients=Count("client_id", distinct=True), last=Max("last_failure_at")
        )
        if address["last"] is not None and address["clients"] >= settings.API_TOKEN_GUARD_ADDRESS_CLIENTS:
            until = address["last"] + timedelta(minutes=settings.API_TOKEN_GUARD_LOCK_MINUTES)
            waits.append(math.ceil((until - now).total_seconds()))
    return max(waits)


def token_failure_record(*, client_id: str, ip_address: str) -> None:
    now = _now()
    with transaction.atomic():
        TokenFailure.objects.filter(
            last_failure_at__lt=now - timedelta(minutes=settings.API_TOKEN_GUARD_WINDOW_MINUTES)
        ).delete()
        updated = TokenFailure.objects.filter(client_id=client_id, ip_address=ip_address).update(
            failures=F("failures") + 1, last_failure_at=now
        )
        if not updated:
            try:
                with transaction.atomic():
                    TokenFailure.objects.create(
                        client_id=client_id, ip_address=ip_address, failures=1, last_failure_at=now
                    )
            except IntegrityError:  # another worker made the row first: count on it
                TokenFailure.objects.filter(client_id=client_id, ip_address=ip_address).update(
                    failures=F("failures") + 1, last_failure_at=now
                )


def token_failures_reset(*, client_id: str) -> None:
    TokenFailure.objects.filter(client_id=client_id).delete()


def _too_many(request: HttpRequest, seconds: int) -> JsonResponse:
    body = problem(
        status_code=429,
        detail=f"Te veel mislukte tokenaanvragen; probeer het over {seconds} seconden opnieuw.",
        instance=request.path,
    )
    response = JsonResponse(body, status=429, content_type=PROBLEM_CONTENT_TYPE)
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response


def guard_token_endpoint(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap the token view: refuse while a wait runs, count wrong secrets, reset on a token handed out."""

    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method != "POST":
            return view(request, *args, **kwargs)
        client_id, ip_address = token_client_id(request), request_client_ip(request) or ""
        wait = token_wait_seconds(client_id=client_id, ip_address=ip_address)
        if wait > 0:
            return _too_many(request, wait)
        response = view(request, *args, **kwargs)
        if response.status_code == 401:
            token_failure_record(client_id=client_id, ip_address=ip_address)
        elif response.status_code == 200:
            token_failures_reset(client_id=client_id)
        return response

    return guarded
