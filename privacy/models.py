from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.appendonly import AppendOnlyModel


class GuardConfirmation(AppendOnlyModel):
    """A submission whose possible birth date the writer confirmed is not about a person.

    Recorded with the submission (same request, only when it succeeded): who, where,
    what was confirmed (masked), and where the result lives. Append-only.
    """

    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    method = models.CharField(max_length=8)
    path = models.CharField(_("formulier of endpoint"), max_length=300)
    result_url = models.CharField(_("resultaat"), max_length=300, blank=True)
    status_code = models.PositiveSmallIntegerField()
    findings = models.JSONField(_("bevestigde fragmenten (gemaskeerd)"), default=list)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bevestiging 'gaat niet over een persoon'")
        verbose_name_plural = _("bevestigingen 'gaat niet over een persoon'")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.path}"
