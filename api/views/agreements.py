"""Afspraken: the plan agreements the partner carries, where the basis shares them."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from api import listing, rows, selectors, services
from api.pagination import envelope, page_serializer
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
        page, size = query["pagina"], query["paginaGrootte"]
        found = listing.agreement_page(partner=self.partner, family_id=query.get("gezin"), page=page, size=size)
        family_ids = [row["plan__family_id"] for row in found.rows]
        services.access_log_api_list(client=self.client, family_ids=family_ids, what="API: afspraken")
        links = envelope(request=request, page=page, size=size, total=found.total)
        return Response({**links, "resultaten": [rows.afspraak(row) for row in found.rows]})


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
