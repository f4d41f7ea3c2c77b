"""Afspraken: the plan agreements the partner carries, where the basis shares them."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from api import selectors, services
from api.pagination import page_serializer, paginate
from api.serializers import AfspraakSerializer, FamilyFilterQuerySerializer

from .base import DETAIL_ERRORS, LIST_ERRORS, PartnerAPIView, get_or_404

AGREEMENT_SCOPE = {"GET": [["afspraken:lezen"]]}


class AfspraakList(PartnerAPIView):
    required_alternate_scopes = AGREEMENT_SCOPE

    @extend_schema(
        operation_id="afspraken_list",
        summary="Afspraken die aan u zijn toegewezen",
        description="Afspraken uit het huidige gezinsplan waarbij uw organisatie de uitvoerder is, "
        "alleen waar de grondslag afspraken deelt.",
        parameters=[FamilyFilterQuerySerializer],
        responses={200: page_serializer(AfspraakSerializer, "AfspraakPagina"), **LIST_ERRORS},
        tags=["afspraken"],
    )
    def get(self, request):
        query = self.query(FamilyFilterQuerySerializer)
        agreements = selectors.partner_agreements(partner=self.partner, family_id=query.get("gezin"))
        rows, envelope = paginate(
            request=request, queryset=agreements, page=query["pagina"], size=query["paginaGrootte"]
        )
        services.access_log_api_list(
            client=self.client, family_ids=[a.plan.family_id for a in rows], what="API: afspraken"
        )
        return Response({**envelope, "resultaten": AfspraakSerializer(rows, many=True).data})


class AfspraakDetail(PartnerAPIView):
    required_alternate_scopes = AGREEMENT_SCOPE

    @extend_schema(
        operation_id="afspraken_retrieve",
        summary="Eén afspraak",
        responses={200: AfspraakSerializer, **DETAIL_ERRORS},
        tags=["afspraken"],
    )
    def get(self, request, afspraak_id: int):
        agreement = get_or_404(selectors.partner_agreement_get, partner=self.partner, agreement_id=afspraak_id)
        services.access_log_api_view(client=self.client, family_id=agreement.plan.family_id, what="API: afspraak")
        return Response(AfspraakSerializer(agreement).data)
