"""Input that must never become a server error: ids beyond the database's integer range,
non-ASCII digits ("²", "٣"), JSON numbers like ``1e400`` and deeply nested JSON.

* ``parse_id`` / ``parse_ids``: a primary key as the database can compare it, or nothing;
* ``BoundedIntegerField`` / ``BoundedPrimaryKeyRelatedField``: DRF fields that answer a
  400 with a field message for such values;
* ``BoundedJSONParser``: DRF's JSON parser with a nesting limit and no infinities.
"""

from __future__ import annotations

import json
import math

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_ID = 2**63 - 1  # the largest value of a bigint primary key
MAX_JSON_DEPTH = 32


def parse_id(value) -> int | None:
    """``value`` as a positive primary key within bigint range, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 1 <= value <= MAX_ID else None
    if isinstance(value, str):
        text = value.strip()
        if text.isascii() and text.isdigit() and len(text) <= 19:
            number = int(text)
            return number if 1 <= number <= MAX_ID else None
    return None


def parse_ids(values, limit: int = 200) -> list[int]:
    """The valid ids among ``values`` (at most ``limit``), in order, without duplicates."""
    ids: list[int] = []
    for value in values:
        pk = parse_id(value)
        if pk is not None and pk not in ids:
            ids.append(pk)
        if len(ids) >= limit:
            break
    return ids


class BoundedIntegerField(serializers.IntegerField):
    """An id in a JSON body: a whole number from 1 to the bigint maximum."""

    default_error_messages = {"invalid": _("Geef een geldig nummer (een geheel getal).")}

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, float) and not math.isfinite(data):
            self.fail("invalid")
        if isinstance(data, str) and not data.strip().isascii():
            self.fail("invalid")
        return super().to_internal_value(data)


class BoundedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A related object by id; out-of-range or odd ids are 'does not exist', not a 500."""

    def to_internal_value(self, data):
        if parse_id(data) is None:
            self.fail("does_not_exist", pk_value=str(data)[:40])
        return super().to_internal_value(parse_id(data))


def json_depth_exceeds(text: str, limit: int) -> bool:
    """True when arrays/objects nest deeper than ``limit`` (strings are skipped)."""
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return True
        elif ch in "]}":
            depth -= 1
    return False


def _finite_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError("number out of range")
    return number


def _no_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")


class BoundedJSONParser(JSONParser):
    """JSON with at most ``MAX_JSON_DEPTH`` levels and finite numbers; else a 400."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = stream.read().decode(encoding) if stream is not None else ""
        except (UnicodeDecodeError, LookupError) as exc:
            raise ParseError(_("De JSON is niet goed gecodeerd (gebruik UTF-8).")) from exc
        limit = getattr(settings, "API_MAX_JSON_DEPTH", MAX_JSON_DEPTH)
        if json_depth_exceeds(text, limit):
            raise ParseError(
                _("De JSON is te diep genest (maximaal %(n)s niveaus).") % {"n": limit}
            )
        try:
            return json.loads(text, parse_float=_finite_float, parse_constant=_no_constant)
        except (ValueError, RecursionError) as exc:
            raise ParseError(_("De JSON is ongeldig: %(e)s") % {"e": str(exc)[:120]}) from exc
