"""Signed unsubscribe tokens: they work without logging in and cannot be forged."""

from __future__ import annotations

from django.core import signing

SALT = "notifications.unsubscribe"
ALL = "all"


def make_token(user, kind: str = ALL) -> str:
    """A token that unsubscribes ``user`` from one category (``kind``) or from all e-mail."""
    return signing.dumps({"u": user.pk, "k": kind}, salt=SALT, compress=True)


def read_token(token: str) -> tuple[int, str]:
    """Return ``(user_id, kind)``; raises ``signing.BadSignature`` for tampered tokens."""
    data = signing.loads(token, salt=SALT)
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise signing.BadSignature("Malformed unsubscribe token")
    return data["u"], str(data.get("k") or ALL)
