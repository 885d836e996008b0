"""Importing coordinators' producer registries (CSV in UTF-8, TIS-620/cp874 or UTF-16, and XLSX).

reader.py turns any file into numbered rows (or a clear refusal), columns.py says which column holds
which field, vocabulary.py is the one table of type/category/status words, rows.py checks one row,
service.py previews and applies.
"""
