"""Spreadsheet exports that cannot run formulas: a cell typed by a visitor that starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (also their fullwidth forms)
is written with a leading apostrophe, so Excel and LibreOffice show it as text."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def neutralise_formula(value):
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + value
    return value


class FormulaSafeExportMixin:
    """For Wagtail report/index views with ``list_export`` (CSV and XLSX)."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise_formula(value)
