"""Teams, their service levels and the routing rules that pick a team for a signal.

Imported by ``signals.models`` so the app registry knows them. The rules are data: the
conditions live in ``RoutingRule.conditions`` and are checked by ``signals.routing``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .workflow import Level


class TeamQuerySet(models.QuerySet):
    def at_level(self, level):
        return self.filter(level=level, is_active=True)

    def of_member(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(members=user, is_active=True)


class Team(models.Model):
    """A group of coordinators at one level that handles the signals within its scope.

    An empty scope field means "any". Exactly one active default team per level catches
    whatever no rule routes elsewhere.
    """

    name = models.CharField(_("naam"), max_length=120, unique=True)
    level = models.CharField(_("niveau"), max_length=16, choices=Level.choices)
    description = models.TextField(_("omschrijving"), blank=True)
    regions = models.ManyToManyField(
        "taxonomy.Region", verbose_name=_("regio's"), blank=True, related_name="+"
    )
    organisations = models.ManyToManyField(
        "taxonomy.Organisation", verbose_name=_("organisaties"), blank=True, related_name="+"
    )
    themes = models.ManyToManyField(
        "taxonomy.Theme", verbose_name=_("thema's"), blank=True, related_name="+"
    )
    phases = models.ManyToManyField(
        "taxonomy.Phase", verbose_name=_("fasen"), blank=True, related_name="+"
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("leden"), blank=True, related_name="teams"
    )
    is_default = models.BooleanField(
        _("standaardteam van het niveau"),
        default=False,
        help_text=_("Krijgt alles wat geen regel naar een ander team stuurt."),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    response_days = models.PositiveSmallIntegerField(
        _("reactietermijn (werkdagen)"), null=True, blank=True
    )
    resolution_days = models.PositiveSmallIntegerField(
        _("afhandeltermijn (werkdagen)"),
        null=True,
        blank=True,
        help_text=_("Leeg: de termijn van het niveau."),
    )

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["level", "name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(
                fields=["level"],
                condition=Q(is_default=True),
                name="team_one_default_per_level",
            )
        ]

    def __str__(self):
        return f"{self.name} ({Level(self.level).label})"

    def clean(self):
        if self.is_default and not self.is_active:
            raise ValidationError(
                {"is_active": _("Het standaardteam van een niveau blijft actief.")}
            )


class ServiceLevel(models.Model):
    """Deadlines of a team for one urgency (or for every urgency when left empty)."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="service_levels")
    urgency = models.CharField(_("urgentie"), max_length=16, blank=True)
    response_days = models.PositiveSmallIntegerField(_("reactietermijn (werkdagen)"))
    resolution_days = models.PositiveSmallIntegerField(_("afhandeltermijn (werkdagen)"))

    class Meta:
        verbose_name = _("servicenorm")
        verbose_name_plural = _("servicenormen")
        constraints = [
            models.UniqueConstraint(fields=["team", "urgency"], name="servicelevel_unique")
        ]

    def __str__(self):
        return f"{self.team.name}: {self.urgency or '*'}"

    def clean(self):
        from .models import Urgency

        if self.urgency and self.urgency not in Urgency.values:
            raise ValidationError({"urgency": _("Onbekende urgentie.")})
        if self.response_days is not None and self.resolution_days is not None:
            if self.response_days > self.resolution_days:
                raise ValidationError(
                    _("De reactietermijn kan niet langer zijn dan de afhandeltermijn.")
                )


class RoutingRule(models.Model):
    """One ordered rule of a level: when every condition holds, the signal goes to ``team``.

    ``conditions`` maps a condition to the allowed values, e.g.
    ``{"region": [3, 4], "theme": [7], "urgency": ["hoog"]}``; a missing key means "any".
    """

    name = models.CharField(_("naam"), max_length=120)
    level = models.CharField(_("niveau"), max_length=16, choices=Level.choices)
    position = models.PositiveIntegerField(_("volgorde"), default=100)
    conditions = models.JSONField(_("voorwaarden"), default=dict, blank=True)
    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="rules"
    )
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["level", "position", "pk"]
        verbose_name = _("routeringsregel")
        verbose_name_plural = _("routeringsregels")
        indexes = [models.Index(fields=["level", "is_active", "position"], name="rule_order_idx")]

    def __str__(self):
        return f"{self.position}. {self.name}"

    def clean(self):
        from .routing import validate_rule

        try:
            validate_rule(self.level, self.conditions, self.team if self.team_id else None)
        except ValidationError as error:
            raise ValidationError(error.messages) from None  # shown above the form
