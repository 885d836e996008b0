"""Importing coordinators' producer registries (CSV in UTF-8 or TIS-620/cp874, and XLSX).

reader.py turns a file into numbered rows, rows.py checks one row, service.py previews and applies.
"""
