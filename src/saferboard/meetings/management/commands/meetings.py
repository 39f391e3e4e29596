"""`saferboard meetings --partnership SLUG [--json]`: the partnership's meetings, so scripts
can find one (for example to build its pack with `saferboard pack build MEETING`)."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from saferboard.core.models import Partnership
from saferboard.meetings.selectors import meeting_list


class Command(BaseCommand):
    help = "List a partnership's meetings: id, title, bodies, date, status and number of papers."

    def add_arguments(self, parser):
        parser.add_argument("--partnership", required=True, metavar="SLUG")
        parser.add_argument("--json", action="store_true", help="One JSON list on stdout.")

    def handle(self, *args, partnership: str, json: bool, **options):
        found = Partnership.objects.filter(slug=partnership).first()
        if found is None:
            known = ", ".join(Partnership.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(
                f"There is no partnership “{partnership}”. Known: {known or 'none yet'}."
            )
        meetings = (
            meeting_list(partnership=found)
            .annotate(papers=Count("items__papers"))
            .order_by("date", "start_time", "pk")
        )
        rows = [
            {
                "id": meeting.pk,
                "title": str(meeting),
                "body": meeting.body_names(),
                "bodies": [body.name for body in meeting.bodies.all()],
                "date": meeting.date.isoformat(),
                "start_time": meeting.start_time.strftime("%H:%M"),
                "status": meeting.status,
                "papers": meeting.papers,
            }
            for meeting in meetings
        ]
        if json:
            self.stdout.write(_dumps(rows))
            return
        if not rows:
            self.stdout.write(f"{found.name} has no meetings yet.")
            return
        self.stdout.write(f"{'id':>5}  {'date':10}  {'status':16}  {'papers':>6}  meeting")
        for row in rows:
            self.stdout.write(
                f"{row['id']:>5}  {row['date']:10}  {row['status']:16}  {row['papers']:>6}  "
                f"{row['title']}"
            )


def _dumps(rows) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2)
