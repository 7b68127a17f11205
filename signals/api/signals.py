"""The signal endpoints (``/api/v1/signals/``).

Session authentication for the site, token authentication (DRF authtoken) for partner
systems. Reads go through ``visible_to``; writes through ``signals.services``. Errors are
JSON: field errors ``{"field": ["message"]}``, domain errors ``{"detail": ..., "code": ...}``
with 400 (bad input, missing reason), 403 (not your role or level), 404 (not visible) or
409 (not possible in the current state).
"""

from __future__ import annotations

from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from .. import services, workflow
from ..models import Signal, is_chain_professional
from ..queries import similar_signals
from .filters import LenientFilterBackend, SignalFilterSet
from .mixins import DomainErrorsMixin, WorkflowActionsMixin, validated
from .schema import ERROR_RESPONSES, SUPPORT_RESULT, workflow_endpoint_schemas
from .serializers import (
    RatingSerializer,
    SignalCreateSerializer,
    SignalSerializer,
    SignalUpdateSerializer,
)


@extend_schema_view(
    list=extend_schema(
        summary="List signals visible to you",
        tags=["signals"],
    ),
    retrieve=extend_schema(
        summary="One signal", tags=["signals"], responses={200: SignalSerializer, 404: None}
    ),
    **workflow_endpoint_schemas(
        "signals",
        SignalSerializer,
        actions_summary="Take a workflow action",
        actions_description="Actions: "
        + "; ".join(
            f"`{a.name}` ({a.label}{', reason required' if a.reason_required else ''})"
            for a in workflow.ACTIONS.values()
            if a.applies_to("signal")
        )
        + ". 409 when the action is not possible from the current status.",
    ),
)
class SignalViewSet(
    DomainErrorsMixin,
    WorkflowActionsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = SignalSerializer
    lookup_value_regex = r"[0-9]{1,18}"  # within bigint range: others are a 404, not a 500

    filter_backends = [LenientFilterBackend]
    filterset_class = SignalFilterSet

    def get_queryset(self):
        return (
            Signal.objects.visible_to(self.request.user).for_lists().select_related("submitted_by")
        )

    @extend_schema(
        summary="Submit a signal",
        description="Creates a signal at uitvoeringsniveau with status *ingediend*. Text with "
        "personal data (BSN, V-number, e-mail, phone number, IBAN, date of birth) is refused "
        "with a 400 naming what was found; nothing is stored. Token-authenticated partner "
        "systems get source `api`.",
        request=SignalCreateSerializer,
        responses={201: SignalSerializer, **ERROR_RESPONSES},
        tags=["signals"],
        examples=[
            OpenApiExample(
                "Signal",
                value={
                    "title": "Driegesprek bij overdracht lukt vaak niet",
                    "description": "De overdracht van COA naar gemeente gebeurt dan alleen per e-mail.",
                    "urgency": "normaal",
                },
                request_only=True,
            )
        ],
    )
    def create(self, request):
        if not is_chain_professional(request.user):
            raise PermissionDenied("Alleen professionals in de keten kunnen signalen indienen.")
        data = validated(SignalCreateSerializer, request)
        source = "api" if isinstance(request.auth, Token) else "professional"
        signal = services.create_signal(
            submitted_by=request.user,
            title=data["title"],
            description=data["description"],
            themes=data.get("themes", ()),
            phase=data.get("phase"),
            organisation=data.get("organisation"),
            region=data.get("region"),
            frequency=data.get("frequency"),
            affected_count=data.get("affected_count"),
            urgency=data.get("urgency"),
            suggestion=data.get("suggestion", ""),
            source=source,
            source_label=data.get("source_label", ""),
            source_url=data.get("source_url", ""),
        )
        signal = self.get_queryset().get(pk=signal.pk)
        return Response(self.get_serializer(signal).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Edit the text of a signal",
        description="Submitter (while open) or a coordinator of the level. Recorded in the history.",
        request=SignalUpdateSerializer,
        responses={200: SignalSerializer, **ERROR_RESPONSES},
        tags=["signals"],
    )
    def partial_update(self, request, pk=None):
        signal = self.get_object()
        data = validated(SignalUpdateSerializer, request)
        services.update_signal_text(signal, request.user, **data)
        return Response(self.get_serializer(self.get_queryset().get(pk=signal.pk)).data)

    @extend_schema(
        summary='Support ("ik herken dit") or withdraw support',
        request=None,
        responses={200: SUPPORT_RESULT, **ERROR_RESPONSES},
        tags=["signals"],
    )
    @action(detail=True, methods=["post", "delete"])
    def support(self, request, pk=None):
        signal = self.get_object()
        if request.method == "POST":
            services.support(signal, request.user)
        else:
            services.unsupport(signal, request.user)
        signal.refresh_from_db(fields=["support_count"])
        supported = signal.supports.filter(user=request.user).exists()
        return Response({"supported": supported, "support_count": signal.support_count})

    @extend_schema(
        summary="Rate the outcome (submitter)",
        description="`nee` within 30 days of the outcome reopens the signal for the coordinators.",
        request=RatingSerializer,
        responses={200: SignalSerializer, **ERROR_RESPONSES},
        tags=["signals"],
    )
    @action(detail=True, methods=["post"])
    def rate(self, request, pk=None):
        signal = self.get_object()
        data = validated(RatingSerializer, request)
        services.rate_outcome(signal, request.user, data["rating"], data.get("comment", ""))
        return Response(self.get_serializer(self.get_queryset().get(pk=signal.pk)).data)

    @extend_schema(
        summary="Signals similar to a text",
        parameters=[OpenApiParameter("q", str, required=True)],
        responses=SignalSerializer(many=True),
        tags=["signals"],
    )
    @action(
        detail=False, methods=["get"], pagination_class=None, filter_backends=[]
    )  # a plain list, as documented
    def similar(self, request):
        results = similar_signals(request.query_params.get("q", "")[:1000], request.user)
        results = results.select_related("phase", "organisation", "region", "submitted_by")
        results = results.prefetch_related("themes")
        return Response(self.get_serializer(results, many=True).data)
