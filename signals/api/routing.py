"""API of teams, routing rules and consultations (``/api/v1/teams/``, ``/api/v1/routing-rules/``,
``/api/v1/consultations/``), with the permissions of the site: coordinators and beheerders
read teams and rules, beheerders (model permissions) change them; consultations are asked
by coordinators of the level and answered by the asked organisation's ketenpartner staff.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from accounts import roles
from core.input_bounds import BoundedIntegerField

from .. import workflow
from ..models import Consultation, Dossier, RoutingRule, Signal, Team, is_chain_professional
from ..routing import validate_rule
from ..routing_admin import preview
from ..services import consultations as consult_services
from .mixins import DomainErrorsMixin, validated
from .schema import ERROR_RESPONSES


class TeamSerializer(serializers.ModelSerializer):
    class Meta:
        model = Team
        fields = [
            "id", "name", "level", "description", "regions", "organisations", "themes",
            "phases", "members", "is_default", "is_active", "response_days", "resolution_days",
        ]  # fmt: skip


class RoutingRuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = RoutingRule
        fields = ["id", "name", "level", "position", "conditions", "team", "is_active"]

    def validate(self, attrs):
        merged = {
            "level": getattr(self.instance, "level", None),
            "conditions": getattr(self.instance, "conditions", {}),
            "team": getattr(self.instance, "team", None),
            **attrs,
        }
        validate_rule(merged["level"], merged["conditions"], merged["team"])
        return attrs


class ConsultationSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    status = serializers.CharField(read_only=True, help_text="open, beantwoord or gesloten.")

    class Meta:
        model = Consultation
        fields = [
            "id", "signal", "dossier", "organisation", "organisation_name", "contact",
            "question", "due_date", "status", "answer", "answered_at", "answer_is_public",
            "created_at",
        ]  # fmt: skip
        read_only_fields = fields


class ConsultationCreateSerializer(serializers.Serializer):
    signal = BoundedIntegerField(required=False)
    dossier = BoundedIntegerField(required=False)
    organisations = serializers.ListField(child=BoundedIntegerField(), min_length=1)
    question = serializers.CharField(max_length=5000)
    due_date = serializers.DateField()
    contact = BoundedIntegerField(required=False, allow_null=True)

    def validate(self, attrs):
        if bool(attrs.get("signal")) == bool(attrs.get("dossier")):
            raise serializers.ValidationError("Geef een signaal of een dossier.")
        return attrs


class AnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(max_length=5000)


class CoordinatorsReadBeheerdersWrite(permissions.BasePermission):
    """Reading: coordinators and beheerders. Writing: the model permission (beheerders)."""

    def has_permission(self, request, view):
        user = request.user
        if not user.is_authenticated:
            return False
        if request.method in permissions.SAFE_METHODS:
            return workflow.is_coordinator(user) or user.has_role(roles.BEHEERDER)
        model = view.queryset.model._meta
        verb = {"POST": "add", "DELETE": "delete"}.get(request.method, "change")
        return user.has_perm(f"{model.app_label}.{verb}_{model.model_name}")


@extend_schema_view(
    list=extend_schema(summary="List teams", tags=["routing"]),
    retrieve=extend_schema(summary="One team", tags=["routing"]),
    create=extend_schema(summary="Create a team (beheerders)", tags=["routing"]),
    update=extend_schema(summary="Replace a team (beheerders)", tags=["routing"]),
    partial_update=extend_schema(summary="Change a team (beheerders)", tags=["routing"]),
    destroy=extend_schema(summary="Delete a team (beheerders)", tags=["routing"]),
)
class TeamViewSet(DomainErrorsMixin, viewsets.ModelViewSet):
    queryset = Team.objects.prefetch_related(
        "regions", "organisations", "themes", "phases", "members"
    )
    serializer_class = TeamSerializer
    permission_classes = [CoordinatorsReadBeheerdersWrite]


@extend_schema_view(
    list=extend_schema(summary="List routing rules in order", tags=["routing"]),
    retrieve=extend_schema(summary="One routing rule", tags=["routing"]),
    create=extend_schema(
        summary="Create a routing rule (beheerders)",
        description="`conditions` maps region, organisation, theme, phase (ids), urgency and "
        "source (values) to the allowed values. Unknown, empty or contradictory conditions "
        "are refused with 400.",
        tags=["routing"],
    ),
    update=extend_schema(summary="Replace a routing rule (beheerders)", tags=["routing"]),
    partial_update=extend_schema(summary="Change a routing rule (beheerders)", tags=["routing"]),
    destroy=extend_schema(summary="Delete a routing rule (beheerders)", tags=["routing"]),
)
class RoutingRuleViewSet(DomainErrorsMixin, viewsets.ModelViewSet):
    queryset = RoutingRule.objects.select_related("team").order_by("level", "position", "pk")
    serializer_class = RoutingRuleSerializer
    permission_classes = [CoordinatorsReadBeheerdersWrite]

    @extend_schema(
        summary="Which rule and team a signal would get now (nothing changes)",
        parameters=[OpenApiParameter("reference", str, required=True)],
        responses={200: OpenApiTypes.OBJECT},
        tags=["routing"],
    )
    @action(detail=False, methods=["get"])
    def preview(self, request):
        reference = request.query_params.get("reference", "").strip()
        if not reference:
            return Response(
                {"reference": ["Geef het kenmerk van een signaal, bijvoorbeeld S-00012."]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        result = preview(reference)
        if "error" in result:
            return Response({"detail": str(result["error"])}, status=status.HTTP_404_NOT_FOUND)
        signal = Signal.objects.visible_to(request.user).filter(pk=result["signal"].pk).first()
        if signal is None:
            return Response({"detail": "Niet gevonden."}, status=status.HTTP_404_NOT_FOUND)
        decision = result["decision"]
        return Response(decision.payload("preview") | {"signal": signal.reference})


@extend_schema_view(
    list=extend_schema(summary="Consultations visible to you", tags=["consultations"]),
    retrieve=extend_schema(summary="One consultation", tags=["consultations"]),
)
class ConsultationViewSet(
    DomainErrorsMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = ConsultationSerializer

    def get_queryset(self):
        return Consultation.objects.visible_to(self.request.user).select_related("organisation")

    @extend_schema(
        summary="Ask one or more organisations (coordinators of the level)",
        request=ConsultationCreateSerializer,
        responses={201: ConsultationSerializer(many=True), **ERROR_RESPONSES},
        tags=["consultations"],
    )
    def create(self, request):
        data = validated(ConsultationCreateSerializer, request)
        model = Signal if data.get("signal") else Dossier
        subject = (
            model.objects.visible_to(request.user)
            .filter(pk=data.get("signal") or data.get("dossier"))
            .first()
        )
        if subject is None:
            return Response({"detail": "Niet gevonden."}, status=status.HTTP_404_NOT_FOUND)
        asked = consult_services.ask(
            subject, request.user, data["organisations"], data["question"], data["due_date"],
            data.get("contact"),
        )  # fmt: skip
        return Response(
            ConsultationSerializer(asked, many=True).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Answer (ketenpartner staff of the asked organisation; 403 for anyone else)",
        request=AnswerSerializer,
        responses={200: ConsultationSerializer, **ERROR_RESPONSES},
        tags=["consultations"],
    )
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        # Not limited to visible ones: answering a question put to another organisation is a
        # 403 (as on the answer page), not a 404.
        if not is_chain_professional(request.user):
            raise PermissionDenied("Alleen ketenpartners kunnen antwoorden.")
        consultation = get_object_or_404(Consultation, pk=pk)
        data = validated(AnswerSerializer, request)
        return Response(
            ConsultationSerializer(
                consult_services.answer(consultation, request.user, data["answer"])
            ).data
        )

    @extend_schema(
        summary="Close (coordinators of the level)",
        request=None,
        responses={200: ConsultationSerializer, **ERROR_RESPONSES},
        tags=["consultations"],
    )
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        consultation = self.get_object()
        if not workflow.is_coordinator(request.user):
            raise PermissionDenied("Alleen coördinatoren.")
        return Response(
            ConsultationSerializer(consult_services.close(consultation, request.user)).data
        )
