"""`saferboard crime import|series|summary`: load police.uk files and read the figures.

    saferboard crime import PATH...        (files or folders) one JSON summary line
    saferboard crime series  --force NAME | --area SLUG  --type TYPE
                             --from YYYY-MM --to YYYY-MM --json
    saferboard crime summary --force NAME | --area SLUG  --month YYYY-MM --json

Output is one JSON document on stdout; progress goes to stderr; errors exit non-zero with
one line. Forces are named as police.uk's "Falls within" names them.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from saferboard.crime import analysis, selectors
from saferboard.crime.imports import (
    CrimeImportError,
    crime_import,
    files_from_paths,
    import_summary,
)


class Command(BaseCommand):
    help = "Import police.uk street files and print crime series and summaries."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="subcommand", required=True)
        importing = commands.add_parser("import", help="Import police.uk street CSV files.")
        importing.add_argument("paths", nargs="+", metavar="PATH", help="Files or folders.")
        importing.add_argument("--json", action="store_true", help="Accepted; always JSON.")
        series = commands.add_parser("series", help="Monthly counts for an area or force.")
        summary = commands.add_parser("summary", help="This month, FYTD and rolling 12 months.")
        for sub in (series, summary):
            where = sub.add_mutually_exclusive_group(required=True)
            where.add_argument("--force", help="As police.uk names it, e.g. City of London Police")
            where.add_argument("--area", help="An area's slug, or PARTNERSHIP/AREA")
            sub.add_argument("--json", action="store_true", help="Print one JSON document.")
        series.add_argument(
            "--type", required=True, help="A crime type, all, or all-crime (without ASB)"
        )
        series.add_argument("--from", dest="first", required=True, metavar="YYYY-MM")
        series.add_argument("--to", dest="last", required=True, metavar="YYYY-MM")
        summary.add_argument("--month", required=True, metavar="YYYY-MM")

    def handle(self, *args, subcommand: str, **options):
        try:
            if subcommand == "import":
                document = self._import(options)
            elif subcommand == "series":
                document = self._series(options)
            else:
                document = self._summary(options)
        except (CrimeImportError, ValueError) as error:
            raise CommandError(str(error)) from error
        if subcommand == "import" or options["json"]:
            self.stdout.write(json.dumps(document))
        else:
            self.stdout.write(self._text(subcommand, document))

    def _import(self, options) -> dict:
        stderr = self.stderr
        live = hasattr(sys.stderr, "isatty") and sys.stderr.isatty()

        def progress(done: int, total: int, name: str) -> None:
            if live:
                stderr.write(f"\rImporting… {done} of {total} files {name[:40]:40}", ending="")
                if done == total:
                    stderr.write("")

        batch = crime_import(files=files_from_paths(options["paths"]), progress=progress)
        return import_summary(batch)

    def _scope(self, options) -> analysis.Scope:
        if options["area"]:
            return analysis.scope_for_area(selectors.area_for_reference(options["area"]))
        force = options["force"]
        loaded = selectors.forces_loaded()
        if force not in loaded:
            known = ", ".join(loaded) or "none yet (run `saferboard crime import` first)"
            raise ValueError(f"No records fall within “{force}”. Forces loaded: {known}.")
        return analysis.scope_for_force(force)

    def _series(self, options) -> dict:
        scope = self._scope(options)
        crime_type = analysis.crime_type_for(options["type"])
        first = analysis.parse_month(options["first"])
        last = analysis.parse_month(options["last"])
        if last < first:
            raise ValueError(f"--to {options['last']} is before --from {options['first']}.")
        months = analysis.monthly_series(scope=scope, crime_type=crime_type, first=first, last=last)
        return {
            "area": scope.label,
            "type": crime_type,
            "months": [{"month": f"{month:%Y-%m}", "count": count} for month, count in months],
        }

    def _summary(self, options) -> dict:
        scope = self._scope(options)
        month = analysis.parse_month(options["month"])
        return analysis.summary(scope=scope, month=month).as_json()

    def _text(self, subcommand: str, document: dict) -> str:
        if subcommand == "series":
            lines = [f"{document['area']}: {document['type']}"]
            lines += [f"{row['month']}  {row['count']:>8}" for row in document["months"]]
            return "\n".join(lines)
        lines = [f"{document['area']}: month ending {document['month']}"]
        lines.append(
            f"{'type':40} {'month':>7} {'last yr':>7} {'FYTD':>7} {'prev':>7} "
            f"{'12m':>7} {'prev':>7}"
        )
        for row in document["crime_types"]:
            lines.append(
                f"{row['type']:40} {row['this_month']:>7} {row['same_month_last_year']:>7} "
                f"{row['fytd']:>7} {row['previous_fytd']:>7} {row['rolling_12']:>7} "
                f"{row['previous_rolling_12']:>7}"
            )
        return "\n".join(lines)
