"""OpenAPI schema and human-readable documentation of the public JSON API (/api/v1/)."""

from django.shortcuts import render
from django.views.decorators.cache import cache_page
from drf_spectacular.generators import SchemaGenerator

API_PREFIX = "/api/v1/"


def only_public_api(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: document /api/v1/ only (not Wagtail's admin API)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(API_PREFIX)]


def _resolve(schema: dict, ref_or_obj: dict) -> dict:
    ref = ref_or_obj.get("$ref") if isinstance(ref_or_obj, dict) else None
    if not ref:
        return ref_or_obj or {}
    node = schema
    for part in ref.lstrip("#/").split("/"):
        node = node.get(part, {})
    return node


def _fields(schema: dict, body: dict) -> list[dict]:
    resolved = _resolve(schema, body)
    required = set(resolved.get("required", []))
    rows = []
    for name, prop in resolved.get("properties", {}).items():
        prop = _resolve(schema, prop)
        if prop.get("readOnly"):
            continue
        rows.append(
            {
                "name": name,
                "type": prop.get("type") or ("enum" if "enum" in prop else "object"),
                "required": name in required,
                "description": prop.get("description", ""),
                "enum": prop.get("enum", []),
                "max_length": prop.get("maxLength"),
            }
        )
    return rows


@cache_page(60 * 5)
def api_docs(request):
    """Server-rendered reference built from the same OpenAPI schema (no external JS, CSP-safe)."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    groups: dict[str, list] = {}
    for path, methods in sorted(schema.get("paths", {}).items()):
        for method, operation in methods.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            tag = (operation.get("tags") or ["api"])[0]
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
            groups.setdefault(tag, []).append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [_resolve(schema, p) for p in operation.get("parameters", [])],
                    "body_fields": _fields(schema, body.get("schema", {})) if body else [],
                    "responses": sorted(operation.get("responses", {}).keys()),
                    "auth": bool(operation.get("security")),
                }
            )
    return render(
        request,
        "website/api_docs.html",
        {
            "info": schema.get("info", {}),
            "groups": sorted(groups.items()),
            "schema_url": API_PREFIX + "schema/",
        },
    )
