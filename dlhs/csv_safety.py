"""Spreadsheet exports that cannot carry formulas (CSV injection).

A spreadsheet program opening a CSV file runs any cell that starts with ``=``, ``+``, ``-``
or ``@`` (and, in some, a tab or carriage return) as a formula, so a visitor's form entry
such as ``=HYPERLINK(...)`` would run on the computer of the staff member who opens the
export. Such cells get a leading apostrophe, which spreadsheets read as "this is text".
XLSX needs no change: Wagtail writes every cell there as a text cell, never a formula.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """``value`` with an apostrophe in front if it is text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class FormulaSafeExportMixin:
    """For any view with Wagtail's SpreadsheetExportMixin: CSV cells are neutralised."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == "csv":  # SpreadsheetExportMixin.FORMAT_CSV
            return neutralise_formula(value)
        return value
