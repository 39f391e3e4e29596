"""`saferboard api-schema`: print the OpenAPI 3 document of the API as JSON on stdout."""

from django.core.management.base import BaseCommand
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer


class Command(BaseCommand):
    help = "Print the OpenAPI 3 document of /api/v1/ as JSON (the same as /api/v1/schema/)."

    def handle(self, *args, **options):
        schema = SchemaGenerator().get_schema(request=None, public=True)
        self.stdout.write(OpenApiJsonRenderer().render(schema).decode())
