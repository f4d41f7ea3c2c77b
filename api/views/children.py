"""Jeugdigen: the children of shared families, where the basis shares them; parents never.

Read under the families scope: a child is part of what the partner reads of a family.
"""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from api import selectors, services
from api.pagination import page_serializer, paginate
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
        children = selectors.partner_children(
            partner=self.partner, family_id=query.get("gezin"), changed_since=query.get("gewijzigdSinds")
        )
        rows, envelope = paginate(request=request, queryset=children, page=query["pagina"], size=query["paginaGrootte"])
        services.access_log_api_list(client=self.client, family_ids=[c.family_id for c in rows], what="API: jeugdigen")
        return Response({**envelope, "resultaten": JeugdigeSerializer(rows, many=True).data})


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
