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
