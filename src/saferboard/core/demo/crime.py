"""The demo's crime data: the City of London's 24 real police.uk months, imported through
the real importer, an area for the City of London Police force, and one indicator that
takes its values from them.

The indicator ("ASB incidents per month", monthly, from the police_uk data source) is made
before the import, so the import fills it, as it would for a partnership. The files are the
ones in crime/data/ (January 2020 to December 2021), so the demo reads the same whenever it
is built. The records are shared by the deployment (see docs/crime.md): building the demo
again re-imports the same months, which replaces them; counts never double.
"""

import pathlib

import saferboard.crime
from saferboard.core.demo.spec import PartnershipSpec
from saferboard.core.models import Partnership, User
from saferboard.core.roles import Role
from saferboard.crime import sources
from saferboard.crime.imports import crime_import, files_from_paths
from saferboard.crime.services import area_create
from saferboard.performance.models import Frequency, Lifecycle, Polarity, TargetKind, Unit
from saferboard.performance.services import indicator_create
from saferboard.plans.models import Priority
from saferboard.registry.models import Organisation

CITY_SLUG = "city-of-london"
FORCE = "City of London Police"
AREA_SLUG = "city-of-london-police"
CITY_FILES = (
    pathlib.Path(saferboard.crime.__file__).parent / "data" / "police-uk" / "city-of-london"
)
ASB_INDICATOR = "ASB incidents per month"
ASB_PRIORITY = "4"  # "Anti-social behaviour is tackled and responded to effectively"


def demo_crime_build(*, spec: PartnershipSpec, partnership: Partnership) -> int:
    """Give the City of London its force area, the ASB indicator and the 24 months; returns
    the number of months imported (0 for another partnership). Call once, on a freshly built
    partnership, after its performance framework."""
    if spec.slug != CITY_SLUG:
        return 0
    manager = User.objects.get(username=f"{spec.slug}-{Role.MANAGER}")
    analyst = User.objects.get(username=f"{spec.slug}-{Role.ANALYST}")
    area_create(
        partnership=partnership,
        by=manager,
        name="City of London Police area",
        slug=AREA_SLUG,
        forces=[FORCE],
        description="Every record the City of London Police publishes on police.uk, including "
        "those just over the boundary and those with no location.",
    )
    indicator_create(
        partnership=partnership,
        by=manager,
        priority=Priority.objects.filter(partnership=partnership, number=ASB_PRIORITY).first(),
        code="SCP 4.9",
        name=ASB_INDICATOR,
        definition="Anti-social behaviour incidents recorded by the City of London Police and "
        "published on police.uk, per calendar month. Filled from each police.uk import.",
        unit=Unit.COUNT,
        polarity=Polarity.LOWER_IS_BETTER,
        target_kind=TargetKind.NONE,
        frequency=Frequency.MONTHLY,
        lead_organisation=Organisation.objects.filter(partnership=partnership, name=FORCE).first(),
        data_source="police.uk street-level crime files",
        value_source=sources.KEY,
        value_source_options={"area": AREA_SLUG, "type": "Anti-social behaviour"},
        lifecycle=Lifecycle.AGREED,
        position=99,
    )
    batch = crime_import(files=files_from_paths([CITY_FILES]), by=analyst, partnership=partnership)
    return len(batch.months)
