"""Reads for kwesties, through one access-checked path."""

from django.db.models import QuerySet
from django.http import Http404

from .access import readable_kwesties_filter
from .models import Kwestie


def kwestie_list_for_user(*, user) -> QuerySet[Kwestie]:
    return Kwestie.objects.filter(readable_kwesties_filter(user=user)).select_related("owner", "raised_by", "team")


def kwestie_get_for_user(*, user, kwestie_id: int) -> Kwestie:
    kwestie = kwestie_list_for_user(user=user).filter(pk=kwestie_id).first()
    if kwestie is None:
        raise Http404("Kwestie niet gevonden")
    return kwestie
