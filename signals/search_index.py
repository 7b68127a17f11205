"""What signals and dossiers contribute to the site search (read by the ``search`` app).

Each item has up to two variants with their own audience, mirroring ``visible_to``:
the full text for chain professionals (and a signal's own submitter), and, once published,
the public summary for everyone else (anonymous visitors, inburgeraars).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import roles
from core import access

from .models import Consultation, Dossier, Signal


def _labels(item) -> dict:
    return {
        "level": item.get_level_display(),
        "status": item.get_status_display(),
        "themes": [t.name for t in item.themes.all()],
    }


def signal_documents(signal: Signal) -> list[dict]:
    common = {
        "kind": "signal",
        "title": signal.title,
        **_labels(signal),
        "phases": [signal.phase.name] if signal.phase_id else [],
        "organisations": (
            [signal.organisation.abbreviation or signal.organisation.name]
            if signal.organisation_id
            else []
        ),
    }
    readers = [access.CHAIN]
    if signal.submitted_by_id:
        readers.append(access.user_token(signal.submitted_by_id))
    documents = [
        {
            **common,
            "variant": "",
            "summary": signal.public_summary or signal.outcome,
            "body": " ".join(filter(None, [signal.description, signal.suggestion, signal.outcome])),
            "url": reverse("signals:detail", args=[signal.pk]),
            "date": signal.created_at,
            "access": readers,
        }
    ]
    if signal.is_published:
        documents.append(
            {
                **common,
                "variant": "public",
                "summary": signal.public_summary,
                "body": signal.outcome,
                "url": reverse("signals:public_detail", args=["signaal", signal.pk]),
                "date": signal.published_at or signal.created_at,
                "access": [access.OUTSIDE_CHAIN],
            }
        )
    return documents


def dossier_documents(dossier: Dossier) -> list[dict]:
    common = {"kind": "dossier", "title": dossier.title, **_labels(dossier)}
    documents = [
        {
            **common,
            "variant": "",
            "summary": dossier.public_summary,
            "body": " ".join(filter(None, [dossier.analysis, dossier.outcome])),
            "url": reverse("signals:dossier_detail", args=[dossier.pk]),
            "date": dossier.created_at,
            "access": [access.CHAIN],
        }
    ]
    if dossier.is_published:
        documents.append(
            {
                **common,
                "variant": "public",
                "summary": dossier.public_summary,
                "body": dossier.outcome,
                "url": reverse("signals:public_detail", args=["dossier", dossier.pk]),
                "date": dossier.published_at or dossier.created_at,
                "access": [access.OUTSIDE_CHAIN],
            }
        )
    return documents


def user_tokens(user):
    if user.has_role(roles.KETENPARTNER) and getattr(user, "organisation_id", None):
        yield access.partner_token(user.organisation_id)


def consultation_documents(consultation: Consultation) -> list[dict]:
    """A ketenpartner's answer, for the readers of the consultation (the coordinators and the
    partner's staff), or for everyone once the coordinator shows it in the public follow-up."""
    if not consultation.answer:
        return []
    subject = consultation.subject
    organisation = consultation.organisation
    common = {
        "kind": "partner_answer",
        "title": _("Inbreng van %(org)s: %(title)s")
        % {"org": organisation.name, "title": subject.title},
        "themes": [t.name for t in subject.themes.all()],
        "organisations": [organisation.abbreviation or organisation.name],
        "date": consultation.answered_at or consultation.created_at,
        "body": consultation.answer,
    }
    if consultation.answer_is_public and subject.is_published:
        kind = "signaal" if consultation.signal_id else "dossier"
        return [
            {
                **common,
                "variant": "",
                "summary": subject.public_summary,
                "url": reverse("signals:public_detail", args=[kind, subject.pk]),
                "access": [access.PUBLIC],
            }
        ]
    return [
        {
            **common,
            "variant": "",
            "summary": consultation.question,
            "url": consultation.get_absolute_url(),
            "access": [
                *(access.role_token(role) for role in roles.COORDINATOR_ROLES),
                access.partner_token(consultation.organisation_id),
            ],
        }
    ]


def _consultations_of(field):
    def resolve(item):
        return list(Consultation.objects.filter(**{field: item}).values_list("pk", flat=True))

    return resolve


SOURCES = [
    {
        "name": "signals.signal",
        "model": "signals.Signal",
        "queryset": lambda: Signal.objects.select_related("phase", "organisation").prefetch_related(
            "themes"
        ),
        "to_document": signal_documents,
    },
    {
        "name": "signals.dossier",
        "model": "signals.Dossier",
        "queryset": lambda: Dossier.objects.prefetch_related("themes"),
        "to_document": dossier_documents,
    },
    {
        "name": "signals.consultation",
        "model": "signals.Consultation",
        "queryset": lambda: Consultation.objects.exclude(answer="").select_related(
            "organisation", "signal", "dossier"
        ),
        "to_document": consultation_documents,
        # Publishing the signal or dossier changes who may read a public answer.
        "depends_on": {
            "signals.Signal": _consultations_of("signal"),
            "signals.Dossier": _consultations_of("dossier"),
        },
    },
]
