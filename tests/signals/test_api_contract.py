"""The OpenAPI contract integrators build on: every path, operation, parameter, request
body and response shape stays as recorded, whatever the code behind it looks like.

Only descriptive text (descriptions, summaries, titles, examples) may change. The recorded
shape is ``api_contract.<database>.json`` next to this file, one per database backend (the
integer bounds of model fields come from the backend: PostgreSQL integer vs SQLite 64-bit).
After an intended API change, record both again with
``API_CONTRACT_RECORD=1 .venv/bin/python -m pytest tests/signals/test_api_contract.py``
(once without and once with ``DATABASE_URL`` set to PostgreSQL) and review the diff like any
other change to the public API.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

HERE = Path(__file__).parent
DESCRIPTIVE = {"description", "summary", "title", "example", "examples", "externalDocs", "info"}


def _shape(node):
    """The schema without its descriptive text, keys sorted (a stable, comparable form)."""
    if isinstance(node, dict):
        return {k: _shape(v) for k, v in sorted(node.items()) if k not in DESCRIPTIVE}
    if isinstance(node, list):
        return [_shape(v) for v in node]
    return node


def _contract() -> Path:
    from django.db import connection

    return HERE / f"api_contract.{connection.vendor}.json"


def _current():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(json.dumps(_shape(schema), default=str))


def _operations(shape) -> dict[str, list]:
    return {
        f"{method.upper()} {path}": sorted(
            (p.get("in"), p.get("name"), p.get("required", False))
            for p in operation.get("parameters", [])
        )
        for path, item in shape["paths"].items()
        for method, operation in item.items()
    }


@pytest.fixture(scope="module")
def current():
    shape = _current()
    if os.environ.get("API_CONTRACT_RECORD") == "1":
        _contract().write_text(json.dumps(shape, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return shape


@pytest.fixture(scope="module")
def recorded():
    return json.loads(_contract().read_text(encoding="utf-8"))


def test_every_operation_and_its_parameters_stay(current, recorded):
    assert _operations(current) == _operations(recorded)


def test_request_and_response_shapes_stay(current, recorded):
    assert current["paths"] == recorded["paths"]
    assert current["components"] == recorded["components"]


def test_descriptions_may_change_but_shapes_may_not():
    before = {"paths": {"/x/": {"get": {"description": "old", "parameters": [{"name": "a"}]}}}}
    reworded = {"paths": {"/x/": {"get": {"description": "new", "parameters": [{"name": "a"}]}}}}
    renamed = {"paths": {"/x/": {"get": {"description": "old", "parameters": [{"name": "b"}]}}}}
    assert _shape(before) == _shape(reworded)
    assert _operations(_shape(before)) != _operations(_shape(renamed))
