"""The domain errors the signal services raise; views show the message, the API its status."""

from __future__ import annotations


class SignalError(Exception):
    """A domain error with a friendly Dutch message; ``status_code`` is what the API answers."""

    status_code = 400
    code = "invalid"

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = str(message)
        self.field = field

    def as_dict(self) -> dict:
        key = self.field or "detail"
        return {key: [self.message]} if self.field else {"detail": self.message, "code": self.code}


class UnknownAction(SignalError):
    code = "unknown_action"


class TransitionNotAllowed(SignalError):
    """The action is not possible from the current state (API: 409)."""

    status_code = 409
    code = "transition_not_allowed"


class ActionForbidden(SignalError):
    """The user may not take this action (API: 403)."""

    status_code = 403
    code = "forbidden"


class ReasonRequired(SignalError):
    """The action needs a reason text (API: 400)."""

    code = "reason_required"
