"""Fill the sub-word search text, and let SQLite's full-text index keep Thai words whole.

SQLite FTS5's default tokenizer ends a token at every Thai vowel or tone mark (a "mark" to Unicode):
กระทรวงอุตสาหกรรม becomes กระทรวงอ + ตสาหกรรม, so SQLite and PostgreSQL found different pages. The
index table is recreated with letters, numbers and marks as token characters; Wagtail's triggers
write into it by name and keep working. Run `manage.py update_index` after migrating.
"""

from django.db import migrations

FTS_TABLE = "wagtailsearch_indexentry_fts"
THAI_TOKENIZER = "unicode61 categories 'L* N* Co M*'"


def fill_subwords(apps, schema_editor):
    from courses.search import subwords

    for model_name in ("CoursePage", "LessonPage"):
        model = apps.get_model("courses", model_name)
        for page in model.objects.only("pk", "search_text"):
            # The segmented text, re-joined: sub-words come from whole runs of Thai letters.
            page.search_subwords = subwords(page.search_text.replace(" ", ""))
            page.save(update_fields=["search_subwords"])


def use_thai_tokenizer(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [FTS_TABLE])
        if cursor.fetchone() is None:
            return  # SQLite built without FTS5: Wagtail searches without this table
        cursor.execute(f"DROP TABLE {FTS_TABLE}")
        cursor.execute(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
            f'autocomplete, body, title, tokenize="{THAI_TOKENIZER}")'
        )
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, title, body, autocomplete) "
            "SELECT id, title, body, autocomplete FROM wagtailsearch_indexentry"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0005_search_subwords"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunPython(fill_subwords, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(use_thai_tokenizer, migrations.RunPython.noop),
    ]
