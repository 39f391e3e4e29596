"""WSGI entry point for `saferboard serve` and any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferboard.settings")
application = get_wsgi_application()
