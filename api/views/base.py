"""The one base for every partner API view: token auth, scopes, throttling, problem+json."""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from api.authentication import PartnerTokenAuthentication
from api.models import PartnerClient
from api.permissions import TokenHasMethodScope
from api.problems import PROBLEM_CONTENT_TYPE, problem_exception_handler
from api.throttling import PartnerClientThrottle


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details."""

    type = serializers.URLField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField()


class InvalidParamSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="Het veld of de parameter.")
    code = serializers.CharField()
    reason = serializers.CharField(help_text="Waarom de waarde niet klopt.")


class ValidationProblemSerializer(ProblemSerializer):
    invalidParams = InvalidParamSerializer(many=True)


def _problem(description: str, serializer=ProblemSerializer) -> OpenApiResponse:
    return OpenApiResponse(response=serializer, description=description)


def _problems(responses: dict[int, OpenApiResponse]) -> dict:
    """Error responses keyed (status, media type): every error is application/problem+json."""
    return {(code, PROBLEM_CONTENT_TYPE): response for code, response in responses.items()}


_COMMON = {
    401: _problem("Geen of een verlopen token."),
    403: _problem("Het token heeft niet de scope voor deze handeling."),
    406: _problem("Alleen JSON wordt geleverd."),
    429: _problem("Te veel verzoeken van deze client; zie Retry-After."),
}
_LIST = {400: _problem("Ongeldige queryparameter.", ValidationProblemSerializer), **_COMMON}
_DETAIL = {404: _problem("Bestaat niet of is niet (meer) met u gedeeld."), **_COMMON}
_WRITE = {
    400: _problem("Ongeldige invoer.", ValidationProblemSerializer),
    **_DETAIL,
    415: _problem("Stuur de body als application/json."),
}
_WRITE = {
    **_WRITE,
    422: _problem("Deze Idempotency-Key is al gebruikt voor een ander verzoek."),
}
_STATUS_WRITE = {
    **_WRITE,
    409: _problem("Deze stap past niet bij de huidige status van de inzet."),
    412: _problem("If-Match komt niet overeen met de huidige versie: haal de inzet opnieuw op."),
    428: _problem("If-Match ontbreekt."),
}

LIST_ERRORS = _problems(_LIST)
DETAIL_ERRORS = _problems(_DETAIL)
WRITE_ERRORS = _problems(_WRITE)
STATUS_WRITE_ERRORS = _problems(_STATUS_WRITE)


def get_or_404(getter, **kwargs):
    """A selector's lookup; "not yours" and "not there" are the same 404."""
    try:
        return getter(**kwargs)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc


class PartnerAPIView(APIView):
    authentication_classes = [PartnerTokenAuthentication]
    permission_classes = [TokenHasMethodScope]
    throttle_classes = [PartnerClientThrottle]
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser]
    metadata_class = None  # OPTIONS answers 405 like every other undocumented method
    required_alternate_scopes: dict[str, list[list[str]]] = {}

    def get_exception_handler(self):
        return problem_exception_handler

    @property
    def client(self) -> PartnerClient:
        return self.request.user.client

    @property
    def partner(self):
        return self.request.user.partner

    def query(self, serializer_class) -> dict:
        """Validated query parameters; bad ones answer 400 naming the parameter."""
        # A plain dict, not the QueryDict: DRF treats "?gezin=" in a QueryDict as "not given".
        serializer = serializer_class(data=self.request.query_params.dict())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data
