"""Gezinnen: the families shared with the partner and what each shares. Selectors decide, services log."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from api import selectors, services
from api.pagination import page_serializer, paginate
from api.serializers import ChangedSinceQuerySerializer, GezinSerializer

from .base import DETAIL_ERRORS, LIST_ERRORS, PartnerAPIView, get_or_404

FAMILY_SCOPE = {"GET": [["gezinnen:lezen"]]}


class GezinList(PartnerAPIView):
    required_alternate_scopes = FAMILY_SCOPE

    @extend_schema(
        operation_id="gezinnen_list",
        summary="Gezinnen die met u gedeeld zijn",
        description="Alleen gezinnen met een actieve grondslag voor uw organisatie die iets deelt wat deze API "
        "levert. Gebruik gewijzigdSinds om alleen te synchroniseren wat sinds uw vorige keer voor u is veranderd "
        "(ook een grondslag die is ingegaan, ingetrokken of beëindigd). Een gezin dat niet meer met u gedeeld "
        "wordt, verdwijnt zonder melding uit de lijst: haal daarom geregeld ook de volledige lijst op.",
        parameters=[ChangedSinceQuerySerializer],
        responses={200: page_serializer(GezinSerializer, "GezinPagina"), **LIST_ERRORS},
        tags=["gezinnen"],
    )
    def get(self, request):
        query = self.query(ChangedSinceQuerySerializer)
        families = selectors.partner_families(partner=self.partner, changed_since=query.get("gewijzigdSinds"))
        rows, envelope = paginate(request=request, queryset=families, page=query["pagina"], size=query["paginaGrootte"])
        selectors.attach_own_inzet_ids(partner=self.partner, families=rows)
        services.access_log_api_list(client=self.client, family_ids=[f.pk for f in rows], what="API: gezinnen")
        return Response({**envelope, "resultaten": GezinSerializer(rows, many=True).data})


class GezinDetail(PartnerAPIView):
    required_alternate_scopes = FAMILY_SCOPE

    @extend_schema(
        operation_id="gezinnen_retrieve",
        summary="Eén gezin",
        responses={200: GezinSerializer, **DETAIL_ERRORS},
        tags=["gezinnen"],
    )
    def get(self, request, gezin_id: int):
        family = get_or_404(selectors.partner_family_get, partner=self.partner, family_id=gezin_id)
        selectors.attach_own_inzet_ids(partner=self.partner, families=[family])
        services.access_log_api_view(client=self.client, family_id=family.pk, what="API: gezin")
        return Response(GezinSerializer(family).data)
