"""The dossier endpoints (``/api/v1/dossiers/``); errors as in ``signals.api.signals``."""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from .. import services
from ..models import Dossier, Signal
from .filters import DossierFilterSet, LenientFilterBackend
from .mixins import DomainErrorsMixin, WorkflowActionsMixin, validated
from .schema import ERROR_RESPONSES, workflow_endpoint_schemas
from .serializers import DossierCreateSerializer, DossierSerializer


@extend_schema_view(
    list=extend_schema(
        summary="List dossiers",
        tags=["dossiers"],
    ),
    retrieve=extend_schema(summary="One dossier", tags=["dossiers"]),
    **workflow_endpoint_schemas(
        "dossiers",
        DossierSerializer,
        actions_summary="Take a workflow action on a dossier",
        actions_description="resolve/decline give every signal in the dossier the same outcome; "
        "escalate moves them along.",
    ),
)
class DossierViewSet(
    DomainErrorsMixin,
    WorkflowActionsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = DossierSerializer
    lookup_value_regex = r"[0-9]{1,18}"

    filter_backends = [LenientFilterBackend]
    filterset_class = DossierFilterSet

    def get_queryset(self):
        return Dossier.objects.visible_to(self.request.user).prefetch_related("themes", "signals")

    @extend_schema(
        summary="Create a dossier, optionally bundling signals into it",
        request=DossierCreateSerializer,
        responses={201: DossierSerializer, **ERROR_RESPONSES},
        tags=["dossiers"],
    )
    @transaction.atomic  # refused bundling leaves no empty dossier behind
    def create(self, request):
        data = validated(DossierCreateSerializer, request)
        ids = data.get("signals") or []
        signals = list(Signal.objects.visible_to(request.user).filter(pk__in=ids))
        if len(signals) != len(set(ids)):
            return Response(
                {"signals": ["Een of meer signalen bestaan niet of zijn niet zichtbaar."]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        dossier = services.create_dossier(
            title=data["title"],
            actor=request.user,
            level=data.get("level"),
            analysis=data.get("analysis", ""),
        )
        if signals:
            services.bundle(signals, dossier, request.user, data.get("reason", ""))
        dossier = self.get_queryset().get(pk=dossier.pk)
        return Response(self.get_serializer(dossier).data, status=status.HTTP_201_CREATED)
