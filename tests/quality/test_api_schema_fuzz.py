"""schemathesis against the OpenAPI schema at /api/v1/schema/, in-process (WSGI).

Every documented operation gets a few generated requests from an authenticated
professional (token auth, as partner systems use it). Responses must never be a server
error and must match the schema: status code, content type and body.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts import roles

# drf-spectacular documents the success responses; the generic DRF error statuses are not
# listed per operation. They are accepted here (with a JSON body, checked below), every
# other undocumented status fails through ``status_code_conformance``.
GENERIC_ERRORS = {400, 401, 403, 404, 405, 409, 415, 429}


def status_documented_or_generic_error(ctx, response, case):
    if response.status_code in GENERIC_ERRORS:
        ctype = next((v for k, v in response.headers.items() if k.lower() == "content-type"), "")
        ctype = ctype[0] if isinstance(ctype, list) else ctype
        assert ctype.startswith("application/json"), (response.status_code, ctype)
        return None
    return status_code_conformance(ctx, response, case)


CHECKS = [
    not_a_server_error,
    status_documented_or_generic_error,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def api_token(db, make_user):
    from rest_framework.authtoken.models import Token

    from signals import services
    from taxonomy.demo import seed

    seed()
    user = make_user(role=roles.PROFESSIONAL)
    services.create_signal(
        submitted_by=user,
        title="Overdracht zonder driegesprek",
        description="Het gesprek tussen azc en gemeente vindt niet plaats.",
    )
    return Token.objects.create(user=user).key


@pytest.fixture
def keep_test_connection():
    """The raw WSGI handler closes "old" connections after each request; inside the test's
    transaction that would close the test database connection (the test client avoids it
    the same way)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.slow
def test_api_conforms_to_its_schema(api_token, keep_test_connection):
    from django.core.wsgi import get_wsgi_application

    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
    headers = {"Authorization": f"Token {api_token}"}
    tested = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(
            max_examples=4,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        @given(case=operation.as_strategy())
        def check(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        check()
        tested.append(operation.label)
    assert any("POST /api/v1/signals/" in label for label in tested), tested
    assert len(tested) >= 10
