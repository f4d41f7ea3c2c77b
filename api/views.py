"""Read endpoints: gezinnen, jeugdigen, afspraken. Thin: selectors decide, the access log records."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from . import selectors
from .pagination import page_serializer, paginate
from .serializers import (
    AfspraakSerializer,
    ChangedSinceQuerySerializer,
    ChildrenQuerySerializer,
    FamilyFilterQuerySerializer,
    GezinSerializer,
    JeugdigeSerializer,
)
from .views_base import DETAIL_ERRORS, LIST_ERRORS, PartnerAPIView, get_or_404

FAMILY_SCOPE = {"GET": [["gezinnen:lezen"]]}
AGREEMENT_SCOPE = {"GET": [["afspraken:lezen"]]}


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
        selectors.api_log_list(client=self.client, family_ids=[f.pk for f in rows], what="API: gezinnen")
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
        selectors.api_log_view(client=self.client, family_id=family.pk, what="API: gezin")
        return Response(GezinSerializer(family).data)


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
        selectors.api_log_list(client=self.client, family_ids=[c.family_id for c in rows], what="API: jeugdigen")
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
        selectors.api_log_view(client=self.client, family_id=child.family_id, what="API: jeugdige")
        return Response(JeugdigeSerializer(child).data)


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
        selectors.api_log_list(client=self.client, family_ids=[a.plan.family_id for a in rows], what="API: afspraken")
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
        selectors.api_log_view(client=self.client, family_id=agreement.plan.family_id, what="API: afspraak")
        return Response(AfspraakSerializer(agreement).data)
