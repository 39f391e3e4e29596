"""`saferboard pack build MEETING --out FILE.pdf [--restricted] [--supplement N]`.

Builds the meeting's agenda pack (stored like one built from the web page) and
writes a copy to FILE. Messages go to stderr; errors are one line and exit non-zero.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from saferboard.core.errors import BusinessRuleError
from saferboard.meetings.models import Meeting, PackKind
from saferboard.meetings.packs import pack_build


class Command(BaseCommand):
    help = "Build a meeting's agenda pack and write it to a PDF file."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="build")
        build = actions.add_parser(
            "build",
            help="Build (and store) the pack, and write it to --out.",
            description="Build (and store) a meeting's agenda pack, and write it to --out.",
        )
        build.add_argument(
            "meeting", type=int, help="The meeting's id (see `saferboard meetings`)."
        )
        build.add_argument("--out", required=True, help="Where to write the PDF, e.g. pack.pdf.")
        build.add_argument(
            "--restricted",
            action="store_true",
            help="The members' pack, with exempt and OFFICIAL-SENSITIVE papers.",
        )
        build.add_argument(
            "--supplement",
            type=int,
            default=0,
            help="Build supplementary pack N (late papers) instead of the main pack.",
        )

    def handle(self, *args, meeting: int, out: str, restricted: bool, supplement: int, **options):
        found = Meeting.objects.filter(pk=meeting).select_related("partnership").first()
        if found is None:
            raise CommandError(
                f"There is no meeting with id {meeting}. "
                "List them with `saferboard meetings --partnership SLUG`."
            )
        if supplement < 0:
            raise CommandError("--supplement must be 0 (the main pack) or more.")
        target = Path(out)
        if not target.parent.is_dir():
            raise CommandError(f"Cannot write {out}: the folder {target.parent} does not exist.")
        kind = PackKind.RESTRICTED if restricted else PackKind.PUBLIC
        self.stderr.write(
            f"Building {'the members' if restricted else 'the public'} pack for {found}…"
        )
        try:
            pack = pack_build(meeting=found, kind=kind, supplement=supplement, by=None)
        except BusinessRuleError as error:
            raise CommandError(str(error)) from error
        try:
            with pack.file.open("rb") as source:
                target.write_bytes(source.read())
        except OSError as error:
            raise CommandError(f"Cannot write {out}: {error.strerror or error}.") from error
        self.stderr.write(f"Wrote {out}: {pack.page_count} pages, {pack.size} bytes.")
