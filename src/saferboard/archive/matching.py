"""People named in an imported document, matched to the partnership's registry
(docs/archive.md, "Matching people").

Matching only proposes: the clerk confirms fuzzy and initials matches on the people page
before the commit uses them.
"""

import datetime
from dataclasses import dataclass, field

from saferboard.registry.models import Body, Person


@dataclass
class FoundName:
    """A person's name as written in the document, and where it appears."""

    name: str
    where: list[str] = field(default_factory=list)


@dataclass
class PersonMatch:
    """What the registry says about one name: the person proposed (or None), how the
    match was made ("exact", "fuzzy", "initials" or "none"), the people it could be,
    and whether the clerk must confirm it."""

    name: str
    person: Person | None
    how: str
    candidates: list[Person] = field(default_factory=list)
    needs_confirmation: bool = False


def names_found(document: dict) -> list[FoundName]:
    """Every distinct person name in `document` (chair, members, present, in attendance,
    apologies and their substitutes, declarations' members), in first-seen order, each
    with the places it appears ("present at 25 July 2018", …)."""
    return []


def people_match(*, body: Body, names: list[str], on: datetime.date) -> list[PersonMatch]:
    """A match for each of `names` (same order) among the partnership of `body`'s people,
    preferring the body's members on `on`: exact (ignoring case, titles and punctuation),
    else fuzzy (needs confirmation), else initials against the body's members on `on`
    where exactly one fits; otherwise "none" with the candidates."""
    return [PersonMatch(name=name, person=None, how="none") for name in names]
