"""`saferboard serve`: the app on a real WSGI server (waitress), static files included."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve saferboard over HTTP with waitress."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, host, port, threads, **options):
        from waitress import serve

        from saferboard.wsgi import application

        self.stderr.write(f"saferboard is serving on http://{host}:{port}/ (Ctrl+C to stop)")
        serve(application, host=host, port=port, threads=threads, ident="saferboard")
