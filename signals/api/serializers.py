"""Serializers of the signals API (input validation and output shapes)."""

from __future__ import annotations

from rest_framework import serializers

from core.input_bounds import BoundedIntegerField, BoundedPrimaryKeyRelatedField
from taxonomy.models import Organisation, Phase, Region, Theme

from .. import services, workflow
from ..models import (
    Dossier,
    FollowUp,
    Frequency,
    Note,
    OutcomeRating,
    Signal,
    SignalEvent,
    Urgency,
    can_see_submitter,
)
from ..workflow import Level


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
        source="assignee",
        required=False,
        allow_null=True,
        help_text="For assign: a coordinator of the level.",
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
