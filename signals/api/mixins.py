"""Behaviour the signal and dossier viewsets share: domain errors as JSON, and the workflow
endpoints (actions, history, follow, notes, follow-ups)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from privacy.validators import api_error_body

from .. import services, workflow
from ..models import FollowUp, Note, SignalEvent, can_see_submitter
from .serializers import (
    ActionSerializer,
    EventSerializer,
    FollowUpInputSerializer,
    FollowUpSerializer,
    NoteSerializer,
    TextSerializer,
)


class DomainErrorsMixin:
    """Turn domain errors into JSON answers (never a 500 on user input)."""

    def handle_exception(self, exc):
        if isinstance(exc, services.SignalError):
            body = {"detail": exc.message, "code": exc.code}
            if exc.field:
                body[exc.field] = [exc.message]
            return Response(body, status=exc.status_code)
        if isinstance(exc, DjangoValidationError):
            body = api_error_body(exc)  # a guard warning: code "possible_personal_data"
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        return super().handle_exception(exc)


def validated(serializer_class, request):
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class WorkflowActionsMixin:
    """Actions, history, follow, notes and follow-ups: the endpoints signals and dossiers share.

    The object kind comes from ``obj.workflow_kind``; the schema of these endpoints differs per
    viewset (tag, response serializer, text of ``actions``) and is added there with
    ``@extend_schema_view(**workflow_endpoint_schemas(...))``.
    """

    def _show_people(self, obj):
        user = self.request.user
        return workflow.is_coordinator(user) or can_see_submitter(user, obj)

    @action(detail=True, methods=["post"])
    def actions(self, request, pk=None):
        obj = self.get_object()
        data = validated(ActionSerializer, request)
        name = data.pop("action")
        reason = data.pop("reason", "")
        obj = services.apply_action(obj, name, request.user, reason, **data)
        obj = self.get_queryset().get(pk=obj.pk)
        return Response(self.get_serializer(obj).data)

    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def history(self, request, pk=None):
        obj = self.get_object()
        events = SignalEvent.objects.filter(**{obj.workflow_kind: obj}).select_related("actor")
        context = {"show_people": self._show_people(obj)}
        return Response(EventSerializer(events, many=True, context=context).data)

    @action(detail=True, methods=["post", "delete"])
    def follow(self, request, pk=None):
        obj = self.get_object()
        following = services.follow(obj, request.user, on=request.method == "POST")
        return Response({"following": following})

    @action(detail=True, methods=["get", "post"], filter_backends=[], pagination_class=None)
    def notes(self, request, pk=None):
        obj = self.get_object()
        if request.method == "POST":
            data = validated(TextSerializer, request)
            note = services.add_note(obj, request.user, data["text"])
            return Response(NoteSerializer(note).data, status=status.HTTP_201_CREATED)
        if not workflow.is_coordinator(request.user):
            raise services.ActionForbidden(_("Alleen coördinatoren zien interne notities."))
        notes = (
            Note.objects.visible_to(request.user)
            .filter(**{obj.workflow_kind: obj})
            .select_related("author")
        )
        return Response(NoteSerializer(notes, many=True).data)

    @action(
        detail=True,
        methods=["get", "post"],
        url_path="follow-ups",
        filter_backends=[],
        pagination_class=None,  # the whole list, as documented
    )
    def followups(self, request, pk=None):
        obj = self.get_object()
        if request.method == "POST":
            data = validated(FollowUpInputSerializer, request)
            followup = services.add_followup(obj, request.user, data["text"], data["is_public"])
            return Response(FollowUpSerializer(followup).data, status=status.HTTP_201_CREATED)
        items = FollowUp.objects.filter(**{obj.workflow_kind: obj})
        return Response(FollowUpSerializer(items, many=True).data)
