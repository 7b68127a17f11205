"""Demo notifications so the bell and /meldingen/ show something. Idempotent (event keys)."""

from django.contrib.auth import get_user_model

from .models import NotificationPreference
from .services import notify

DEMO = [
    (
        "professional@example.org",
        "signal-status",
        "Uw signaal over de overdracht is opgepakt op schakelniveau",
        "De regionale coördinator bundelt het met twee vergelijkbare signalen.",
        "demo:signal:overdracht:opgepakt",
        False,
    ),
    (
        "professional@example.org",
        "community-post",
        "Nieuwe bijdrage in de community Brede intake",
        "Een collega deelt hoe haar gemeente de intake bij het azc voorbereidt.",
        "demo:community:brede-intake:1",
        False,
    ),
    (
        "schakel@example.org",
        "signal-deadline",
        "Termijn voor een signaal verloopt over twee dagen",
        "Het signaal over de leerbaarheidstoets wacht nog op een reactie.",
        "demo:signal:termijn:1",
        True,
    ),
    (
        "redacteur@example.org",
        "review-reminder",
        "Handreiking over het PIP is toe aan een controle",
        "De laatste inhoudelijke controle is meer dan een jaar geleden.",
        "demo:knowledge:review:pip",
        False,
    ),
]


def seed(stdout=None):
    User = get_user_model()
    created = 0
    for email, verb, title, body, event_key, urgent in DEMO:
        user = User.objects.filter(email=email).first()
        if user is None:
            continue
        created += notify(
            [user],
            verb=verb,
            title=title,
            body=body,
            url="/meldingen/",
            event_key=event_key,
            email=False,
            urgent=urgent,
        )
    ketenpartner = User.objects.filter(email="ketenpartner@example.org").first()
    if ketenpartner is not None:
        NotificationPreference.objects.get_or_create(
            user=ketenpartner, defaults={"digest": NotificationPreference.Digest.WEEKLY}
        )
    if stdout is not None:
        stdout.write(f"  notifications: {created} new")
