"""What signals and dossiers contribute to the site search (read by the ``search`` app).

Each item has up to two variants with their own audience, mirroring ``visible_to``:
the full text for chain professionals (and a signal's own submitter), and, once published,
the public summary for everyone else (anonymous visitors, inburgeraars).
"""

from __future__ import annotations

from django.urls import reverse

from core import access

from .models import Dossier, Signal


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
]
