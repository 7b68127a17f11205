"""Read the guard's confirmation for the whole request and record accepted warnings."""

from __future__ import annotations

import logging
import re

from . import confirmation

logger = logging.getLogger(__name__)

# The JSON body is not parsed here (the API's parser does that, with its limits): a
# literal ``"not_about_person": true`` is what counts.
_JSON_FLAG = re.compile(rb'"' + confirmation.FIELD.encode() + rb'"\s*:\s*true\b')
_MAX_SCAN = 1024 * 1024


class GuardConfirmationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("POST", "PUT", "PATCH"):
            return self.get_response(request)
        with confirmation.collecting() as accepted:
            with confirmation.confirmed(self._flag(request)):
                response = self.get_response(request)
            if accepted and response.status_code < 400:
                self._record(request, response, accepted)
        return response

    @staticmethod
    def _flag(request) -> bool:
        content_type = request.content_type or ""
        try:
            if content_type.startswith("application/json"):
                body = request.body
                return len(body) <= _MAX_SCAN and bool(_JSON_FLAG.search(body))
            if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
                return confirmation.truthy(request.POST.get(confirmation.FIELD, ""))
        except Exception:  # an unreadable body: the view answers with its own error
            return False
        return False

    @staticmethod
    def _record(request, response, accepted) -> None:
        from .models import GuardConfirmation

        user = getattr(request, "user", None)
        GuardConfirmation.objects.create(
            user=user if getattr(user, "is_authenticated", False) else None,
            method=request.method,
            path=request.path[:300],
            result_url=(response.get("Location") or "")[:300],
            status_code=response.status_code,
            findings=accepted,
        )
