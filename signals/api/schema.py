"""OpenAPI pieces shared by the signal and dossier endpoints: error shapes and the schema of
the workflow endpoints both viewsets have."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers

from .serializers import (
    ActionSerializer,
    EventSerializer,
    FollowUpInputSerializer,
    FollowUpSerializer,
    NoteSerializer,
    TextSerializer,
)

ERROR = inline_serializer(
    "SignalError",
    {"detail": serializers.CharField(), "code": serializers.CharField()},
)
ERROR_RESPONSES = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="Bad input: field messages."),
    403: OpenApiResponse(ERROR, description="Not allowed for your role or level."),
    404: OpenApiResponse(description="Not found or not visible to you."),
    409: OpenApiResponse(ERROR, description="Not possible in the current state."),
}
SUPPORT_RESULT = inline_serializer(
    "SupportResult",
    {"supported": serializers.BooleanField(), "support_count": serializers.IntegerField()},
)
FOLLOW_RESULT = inline_serializer("FollowResult", {"following": serializers.BooleanField()})


def workflow_endpoint_schemas(tag, serializer, *, actions_summary, actions_description):
    """OpenAPI schema of the ``WorkflowActionsMixin`` endpoints for one viewset."""
    return {
        "actions": extend_schema(
            summary=actions_summary,
            description=actions_description,
            request=ActionSerializer,
            responses={200: serializer, **ERROR_RESPONSES},
            tags=[tag],
        ),
        "history": extend_schema(
            summary="History (append-only)", responses=EventSerializer(many=True), tags=[tag]
        ),
        "follow": extend_schema(
            summary="Follow or unfollow", request=None, responses={200: FOLLOW_RESULT}, tags=[tag]
        ),
        "notes": extend_schema(
            summary="Internal notes (coordinators only)",
            request=TextSerializer,
            responses={200: NoteSerializer(many=True), 201: NoteSerializer, **ERROR_RESPONSES},
            tags=[tag],
        ),
        "followups": extend_schema(
            summary="Visible follow-up updates",
            request=FollowUpInputSerializer,
            responses={
                200: FollowUpSerializer(many=True),
                201: FollowUpSerializer,
                **ERROR_RESPONSES,
            },
            tags=[tag],
        ),
    }
