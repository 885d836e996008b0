from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from producers.imports import service


class Command(BaseCommand):
    help = "Import an OTOP producer registry from a CSV (UTF-8 or TIS-620) or XLSX file."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--only-valid", action="store_true", help="Import the good rows even if others are bad."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report; write nothing."
        )
        parser.add_argument("--language", default="th", choices=["th", "en"])

    def handle(self, *args, file: Path, only_valid: bool, dry_run: bool, language: str, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        with translation.override(language), file.open("rb") as handle:
            analysis = service.analyse(handle, file.name)
            if analysis.file_error:
                raise CommandError(analysis.file_error)
            for error in analysis.errors:
                for message in error["messages"]:
                    self.stdout.write(
                        _("Line %(line)s: %(error)s")
                        % {"line": error["line"], "error": message[language]}
                    )
            counts = {
                action: analysis.count(action)
                for action in (service.NEW, service.UPDATE, service.UNCHANGED, service.ERROR)
            }
            summary = _(
                "%(rows)s rows: %(new)s new, %(update)s to update, %(unchanged)s unchanged, %(error)s with errors."
            ) % {"rows": analysis.total, **counts}
            self.stdout.write(summary)
            if dry_run:
                self.stdout.write(_("Dry run: nothing was written."))
                return
            refused = CommandError(
                _("The file has errors; nothing was imported. Fix them or use --only-valid.")
            )
            try:
                service.check_import_policy(analysis.has_errors, only_valid)
            except service.ImportHasErrors:
                raise refused from None
            _analysis, written = service.import_file(handle, file.name, only_valid=only_valid)
            if written.get("refused"):
                raise refused
            self.stdout.write(
                self.style.SUCCESS(_("Imported: %(new)s created, %(update)s updated.") % written)
            )
