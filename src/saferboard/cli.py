"""The `saferboard` command: Django's management commands under one name.

`saferboard serve`, `demo`, `token`, `createuser` and the rest are management
commands in the apps; this entry point only points Django at our settings.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferboard.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["saferboard", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
