"""Gezinnen: the families shared with the partner and what each shares. Selectors decide, services log."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from api import listing, rows, selectors, services
from api.pagination import envelope, page_serializer, paginate
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
        page, size = query["pagina"], query["paginaGrootte"]
        if query.get("gewijzigdSinds") is None:
            # The daily poll: the lean path (api.listing), the same answer in a few small queries.
            found = listing.family_page(partner=self.partner, page=page, size=size)
            family_ids = [row["id"] for row in found.rows]
            body = [rows.gezin(row) for row in found.rows]
            links = envelope(request=request, page=page, size=size, total=found.total)
        else:
            families = selectors.partner_families(partner=self.partner, changed_since=query["gewijzigdSinds"])
            instances, links = paginate(request=request, queryset=families, page=page, size=size)
            selectors.attach_own_inzet_ids(partner=self.partner, families=instances)
            family_ids = [f.pk for f in instances]
            body = GezinSerializer(instances, many=True).data
        services.access_log_api_list(client=self.client, family_ids=family_ids, what="API: gezinnen")
        return Response({**links, "resultaten": body})


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
