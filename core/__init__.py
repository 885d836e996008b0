"""The shared kernel below every app: Thai dates, safe spreadsheet cells, bilingual pages, input text.

Nothing here imports a project app; every app may import from here.
"""
