import pytest
from django.core.cache import cache

from accounts import roles


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The rate limit lives in the cache: every test starts with a clean one."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def coordinator(make_user):
    return make_user(role=roles.COORDINATOR_UITVOERING, first_name="Sanne", last_name="Visser")


@pytest.fixture
def submit(client):
    """submit(language="nl", **fields) -> response of posting the public form."""

    def _submit(language="nl", client=client, **fields):
        data = {"kind": "moeilijk", "topic": "taalcursus", "text": "De cursus begon te laat."}
        data.update(fields)
        return client.post(f"/feedback/{language}/", data, REMOTE_ADDR="203.0.113.77")

    return _submit


@pytest.fixture
def new_feedback(db):
    from feedback import services

    def _make(text="De brieven zijn moeilijk te lezen.", **fields):
        values = {"language": "nl", "kind": "moeilijk", "topic": "gemeente", "text": text}
        values.update(fields)
        return services.submit_feedback(**values)

    return _make
