import pytest

from accounts import roles
from signals import services
from signals.workflow import Level


@pytest.fixture
def coordinators(make_user):
    """One coordinator per level: {Level.UITVOERING: user, ...}."""
    return {
        Level.UITVOERING: make_user(role=roles.COORDINATOR_UITVOERING),
        Level.SCHAKEL: make_user(role=roles.COORDINATOR_SCHAKEL),
        Level.STELSEL: make_user(role=roles.COORDINATOR_STELSEL),
    }


@pytest.fixture
def submit(professional):
    """submit(**overrides) -> a signal created through the one write path."""

    def _submit(user=None, **fields):
        data = {
            "title": "Driegesprek bij overdracht vaak niet mogelijk",
            "description": "De overdracht van COA naar gemeente gebeurt dan alleen per e-mail.",
        }
        data.update(fields)
        return services.create_signal(submitted_by=user or professional, **data)

    return _submit
