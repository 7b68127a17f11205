from django.utils.functional import SimpleLazyObject

from .services import unread_count


def notifications(request):
    """``unread_notifications``: the bell's count. Lazy: at most one query, and only when a
    template shows it; none for anonymous visitors."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
