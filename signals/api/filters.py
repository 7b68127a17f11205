"""List filters of the signals API as django-filter FilterSets.

Ids and enums are validated here and the OpenAPI parameters are generated from these
classes. A value that does not validate (an unknown status, an id the database cannot hold,
a non-ASCII digit) is left out of the filter, as the API has always done, instead of
causing an error deep in the database.
"""

from __future__ import annotations

import django_filters
from django import forms
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from ..queries import SORTS, filter_signals
from ..workflow import Level, Status

MAX_ID = 2**63 - 1  # the largest primary key a database column holds (bigint)


class IdField(forms.CharField):
    """A primary key as the database can compare it: ASCII digits within bigint."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if not (value.isascii() and value.isdigit() and int(value) <= MAX_ID):
            raise forms.ValidationError("Geen geldig id.", code="invalid")
        return int(value)


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.Filter):
    field_class = IdField


class LenientFilterSet(django_filters.FilterSet):
    """Drops NUL characters (PostgreSQL text cannot hold them) and ignores invalid values."""

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = {k: v.replace("\x00", "") for k, v in data.items()}
        super().__init__(data, *args, **kwargs)

    def cleaned(self) -> dict:
        self.form.is_valid()
        return {k: v for k, v in self.form.cleaned_data.items() if v not in (None, "")}


class SignalFilterSet(LenientFilterSet):
    q = django_filters.CharFilter(label="Words in title or description")
    level = django_filters.ChoiceFilter(choices=Level.choices)
    status = django_filters.ChoiceFilter(choices=Status.choices)
    theme = IdFilter()
    phase = IdFilter()
    region = IdFilter()
    organisation = IdFilter()
    dossier = IdFilter()
    overdue = django_filters.BooleanFilter(label="Only signals past their deadline")
    sort = django_filters.ChoiceFilter(choices=[(key, key) for key in SORTS])

    def filter_queryset(self, queryset):
        return filter_signals(queryset, self.cleaned())


class DossierFilterSet(LenientFilterSet):
    level = django_filters.ChoiceFilter(choices=Level.choices)

    def filter_queryset(self, queryset):
        level = self.cleaned().get("level")
        return queryset.filter(level=level) if level else queryset


class LenientFilterBackend(DjangoFilterBackend):
    """Applies the view's FilterSet to list requests without refusing invalid values."""

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "action", None) != "list":
            return queryset
        filterset = self.get_filterset(request, queryset, view)
        return queryset if filterset is None else filterset.filter_queryset(queryset)
