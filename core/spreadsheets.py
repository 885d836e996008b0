"""Safe cells for CSV and XLSX files that coordinators open in Excel."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Text someone typed (a trainee's name, a producer's name) never runs as a formula in a CSV."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def xlsx_row(sheet, values):
    """Write-only XLSX cells where text starting with "=" stays text (openpyxl would make a formula)."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        if cell.data_type == "f":
            cell.data_type = "s"
        cells.append(cell)
    return cells


class FormulaSafeExportMixin:
    """For Wagtail listings with `list_export`: the CSV never runs typed text as a formula.

    Wagtail's own XLSX export already writes such text as a string; its CSV writes it as typed.
    """

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: neutralise_formula(
                    self.preprocess_field_value(field, value, self.FORMAT_CSV)
                )
                for field, value in row_dict.items()
            }
        )
