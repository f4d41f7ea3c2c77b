"""Inzetten: read your own, report start and stop, post a progress message.

Writes go through `casework.partners.services` (the same rules as the pages)
and carry If-Match: a write based on an older version is refused (412), and a
write without it is refused too (428), so nothing is ever silently overwritten.
Every POST takes an optional Idempotency-Key (api.idempotency): a retry with the
same key gets the first response and does nothing twice.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.response import Response

from api import listing, rows, selectors, services
from api.idempotency import IDEMPOTENCY_KEY, idempotent
from api.pagination import envelope, page_serializer
from api.problems import Conflict, PreconditionFailed, PreconditionRequired
from api.serializers import (
    BerichtInputSerializer,
    BerichtSerializer,
    InzetQuerySerializer,
    InzetSerializer,
    StartInputSerializer,
    StopInputSerializer,
)
from casework.partners import services as partner_services
from casework.partners.models import InzetStatus
from privacy.models import Channel

from .base import DETAIL_ERRORS, LIST_ERRORS, STATUS_WRITE_ERRORS, WRITE_ERRORS, PartnerAPIView, get_or_404

READ = {"GET": [["inzetten:lezen"]]}
WRITE = {"POST": [["inzetten:schrijven"]]}
# The service's field names, as the API calls them.
FIELD_NAMES = {"on": "datum", "reason": "redencode", "note": "toelichting", "text": "tekst"}
ETAG_HEADER = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    response=[200],
    required=True,
    description="Huidige versie van de inzet; stuur die mee in If-Match.",
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=True,
    description='De ETag die u het laatst las, bijvoorbeeld "inzet-12-v3".',
)


def _service_errors(exc: DjangoValidationError) -> exceptions.APIException:
    """The service's ValidationError, as 400 naming our field, or 409 when the status step is impossible."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"body": exc.messages}
    if "to_status" in errors:
        return Conflict(" ".join(errors["to_status"]))
    return exceptions.ValidationError({FIELD_NAMES.get(k, k): v for k, v in errors.items()})


def if_match_allows(*, inzet, if_match: str) -> bool:
    """RFC 9110 section 13.1.1: If-Match compares strongly, so a weak tag (W/"...") never matches; "*" does."""
    tags = [tag.strip() for tag in if_match.split(",")]
    return "*" in tags or inzet.etag in tags


def _with_etag(response: Response, inzet) -> Response:
    response["ETag"] = inzet.etag
    return response


class InzetList(PartnerAPIView):
    required_alternate_scopes = READ

    @extend_schema(
        operation_id="inzetten_list",
        summary="Uw eigen inzetten",
        parameters=[InzetQuerySerializer],
        responses={200: page_serializer(InzetSerializer, "InzetPagina"), **LIST_ERRORS},
        tags=["inzetten"],
    )
    def get(self, request):
        query = self.query(InzetQuerySerializer)
        page, size = query["pagina"], query["paginaGrootte"]
        found = listing.inzet_page(
            partner=self.partner,
            family_id=query.get("gezin"),
            status=query.get("status"),
            changed_since=query.get("gewijzigdSinds"),
            page=page,
            size=size,
        )
        family_ids = [row["family_id"] for row in found.rows]
        services.access_log_api_list(client=self.client, family_ids=family_ids, what="API: inzetten")
        links = envelope(request=request, page=page, size=size, total=found.total)
        return Response({**links, "resultaten": [rows.inzet(row) for row in found.rows]})


class InzetDetail(PartnerAPIView):
    required_alternate_scopes = READ

    @extend_schema(
        operation_id="inzetten_retrieve",
        summary="Eén inzet, met zijn ETag",
        responses={200: OpenApiResponse(InzetSerializer), **DETAIL_ERRORS},
        parameters=[ETAG_HEADER],
        tags=["inzetten"],
    )
    def get(self, request, inzet_id: int):
        inzet = get_or_404(selectors.partner_inzet_get, partner=self.partner, inzet_id=inzet_id)
        services.access_log_api_view(client=self.client, family_id=inzet.family_id, what="API: inzet")
        return _with_etag(Response(InzetSerializer(inzet).data), inzet)


class InzetStatusView(PartnerAPIView):
    """Start or stop: one step of the inzet's status, with If-Match."""

    required_alternate_scopes = WRITE
    to_status: str = ""
    input_serializer = StartInputSerializer

    def post(self, request, inzet_id: int):
        inzet = get_or_404(selectors.partner_inzet_get, partner=self.partner, inzet_id=inzet_id)
        if_match = request.headers.get("If-Match")
        if not if_match:
            raise PreconditionRequired()
        if not if_match_allows(inzet=inzet, if_match=if_match):
            raise PreconditionFailed()
        body = self.input_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            inzet = partner_services.inzet_change_status(
                inzet=inzet,
                to_status=self.to_status,
                on=data["datum"],
                reason=data.get("redencode", ""),
                note=data.get("toelichting", ""),
                via_partner=self.partner,
                client_id=self.client.client_id,
                purpose=self.client.purpose,
                channel=Channel.API,
                expected_version=inzet.version,
            )
        except partner_services.StaleInzet as exc:
            raise PreconditionFailed() from exc
        except DjangoValidationError as exc:
            raise _service_errors(exc) from exc
        except DjangoPermissionDenied as exc:
            raise Http404 from exc
        return _with_etag(Response(InzetSerializer(inzet).data), inzet)


class InzetStart(InzetStatusView):
    to_status = InzetStatus.GESTART
    input_serializer = StartInputSerializer

    @extend_schema(
        operation_id="inzetten_start",
        summary="Meld de start van een inzet",
        request=StartInputSerializer,
        parameters=[IF_MATCH, IDEMPOTENCY_KEY, ETAG_HEADER],
        responses={200: OpenApiResponse(InzetSerializer), **STATUS_WRITE_ERRORS},
        tags=["inzetten"],
    )
    @idempotent("api_inzet_start")
    def post(self, request, inzet_id: int):
        return super().post(request, inzet_id)


class InzetStop(InzetStatusView):
    to_status = InzetStatus.GESTOPT
    input_serializer = StopInputSerializer

    @extend_schema(
        operation_id="inzetten_stop",
        summary="Meld het einde van een inzet, met de reden",
        request=StopInputSerializer,
        parameters=[IF_MATCH, IDEMPOTENCY_KEY, ETAG_HEADER],
        responses={200: OpenApiResponse(InzetSerializer), **STATUS_WRITE_ERRORS},
        tags=["inzetten"],
    )
    @idempotent("api_inzet_stop")
    def post(self, request, inzet_id: int):
        return super().post(request, inzet_id)


class InzetBerichten(PartnerAPIView):
    required_alternate_scopes = WRITE

    @extend_schema(
        operation_id="inzetten_berichten_create",
        summary="Stuur een kort voortgangsbericht",
        description="Het bericht verschijnt op de tijdlijn van het gezin bij de gezinsmanager.",
        request=BerichtInputSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={status.HTTP_201_CREATED: BerichtSerializer, **WRITE_ERRORS},
        tags=["inzetten"],
    )
    @idempotent("api_inzet_message")
    def post(self, request, inzet_id: int):
        inzet = get_or_404(selectors.partner_inzet_get, partner=self.partner, inzet_id=inzet_id)
        body = BerichtInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            message = partner_services.inzet_post_message(
                inzet=inzet,
                text=body.validated_data["tekst"],
                via_partner=self.partner,
                client_id=self.client.client_id,
                purpose=self.client.purpose,
                channel=Channel.API,
            )
        except DjangoValidationError as exc:
            raise _service_errors(exc) from exc
        except DjangoPermissionDenied as exc:
            raise Http404 from exc
        return Response(BerichtSerializer(message).data, status=status.HTTP_201_CREATED)
