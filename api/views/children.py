"""Jeugdigen: the children of shared families, where the basis shares them; parents never.

Read under the families scope: a child is part of what the partner reads of a family.
"""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from api import listing, rows, selectors, services
from api.pagination import envelope, page_serializer
from api.serializers import ChildrenQuerySerializer, JeugdigeSerializer

from .base import DETAIL_ERRORS, LIST_ERRORS, PartnerAPIView, get_or_404
from .families import FAMILY_SCOPE


class JeugdigeList(PartnerAPIView):
    required_alternate_scopes = FAMILY_SCOPE

    @extend_schema(
        operation_id="jeugdigen_list",
        summary="Jeugdigen in gedeelde gezinnen",
        description="Alleen waar de grondslag de kinderen deelt; ouders en andere gezinsleden nooit. "
        "gewijzigdSinds geeft de jeugdigen van gezinnen waarvan gewijzigdOp op of na dat tijdstip ligt; "
        "een nieuw kind of een gewijzigde naam of geboortedatum verschuift gewijzigdOp.",
        parameters=[ChildrenQuerySerializer],
        responses={200: page_serializer(JeugdigeSerializer, "JeugdigePagina"), **LIST_ERRORS},
        tags=["jeugdigen"],
    )
    def get(self, request):
        query = self.query(ChildrenQuerySerializer)
        page, size = query["pagina"], query["paginaGrootte"]
        found = listing.child_page(
            partner=self.partner,
            family_id=query.get("gezin"),
            changed_since=query.get("gewijzigdSinds"),
            page=page,
            size=size,
        )
        family_ids = [row["family_id"] for row in found.rows]
        services.access_log_api_list(client=self.client, family_ids=family_ids, what="API: jeugdigen")
        links = envelope(request=request, page=page, size=size, total=found.total)
        return Response({**links, "resultaten": [rows.jeugdige(row) for row in found.rows]})


class JeugdigeDetail(PartnerAPIView):
    required_alternate_scopes = FAMILY_SCOPE

    @extend_schema(
        operation_id="jeugdigen_retrieve",
        summary="Eén jeugdige",
        responses={200: JeugdigeSerializer, **DETAIL_ERRORS},
        tags=["jeugdigen"],
    )
    def get(self, request, jeugdige_id: int):
        child = get_or_404(selectors.partner_child_get, partner=self.partner, child_id=jeugdige_id)
        services.access_log_api_view(client=self.client, family_id=child.family_id, what="API: jeugdige")
        return Response(JeugdigeSerializer(child).data)
