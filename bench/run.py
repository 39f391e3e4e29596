"""Registry benchmarks: how page and rule times grow with the size of a partnership.

Each benchmark times the same work on a small partnership (the baseline) and on
one a hundred times larger, in the same run on the same machine, and prints the
ratio. Paginated pages and date-scoped membership reads should stay near 1x;
a ratio far above that means something reads every row. Nothing here passes or
fails: read the ratios.

Run with `make bench`. Uses a throwaway SQLite database under a temporary folder.
"""

import datetime
import os
import statistics
import sys
import tempfile
import time

BASE_SIZE = 20
SCALE = 100


def _setup_django(folder: str) -> None:
    os.environ["SAFERBOARD_VAR_DIR"] = folder
    os.environ["DJANGO_SETTINGS_MODULE"] = "saferboard.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _build(slug: str, size: int):
    from saferboard.core.models import Partnership
    from saferboard.core.services import partnership_role_grant, user_create
    from saferboard.registry.models import Body, Membership, Organisation, Person, Sector

    partnership = Partnership.objects.create(name=f"Bench {slug}", slug=slug)
    user = user_create(username=f"bench-{slug}", password=None)
    partnership_role_grant(user=user, partnership=partnership, role="manager")
    orgs = Organisation.objects.bulk_create(
        Organisation(partnership=partnership, name=f"Org {i}", sector=Sector.values[i % 10])
        for i in range(size)
    )
    people = Person.objects.bulk_create(
        Person(partnership=partnership, given_name=f"P{i}", family_name=f"Person {i}")
        for i in range(size * 5)
    )
    bodies = Body.objects.bulk_create(
        Body(partnership=partnership, name=f"Body {i}") for i in range(size)
    )
    board = bodies[0]
    # The board's seats have changed hands many times: history grows, today's seats do not.
    memberships = []
    for i, person in enumerate(people):
        start = datetime.date(2000, 1, 1) + datetime.timedelta(days=30 * (i // 20))
        end = None if i >= len(people) - 20 else start + datetime.timedelta(days=29)
        memberships.append(
            Membership(
                partnership=partnership,
                body=board if i % 2 == 0 else bodies[i % size],
                person=person,
                organisation=orgs[i % size],
                category="statutory",
                start_date=start,
                end_date=end,
            )
        )
    Membership.objects.bulk_create(memberships)
    return partnership, user, board


def _time(fn, repeat: int = 15) -> float:
    fn()  # warm caches and connections
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        _setup_django(folder)
        from saferboard.registry.selectors import body_membership_on

        results = []
        sizes = {"baseline": BASE_SIZE, "large": BASE_SIZE * SCALE}
        built = {label: _build(label, size) for label, size in sizes.items()}
        today = datetime.date.today()
        for name, make in [
            ("body list page", lambda p, u, b: _page(u, f"/p/{p.slug}/registry/bodies/")),
            (
                "membership list page",
                lambda p, u, b: _page(u, f"/p/{p.slug}/registry/memberships/"),
            ),
            (
                "body page (membership today)",
                lambda p, u, b: _page(u, f"/p/{p.slug}/registry/bodies/{b.pk}/"),
            ),
            (
                "membership on a date (selector)",
                lambda p, u, b: lambda: list(body_membership_on(body=b, on=today)),
            ),
        ]:
            times = {label: _time(make(*built[label])) for label in sizes}
            ratio = times["large"] / times["baseline"]
            results.append((name, times["baseline"], times["large"], ratio))

        print(
            f"registry benchmarks: baseline {BASE_SIZE} bodies, large {BASE_SIZE * SCALE} bodies "
            f"({SCALE}x), median of 15 runs"
        )
        print(f"{'benchmark':40} {'baseline':>10} {'large':>10} {'ratio':>7}")
        for name, base, large, ratio in results:
            print(f"{name:40} {base * 1000:9.2f}ms {large * 1000:9.2f}ms {ratio:6.2f}x")

        import packs  # bench/packs.py, beside this script

        packs.run()

        import crime  # bench/crime.py, beside this script

        crime.run()
    return 0


def _page(user, url: str):
    from django.test import Client

    client = Client()
    client.force_login(user)

    def fetch():
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} returned {response.status_code}")

    return fetch


if __name__ == "__main__":
    sys.exit(main())
