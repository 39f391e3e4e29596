"""The `saferboard` command: Django's management commands under one name.

`saferboard serve`, `demo`, `token`, `createuser` and the rest are management
commands in the apps; this entry point points Django at our settings and lets
the documented hyphenated names (`demo-logins`, `api-schema`) reach the
commands, whose module names must use underscores.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferboard.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["saferboard", *args])


if __name__ == "__main__":
    main()
