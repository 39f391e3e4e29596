"""Writes for the crime app's partnership records: areas and their sub-areas (add, change,
delete). (Importing police.uk files is in imports.py.)"""

from django.db import transaction
from django.utils.text import slugify

from saferboard.core.errors import BusinessRuleError
from saferboard.core.models import Partnership, User
from saferboard.core.roles import Role
from saferboard.core.services import record_create, record_update
from saferboard.crime import geography
from saferboard.crime.models import Area, SubArea
from saferboard.crime.sources import KEY as POLICE_UK
from saferboard.performance.models import Indicator

# Who may import police.uk files and set up areas; everyone in the partnership reads.
CRIME_EDITORS = frozenset({Role.MANAGER, Role.ANALYST})


def _clean_codes(codes) -> list[str]:
    return sorted({code.strip().upper() for code in codes if code and code.strip()})


def _forces(forces) -> list[str]:
    return sorted({force.strip() for force in forces if force and force.strip()})


def _area_lsoas(*, forces: list[str], authorities: list[str], lsoas: set[str]) -> list[str]:
    """The area's LSOAs: its local authorities' (from the ONS file) and those named."""
    if not (forces or authorities or lsoas):
        raise BusinessRuleError(
            "Name at least one police force or local authority for the area.", field="forces"
        )
    lsoas = set(lsoas)
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
    return sorted(lsoas)


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
    forces = _forces(forces)
    authorities = _clean_codes(local_authority_codes)
    lsoas = _area_lsoas(forces=forces, authorities=authorities, lsoas=set(_clean_codes(lsoa_codes)))
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
        lsoa_codes=lsoas,
    )


@transaction.atomic
def area_update(
    *,
    area: Area,
    by: User | None,
    expected_version: int | None,
    name: str,
    description: str = "",
    forces=(),
    local_authority_codes=(),
) -> Area:
    """Change an area's name, description, forces and local authorities. Its LSOAs become
    the new local authorities' plus those it named one by one; its slug (used by indicators
    and the command line) stays. Refused where a sub-area would have LSOAs outside it."""
    forces = _forces(forces)
    authorities = _clean_codes(local_authority_codes)
    named = set(area.lsoa_codes) - {
        code
        for authority in area.local_authority_codes
        for code in geography.local_authority_lsoa_codes(authority)
    }
    lsoas = _area_lsoas(forces=forces, authorities=authorities, lsoas=named)
    if lsoas:
        for sub_area in area.sub_areas.all():
            outside = sorted(set(sub_area.lsoa_codes) - set(lsoas))
            if outside:
                raise BusinessRuleError(
                    f"The sub-area “{sub_area.name}” has LSOAs that would no longer be in "
                    f"{area.name}: {', '.join(outside[:5])}. Change or delete the sub-area "
                    "first.",
                    field="local_authority_codes",
                )
    return record_update(
        instance=area,
        by=by,
        expected_version=expected_version,
        name=name,
        description=description,
        forces=forces,
        local_authority_codes=authorities,
        lsoa_codes=lsoas,
    )


def area_indicators(*, area: Area) -> list[str]:
    """The indicators taking their values from the area's police.uk counts."""
    return list(
        Indicator.objects.filter(
            partnership_id=area.partnership_id,
            value_source=POLICE_UK,
            value_source_options__area=area.slug,
        )
        .order_by("code")
        .values_list("code", flat=True)
    )


@transaction.atomic
def area_delete(*, area: Area, by: User | None) -> None:
    """Delete an area and its sub-areas (kept in the history). Refused while an indicator
    takes its values from the area."""
    used_by = area_indicators(area=area)
    if used_by:
        raise BusinessRuleError(
            f"{area.name} cannot be deleted: the indicator{'s' if len(used_by) > 1 else ''} "
            f"{', '.join(used_by)} take{'' if len(used_by) > 1 else 's'} its values from the "
            "area's police.uk counts. Change the indicator's data source first."
        )
    for sub_area in area.sub_areas.all():
        _delete(sub_area, by)
    _delete(area, by)


def _delete(record, by: User | None) -> None:
    if by is not None:
        record._history_user = by
    record.delete()


def _sub_area_lsoas(area: Area, lsoa_codes) -> list[str]:
    lsoas = _clean_codes(lsoa_codes)
    if not lsoas:
        raise BusinessRuleError("List the LSOAs the sub-area is made of.", field="lsoa_codes")
    outside = sorted(set(lsoas) - set(area.lsoa_codes if area.lsoa_codes else geography.lsoas()))
    if outside:
        where = area.name if area.lsoa_codes else "England and Wales"
        raise BusinessRuleError(
            f"These are not LSOAs of {where}: {', '.join(outside[:5])}.", field="lsoa_codes"
        )
    return lsoas


def _sub_area_slug(area: Area, name: str, exclude: int | None = None) -> str:
    slug = slugify(name)[:60]
    taken = SubArea.objects.filter(area=area, slug=slug).exclude(pk=exclude)
    if not slug or taken.exists():
        raise BusinessRuleError(f"{area.name} already has a sub-area “{name}”.", field="name")
    return slug


@transaction.atomic
def sub_area_create(
    *, area: Area, name: str, lsoa_codes, by: User | None, slug: str = ""
) -> SubArea:
    """A named part of an area (a ward, an MSOA, a town centre) as a list of its LSOAs."""
    lsoas = _sub_area_lsoas(area, lsoa_codes)
    return record_create(
        model=SubArea,
        partnership=area.partnership,
        by=by,
        area=area,
        name=name,
        slug=slug or _sub_area_slug(area, name),
        lsoa_codes=lsoas,
    )


@transaction.atomic
def sub_area_update(
    *, sub_area: SubArea, by: User | None, expected_version: int | None, name: str, lsoa_codes
) -> SubArea:
    area = sub_area.area
    lsoas = _sub_area_lsoas(area, lsoa_codes)
    slug = sub_area.slug
    if name != sub_area.name:
        slug = _sub_area_slug(area, name, exclude=sub_area.pk)
    return record_update(
        instance=sub_area,
        by=by,
        expected_version=expected_version,
        name=name,
        slug=slug,
        lsoa_codes=lsoas,
    )


@transaction.atomic
def sub_area_delete(*, sub_area: SubArea, by: User | None) -> None:
    _delete(sub_area, by)
