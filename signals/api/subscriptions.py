"""API of the user's own subscriptions ("volgopdrachten", ``/api/v1/subscriptions/``).

Chain professionals only; everyone sees, changes and removes only their own (another
person's subscription is a 404). Creating the same criteria again updates the frequency.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.response import Response

from accounts.roles import is_chain_professional
from notifications import subscriptions as services
from notifications.models import Subscription
from notifications.subscription_models import QUERY_MAX, Frequency
from taxonomy.models import Organisation, Phase, Region, Theme

from .mixins import DomainErrorsMixin
from .schema import ERROR_RESPONSES


class ChainProfessional(permissions.BasePermission):
    def has_permission(self, request, view):
        return is_chain_professional(request.user)


class SubscriptionSerializer(serializers.ModelSerializer):
    theme = serializers.PrimaryKeyRelatedField(
        queryset=Theme.objects.all(), required=False, allow_null=True
    )
    region = serializers.PrimaryKeyRelatedField(
        queryset=Region.objects.all(), required=False, allow_null=True
    )
    phase = serializers.PrimaryKeyRelatedField(
        queryset=Phase.objects.all(), required=False, allow_null=True
    )
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    query = serializers.CharField(required=False, allow_blank=True, max_length=QUERY_MAX)
    frequency = serializers.ChoiceField(choices=Frequency.choices, default=Frequency.DAILY)
    label = serializers.CharField(read_only=True)

    class Meta:
        model = Subscription
        fields = [
            "id", "theme", "region", "phase", "organisation", "query", "frequency", "label",
            "created_at",
        ]  # fmt: skip
        read_only_fields = ["created_at"]


class FrequencySerializer(serializers.Serializer):
    frequency = serializers.ChoiceField(choices=Frequency.choices)


@extend_schema_view(
    list=extend_schema(summary="My subscriptions", tags=["subscriptions"]),
    retrieve=extend_schema(summary="One of my subscriptions", tags=["subscriptions"]),
    destroy=extend_schema(summary="Remove one of my subscriptions", tags=["subscriptions"]),
)
class SubscriptionViewSet(
    DomainErrorsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = SubscriptionSerializer
    permission_classes = [permissions.IsAuthenticated, ChainProfessional]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return (
            Subscription.objects.visible_to(self.request.user)
            .select_related("theme", "region", "phase", "organisation")
            .order_by("-created_at", "-pk")
        )

    @extend_schema(
        summary="Follow a theme, region, phase, organisation and/or search text",
        request=SubscriptionSerializer,
        responses={201: SubscriptionSerializer, **ERROR_RESPONSES},
        tags=["subscriptions"],
    )
    def create(self, request):
        serializer = SubscriptionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        subscription = services.subscribe(
            request.user,
            frequency=data.get("frequency", Frequency.DAILY),
            query=data.get("query", ""),
            theme=data.get("theme"),
            region=data.get("region"),
            phase=data.get("phase"),
            organisation=data.get("organisation"),
        )
        return Response(SubscriptionSerializer(subscription).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change how often (immediate, daily, weekly)",
        request=FrequencySerializer,
        responses={200: SubscriptionSerializer, **ERROR_RESPONSES},
        tags=["subscriptions"],
    )
    def partial_update(self, request, pk=None):
        subscription = self.get_object()
        serializer = FrequencySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.change_frequency(subscription, serializer.validated_data["frequency"])
        return Response(SubscriptionSerializer(subscription).data)

    def perform_destroy(self, instance):
        services.unsubscribe(instance)
