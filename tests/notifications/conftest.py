import pytest

from notifications import outbox


@pytest.fixture(autouse=True)
def _fresh_broker_state():
    """Each test starts with the broker 'up' (no pause left over from a broker-down test)."""
    outbox.resume_broker()
    yield
    outbox.resume_broker()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed(): ...`` runs the block and then its on-commit callbacks (dispatch)."""

    def _run():
        return django_capture_on_commit_callbacks(execute=True)

    return _run


@pytest.fixture
def test_handler():
    """Register temporary outbox handlers; they are removed after the test."""
    added = []

    def _register(name, fn):
        outbox.handler(name)(fn)
        added.append(name)
        return fn

    yield _register
    for name in added:
        outbox._handlers.pop(name, None)
