"""Writes for the crime app's partnership records: areas and their sub-areas. (Importing
police.uk files is in imports.py.)"""

from django.db import transaction
from django.utils.text import slugify

from saferboard.core.errors import BusinessRuleError
from saferboard.core.models import Partnership, User
from saferboard.core.roles import Role
from saferboard.core.services import record_create
from saferboard.crime import geography
from saferboard.crime.models import Area, SubArea

# Who may import police.uk files and set up areas; everyone in the partnership reads.
CRIME_EDITORS = frozenset({Role.MANAGER, Role.ANALYST})


def _clean_codes(codes) -> list[str]:
    return sorted({code.strip().upper() for code in codes if code and code.strip()})


@transaction.atomic
def area_create(
    *,
    partnership: Partnership,
    name: str,
    by: User | None,
    slug: str = "",
    forces=(),
    local_authority_codes=(),
    lsoa_codes=(),
    description: str = "",
) -> Area:
    """An area of police forces and/or local authorities (whose LSOAs are looked up in the
    ONS file) and/or LSOAs named one by one."""
    forces = sorted({force.strip() for force in forces if force and force.strip()})
    authorities = _clean_codes(local_authority_codes)
    lsoas = set(_clean_codes(lsoa_codes))
    if not (forces or authorities or lsoas):
        raise BusinessRuleError(
            "Name at least one police force or local authority for the area.", field="forces"
        )
    for code in authorities:
        found = geography.local_authority_lsoa_codes(code)
        if not found:
            raise BusinessRuleError(
                f"“{code}” is not a local authority code in the ONS population file "
                "(for example E09000001 for the City of London).",
                field="local_authority_codes",
            )
        lsoas.update(found)
    unknown = sorted(lsoas - set(geography.lsoas()))
    if unknown:
        raise BusinessRuleError(
            f"These are not LSOA codes of England and Wales: {', '.join(unknown[:5])}.",
            field="lsoa_codes",
        )
    slug = slug or slugify(name)[:60]
    if Area.objects.filter(partnership=partnership, slug=slug).exists():
        raise BusinessRuleError(f"The partnership already has an area “{slug}”.", field="name")
    return record_create(
        model=Area,
        partnership=partnership,
        by=by,
        name=name,
        slug=slug,
        description=description,
        forces=forces,
        local_authority_codes=authorities,
        lsoa_codes=sorted(lsoas),
    )


@transaction.atomic
def sub_area_create(
    *, area: Area, name: str, lsoa_codes, by: User | None, slug: str = ""
) -> SubArea:
    """A named part of an area (a ward, an MSOA, a town centre) as a list of its LSOAs."""
    lsoas = _clean_codes(lsoa_codes)
    if not lsoas:
        raise BusinessRuleError("List the LSOAs the sub-area is made of.", field="lsoa_codes")
    outside = sorted(set(lsoas) - set(area.lsoa_codes)) if area.lsoa_codes else []
    if outside:
        raise BusinessRuleError(
            f"These LSOAs are not in {area.name}: {', '.join(outside[:5])}.", field="lsoa_codes"
        )
    return record_create(
        model=SubArea,
        partnership=area.partnership,
        by=by,
        area=area,
        name=name,
        slug=slug or slugify(name)[:60],
        lsoa_codes=lsoas,
    )
