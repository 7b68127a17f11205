"""JSON API for signals and dossiers (``/api/v1/signals/``, ``/api/v1/dossiers/``).

Session authentication for the site, token authentication (DRF authtoken) for partner
systems. Reads go through ``visible_to``; writes through ``signals.services``. Errors are
JSON: field errors ``{"field": ["message"]}``, domain errors ``{"detail": ..., "code": ...}``
with 400 (bad input, missing reason), 403 (not your role or level), 404 (not visible) or
409 (not possible in the current state).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from core.input_bounds import BoundedIntegerField, BoundedPrimaryKeyRelatedField
from privacy.validators import api_error_body
from taxonomy.models import Organisation, Phase, Region, Theme

from . import services, workflow
from .models import (
    Dossier,
    FollowUp,
    Frequency,
    Note,
    OutcomeRating,
    Signal,
    SignalEvent,
    Urgency,
    can_see_submitter,
    is_chain_professional,
)
from .queries import filter_signals, similar_signals
from .workflow import Level, Status

# --------------------------------------------------------------------------- serializers


class TermSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="display_name")
    email = serializers.EmailField()


def _person(user):
    return None if user is None else PersonSerializer(user).data


class SignalSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    themes = TermSerializer(many=True, read_only=True)
    phase = TermSerializer(read_only=True, allow_null=True)
    organisation = TermSerializer(read_only=True, allow_null=True)
    region = TermSerializer(read_only=True, allow_null=True)
    is_overdue = serializers.BooleanField(read_only=True)
    frequency = serializers.ChoiceField(
        choices=Frequency.choices, allow_blank=True, read_only=True
    )  # "" when the submitter did not say (documented as such in the schema)
    submitted_by = serializers.SerializerMethodField(
        help_text="Only for coordinators and the submitter; null for everyone else."
    )
    allowed_actions = serializers.SerializerMethodField(
        help_text="Workflow actions the authenticated user may take now."
    )
    url = serializers.SerializerMethodField()

    class Meta:
        model = Signal
        fields = [
            "id",
            "reference",
            "url",
            "title",
            "description",
            "themes",
            "phase",
            "organisation",
            "region",
            "frequency",
            "affected_count",
            "urgency",
            "suggestion",
            "source",
            "source_label",
            "source_url",
            "level",
            "status",
            "dossier",
            "deadline",
            "is_overdue",
            "support_count",
            "is_published",
            "public_summary",
            "outcome",
            "outcome_at",
            "answer_page",
            "submitted_by",
            "allowed_actions",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_submitted_by(self, obj) -> dict | None:
        user = self.context["request"].user
        return _person(obj.submitted_by) if can_see_submitter(user, obj) else None

    def get_allowed_actions(self, obj) -> list[str]:
        return [a.name for a in workflow.available_actions(obj, self.context["request"].user)]

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


class SignalCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=services.TITLE_MAX)
    description = serializers.CharField(max_length=services.TEXT_MAX)
    themes = BoundedPrimaryKeyRelatedField(queryset=Theme.objects.all(), many=True, required=False)
    phase = BoundedPrimaryKeyRelatedField(
        queryset=Phase.objects.all(), required=False, allow_null=True
    )
    organisation = BoundedPrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    region = BoundedPrimaryKeyRelatedField(
        queryset=Region.objects.all(), required=False, allow_null=True
    )
    frequency = serializers.ChoiceField(choices=Frequency.choices, required=False)
    affected_count = serializers.IntegerField(
        min_value=0, max_value=2**31 - 1, required=False, allow_null=True
    )
    urgency = serializers.ChoiceField(choices=Urgency.choices, required=False)
    suggestion = serializers.CharField(
        max_length=services.SUGGESTION_MAX, required=False, allow_blank=True
    )
    source_label = serializers.CharField(max_length=200, required=False, allow_blank=True)
    source_url = serializers.CharField(max_length=500, required=False, allow_blank=True)


class SignalUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=services.TITLE_MAX, required=False)
    description = serializers.CharField(max_length=services.TEXT_MAX, required=False)
    suggestion = serializers.CharField(
        max_length=services.SUGGESTION_MAX, required=False, allow_blank=True
    )


class ActionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=sorted(workflow.ACTIONS))
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=services.TEXT_MAX,
        help_text="Required for request_info, provide_info, resolve, escalate, decline, "
        "reopen, publish (the public summary) and unpublish.",
    )
    dossier = BoundedIntegerField(required=False, help_text="For bundle: the dossier id.")
    assigned_to = BoundedIntegerField(
        required=False, allow_null=True, help_text="For assign: a coordinator of the level."
    )
    themes = serializers.ListField(
        child=BoundedIntegerField(), required=False, help_text="For classify."
    )
    phase = BoundedIntegerField(required=False, allow_null=True, help_text="For classify.")
    urgency = serializers.ChoiceField(choices=Urgency.choices, required=False)


class EventSerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()

    class Meta:
        model = SignalEvent
        fields = [
            "id",
            "action",
            "from_status",
            "to_status",
            "from_level",
            "to_level",
            "reason",
            "payload",
            "actor",
            "created_at",
        ]

    def get_actor(self, obj) -> str | None:
        if not self.context.get("show_people") or obj.actor is None:
            return None
        return obj.actor.display_name


class TextSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=services.TEXT_MAX)


class FollowUpInputSerializer(TextSerializer):
    is_public = serializers.BooleanField(required=False, default=False)


class NoteSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.display_name", default=None)

    class Meta:
        model = Note
        fields = ["id", "text", "author", "created_at"]


class FollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUp
        fields = ["id", "text", "is_public", "created_at"]


class RatingSerializer(serializers.Serializer):
    rating = serializers.ChoiceField(choices=OutcomeRating.Rating.choices)
    comment = serializers.CharField(
        required=False, allow_blank=True, max_length=services.SUGGESTION_MAX
    )


class DossierSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    themes = TermSerializer(many=True, read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)
    signals = BoundedPrimaryKeyRelatedField(many=True, read_only=True)
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = Dossier
        fields = [
            "id",
            "reference",
            "title",
            "analysis",
            "level",
            "status",
            "deadline",
            "is_overdue",
            "themes",
            "signals",
            "outcome",
            "outcome_at",
            "is_published",
            "public_summary",
            "answer_page",
            "allowed_actions",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_allowed_actions(self, obj) -> list[str]:
        return [a.name for a in workflow.available_actions(obj, self.context["request"].user)]


class DossierCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=services.TITLE_MAX)
    analysis = serializers.CharField(required=False, allow_blank=True, max_length=10000)
    level = serializers.ChoiceField(choices=Level.choices, required=False)
    signals = serializers.ListField(
        child=BoundedIntegerField(), required=False, help_text="Signals to bundle into it."
    )
    reason = serializers.CharField(required=False, allow_blank=True)


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


# --------------------------------------------------------------------------- shared behaviour


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


def _validated(serializer_class, request):
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


MAX_ID = 2**63 - 1  # the largest primary key a database column holds (bigint)


def _is_id(value: str) -> bool:
    """A primary key as the database can compare it (ASCII digits, within bigint)."""
    return value.isascii() and value.isdigit() and int(value) <= MAX_ID


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
        data = _validated(ActionSerializer, request)
        name = data.pop("action")
        reason = data.pop("reason", "")
        obj = services.apply_action(obj, name, request.user, reason, **data)
        obj = self.get_queryset().get(pk=obj.pk)
        return Response(self.get_serializer(obj).data)

    @action(detail=True, methods=["get"])
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

    @action(detail=True, methods=["get", "post"])
    def notes(self, request, pk=None):
        obj = self.get_object()
        if request.method == "POST":
            data = _validated(TextSerializer, request)
            note = services.add_note(obj, request.user, data["text"])
            return Response(NoteSerializer(note).data, status=status.HTTP_201_CREATED)
        if not workflow.is_coordinator(request.user):
            raise PermissionDenied("Alleen coördinatoren zien interne notities.")
        notes = (
            Note.objects.visible_to(request.user)
            .filter(**{obj.workflow_kind: obj})
            .select_related("author")
        )
        return Response(NoteSerializer(notes, many=True).data)

    @action(detail=True, methods=["get", "post"], url_path="follow-ups")
    def followups(self, request, pk=None):
        obj = self.get_object()
        if request.method == "POST":
            data = _validated(FollowUpInputSerializer, request)
            followup = services.add_followup(obj, request.user, data["text"], data["is_public"])
            return Response(FollowUpSerializer(followup).data, status=status.HTTP_201_CREATED)
        items = FollowUp.objects.filter(**{obj.workflow_kind: obj})
        return Response(FollowUpSerializer(items, many=True).data)


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


# --------------------------------------------------------------------------- signals


FILTER_PARAMS = [
    OpenApiParameter("q", str, description="Words in title or description"),
    OpenApiParameter("level", str, enum=Level.values),
    OpenApiParameter("status", str, enum=Status.values),
    OpenApiParameter("theme", int),
    OpenApiParameter("phase", int),
    OpenApiParameter("region", int),
    OpenApiParameter("organisation", int),
    OpenApiParameter("dossier", int),
    OpenApiParameter("overdue", bool, description="Only signals past their deadline"),
    OpenApiParameter("sort", str, enum=["nieuw", "oud", "deadline", "herkend", "titel"]),
]


@extend_schema_view(
    list=extend_schema(
        summary="List signals visible to you",
        parameters=FILTER_PARAMS,
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

    def get_queryset(self):
        qs = Signal.objects.visible_to(self.request.user).for_lists().select_related("submitted_by")
        if self.action == "list":
            # NUL cannot be stored or compared in PostgreSQL text (DataError -> 500).
            params = {k: v.replace("\x00", "") for k, v in self.request.query_params.items()}
            if params.get("overdue") in ("0", "false", "False"):
                params.pop("overdue")
            for key in ("theme", "phase", "region", "organisation", "dossier"):
                if params.get(key) and not _is_id(params[key]):
                    params.pop(key)
            return filter_signals(qs, params)
        return qs

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
        data = _validated(SignalCreateSerializer, request)
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
        data = _validated(SignalUpdateSerializer, request)
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
        data = _validated(RatingSerializer, request)
        services.rate_outcome(signal, request.user, data["rating"], data.get("comment", ""))
        return Response(self.get_serializer(self.get_queryset().get(pk=signal.pk)).data)

    @extend_schema(
        summary="Signals similar to a text",
        parameters=[OpenApiParameter("q", str, required=True)],
        responses=SignalSerializer(many=True),
        tags=["signals"],
    )
    @action(detail=False, methods=["get"], pagination_class=None)  # a plain list, as documented
    def similar(self, request):
        results = similar_signals(request.query_params.get("q", "")[:1000], request.user)
        results = results.select_related("phase", "organisation", "region", "submitted_by")
        results = results.prefetch_related("themes")
        return Response(self.get_serializer(results, many=True).data)


# --------------------------------------------------------------------------- dossiers


@extend_schema_view(
    list=extend_schema(
        summary="List dossiers",
        parameters=[OpenApiParameter("level", str, enum=Level.values)],
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

    def get_queryset(self):
        qs = Dossier.objects.visible_to(self.request.user).prefetch_related("themes", "signals")
        level = self.request.query_params.get("level")
        if self.action == "list" and level in Level.values:
            qs = qs.filter(level=level)
        return qs

    @extend_schema(
        summary="Create a dossier, optionally bundling signals into it",
        request=DossierCreateSerializer,
        responses={201: DossierSerializer, **ERROR_RESPONSES},
        tags=["dossiers"],
    )
    @transaction.atomic  # refused bundling leaves no empty dossier behind
    def create(self, request):
        data = _validated(DossierCreateSerializer, request)
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
