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


# Excel's own number format for the Thai Buddhist calendar (calendar type 07): the cell keeps a real
# date (sortable, filterable) and Excel and LibreOffice show it as 29/11/2569.
BUDDHIST_ERA_DATE = "[$-1070000]d/mm/yyyy;@"
COMMON_ERA_DATE = "d mmm yyyy"


def date_format(thai: bool) -> str:
    return BUDDHIST_ERA_DATE if thai else COMMON_ERA_DATE


def prepare_table_sheet(sheet, header_row: int = 1) -> None:
    """Before the first row of a write-only sheet: the header row stays in view when scrolling."""
    sheet.freeze_panes = f"A{header_row + 1}"


def finish_table_sheet(sheet, columns: int, rows: int, header_row: int = 1) -> None:
    """After the last row: filters on the header row, as a coordinator would set them by hand."""
    from openpyxl.utils import get_column_letter

    if columns:
        sheet.auto_filter.ref = (
            f"A{header_row}:{get_column_letter(columns)}{header_row + max(rows, 1)}"
        )
