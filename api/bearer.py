"""The partner token's usual case in one query: a valid bearer token of an active client of an active partner.

Why next to django-oauth-toolkit instead of through it: on every API call its
resource check built an oauthlib request, loaded the token with one ORM query
and our authentication then loaded the client and partner with a second; the
ORM's building and compiling of those two queries was the largest part of a
list call's CPU (README "Partner-API", speed). Here the SQL is built once per
process and one statement finds token, application, client and partner by the
token's checksum, prepared on the server after a few calls (`api.compiled.cursor`).

This path only ever *accepts*, and only what the full path accepts: a
`Bearer` header whose token is found, unexpired, bound to no person and to no
resource (RFC 8707), whose client and partner are active and whose scopes the
client still has, on a request the full path would not refuse for its query
string (no `access_token` parameter, nothing oauthlib would fail to decode).
Anything else returns None and the caller runs the full path, so every refusal
(its status, problem+json and WWW-Authenticate header) is exactly what it was.
Nothing is cached: a token deleted, a client switched off or a scope taken
away is refused on the very next call.
"""

import hashlib
import re
from functools import lru_cache
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model
from django.http import HttpRequest
from django.utils import timezone
from oauth2_provider.models import AccessToken, get_application_model

from casework.partners.models import Partner

from . import compiled
from .models import PartnerClient

# A query string oauthlib decodes without complaint: only its always-safe characters and a few of its
# url-encoded set, every % followed by two hex digits. Anything else goes the full way (which may refuse it).
_PLAIN_QUERY = re.compile(r"(?:[A-Za-z0-9_.\-~=&+:,]|%[0-9A-Fa-f]{2})*")


def _models() -> tuple[tuple[str, type[Model]], ...]:
    return (("t", AccessToken), ("a", get_application_model()), ("c", PartnerClient), ("p", Partner))


@lru_cache(maxsize=4)
def _sql(vendor: str) -> str:
    """Every concrete column of the four rows, joined on the token's checksum (the unique index)."""
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name
    columns = ", ".join(
        f"{alias}.{quote(field.column)}" for alias, model in _models() for field in model._meta.concrete_fields
    )
    table = {alias: quote(model._meta.db_table) for alias, model in _models()}
    # Only the models' own table and column names, quoted: no input is in the text.
    select = f"SELECT {columns} FROM {table['t']} t "  # noqa: S608
    return (
        select + f"JOIN {table['a']} a ON a.{quote('id')} = t.{quote('application_id')} "
        f"JOIN {table['c']} c ON c.{quote('application_id')} = a.{quote('id')} AND c.{quote('active')} "
        f"JOIN {table['p']} p ON p.{quote('id')} = c.{quote('partner_id')} AND p.{quote('active')} "
        f"WHERE t.{quote('token_checksum')} = %s"
    )


def _instances(row: tuple) -> list[Any]:
    """Full model instances from the row, each field's database value converted as the ORM converts it."""
    connection = connections[DEFAULT_DB_ALIAS]
    found: list[Any] = []
    start = 0
    for _alias, model in _models():
        fields: list[Any] = list(model._meta.concrete_fields)
        values = list(row[start : start + len(fields)])
        start += len(fields)
        for index, field in enumerate(fields):
            for convert in field.get_db_converters(connection):
                values[index] = convert(values[index], field, connection)
        found.append(model.from_db(DEFAULT_DB_ALIAS, [field.attname for field in fields], values))
    return found


def bearer_token(request: HttpRequest) -> str | None:
    """The token of an `Authorization: Bearer <token>` header, split as oauthlib splits it; else None."""
    header = request.headers.get("Authorization")
    if not header:
        return None
    parts = header.split()
    if len(parts) != 2 or parts[0].lower() != "bearer":
        return None
    return parts[1]


def valid_partner_token(request: HttpRequest) -> tuple[PartnerClient, AccessToken] | None:
    """The client and token when this request's bearer token is valid for an active partner client, else None."""
    token = bearer_token(request)
    if token is None or "access_token" in request.GET:
        return None
    if not _PLAIN_QUERY.fullmatch(request.META.get("QUERY_STRING", "")):
        return None
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        return None  # the embedded SQLite default takes the full path
    checksum = hashlib.sha256(token.encode("utf-8")).hexdigest()
    with compiled.cursor(connection) as prepared:
        prepared.execute(_sql(connection.vendor), [checksum])
        row = prepared.fetchone()
    if row is None:
        return None
    access_token, application, client, partner = _instances(row)
    if access_token.user_id is not None or access_token.resource or not access_token.expires:
        return None
    if timezone.now() >= access_token.expires or not application.is_usable(request):
        return None
    if not set(access_token.scope.split()) <= set(client.scope_list):
        return None
    AccessToken.application.field.set_cached_value(access_token, application)
    AccessToken.user.field.set_cached_value(access_token, None)
    PartnerClient.application.field.set_cached_value(client, application)
    PartnerClient.partner.field.set_cached_value(client, partner)
    return client, access_token
