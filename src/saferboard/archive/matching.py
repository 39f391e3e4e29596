"""People named in an imported document, matched to the partnership's registry
(docs/archive.md, "Matching people").

Matching only proposes: the clerk confirms fuzzy and initials matches on the people page
before the commit uses them. Names are compared without case, accents, punctuation or
titles ("Cllr", "Ch Supt", "Dr"…), so "Cllr. Claire Kober" and "Claire Kober" are the same.
"""

import datetime
import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from saferboard.registry.models import Body, Membership, Person
from saferboard.registry.selectors import membership_held_on

# Titles and ranks written before a name. Longest first, so "ch supt" goes before "ch".
TITLES = sorted(
    {
        "cllr",
        "councillor",
        "cllrs",
        "dr",
        "doctor",
        "prof",
        "professor",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "sir",
        "dame",
        "lord",
        "lady",
        "baroness",
        "rev",
        "revd",
        "reverend",
        "ch supt",
        "chief supt",
        "chief superintendent",
        "det ch supt",
        "det chief supt",
        "detective chief superintendent",
        "detective superintendent",
        "det supt",
        "supt",
        "superintendent",
        "dci",
        "detective chief inspector",
        "detective inspector",
        "chief inspector",
        "ch insp",
        "insp",
        "inspector",
        "sgt",
        "sergeant",
        "pc",
        "pcso",
        "cmdr",
        "commander",
        "borough commander",
        "station manager",
        "group manager",
        "mp",
        "obe",
        "mbe",
        "cbe",
        "qpm",
    },
    key=lambda title: (-len(title.split()), -len(title)),
)
# A written name this close to a registry name (difflib ratio, 0 to 1) is offered as
# "Is this X?". 0.85 lets "Clare Kober" find Claire Kober and "Jon Abbey" John Abbey,
# while "John Smith" and "Jane Smyth" (0.8) stay apart.
FUZZY_RATIO = 0.85
# At most this many candidates are offered for one name.
MAX_CANDIDATES = 5
# Initials as minutes write them: "CK", "C.K.", "CJK".
INITIALS = re.compile(r"^(?:[A-Z]\.?\s?){2,4}$")


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


def _when(number: int, meeting: dict) -> str:
    try:
        on = datetime.date.fromisoformat(meeting.get("date") or "")
    except (TypeError, ValueError):
        return f"meeting {number}"
    return f"{on.day} {on:%B %Y}"


def _text(value) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def names_found(document: dict) -> list[FoundName]:
    """Every distinct person name in `document` (chair, members, present, in attendance,
    apologies and their substitutes, declarations' members), in first-seen order, each
    with the places it appears ("present at 25 July 2018", …)."""
    found: dict[str, FoundName] = {}

    def add(name, where: str) -> None:
        name = _text(name)
        if not name:
            return
        entry = found.setdefault(name, FoundName(name=name))
        if where not in entry.where:
            entry.where.append(where)

    for number, meeting in enumerate(document.get("meetings") or [], 1):
        if not isinstance(meeting, dict):
            continue
        when = _when(number, meeting)
        add(meeting.get("chair"), f"chair at {when}")
        for key, label in (
            ("members", "member listed for"),
            ("present", "present at"),
            ("in_attendance", "in attendance at"),
        ):
            for person in meeting.get(key) or []:
                if isinstance(person, dict):
                    add(person.get("name"), f"{label} {when}")
        for apology in meeting.get("apologies") or []:
            if isinstance(apology, dict):
                add(apology.get("name"), f"apologies for {when}")
                absent = _text(apology.get("name"))
                add(apology.get("substitute"), f"substitute for {absent} at {when}")
        for declaration in meeting.get("declarations") or []:
            if isinstance(declaration, dict):
                add(declaration.get("member"), f"declared an interest at {when}")
    return list(found.values())


def normal_name(text: str) -> str:
    """A name for comparison: lower case, no accents, punctuation, brackets or titles."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text).lower().replace("’", "'")
    text = re.sub(r"'", "", text)
    words = re.sub(r"[^\w\s]", " ", text).split()
    stripped = True
    while stripped and len(words) > 1:
        stripped = False
        for title in TITLES:
            size = len(title.split())
            if words[:size] == title.split() and len(words) > size:
                words = words[size:]
                stripped = True
                break
    while len(words) > 1 and words[-1] in {"obe", "mbe", "cbe", "qpm", "mp"}:
        words = words[:-1]
    return " ".join(words)


def _person_name(person: Person) -> str:
    return normal_name(f"{person.given_name} {person.family_name}")


def _initials_of(person: Person) -> set[str]:
    given = [word[0] for word in normal_name(person.given_name).split() if word]
    family = [word[0] for word in normal_name(person.family_name).split() if word]
    if not given or not family:
        return set()
    return {given[0] + family[0], given[0] + family[-1], "".join(given + family)}


def _contains(written: str, name: str) -> bool:
    """The registry name appears whole inside the written one ("Borough Commander Helen
    Millichap", "Des Fahy Detective Chief Superintendent")."""
    return len(name.split()) >= 2 and f" {name} " in f" {written} "


def _rank(people: list[Person], member_ids: set[int]) -> list[Person]:
    return sorted(people, key=lambda person: (person.pk not in member_ids, person.pk))


def _match_one(
    name: str, *, people: list[Person], names: dict[int, str], member_ids: set[int]
) -> PersonMatch:
    written = normal_name(name)
    if not written:
        return PersonMatch(name=name, person=None, how="none")
    exact = [person for person in people if names[person.pk] == written]
    if exact:
        members = [person for person in exact if person.pk in member_ids]
        if len(exact) == 1 or len(members) == 1:
            return PersonMatch(name=name, person=(members or exact)[0], how="exact")
        return PersonMatch(
            name=name,
            person=None,
            how="exact",
            candidates=_rank(exact, member_ids)[:MAX_CANDIDATES],
            needs_confirmation=True,
        )
    bare = re.sub(r"[\s.]", "", name)
    if INITIALS.match(name.strip()) and 2 <= len(bare) <= 4:
        fits = [
            person
            for person in people
            if person.pk in member_ids and bare.lower() in _initials_of(person)
        ]
        if len(fits) == 1:
            return PersonMatch(
                name=name, person=fits[0], how="initials", candidates=fits, needs_confirmation=True
            )
        return PersonMatch(
            name=name,
            person=None,
            how="none",
            candidates=_rank(fits, member_ids)[:MAX_CANDIDATES],
            needs_confirmation=bool(fits),
        )
    scored = []
    words = written.split()
    # The written name is the second sequence, which SequenceMatcher indexes once; the
    # quick upper bounds skip the full comparison for most of a large registry.
    matcher = difflib.SequenceMatcher(None, "", written)
    for person in people:
        full = names[person.pk]
        matcher.set_seq1(full)
        close = matcher.real_quick_ratio() >= FUZZY_RATIO and matcher.quick_ratio() >= FUZZY_RATIO
        score = matcher.ratio() if close else 0.0
        if score < FUZZY_RATIO and _contains(written, full):
            score = FUZZY_RATIO
        family = normal_name(person.family_name)
        # "Dr Christian", "C Kober": a family name alone, or with a matching initial.
        alone = len(words) == 1 or (
            len(words) == 2 and len(words[0]) == 1 and full.startswith(words[0])
        )
        if score < FUZZY_RATIO and family and words[-1:] == [family] and alone:
            score = FUZZY_RATIO - 0.01
        if score >= FUZZY_RATIO - 0.01:
            scored.append((score, person))
    if not scored:
        return PersonMatch(name=name, person=None, how="none")
    scored.sort(key=lambda pair: (-pair[0], pair[1].pk not in member_ids, pair[1].pk))
    candidates = [person for _, person in scored[:MAX_CANDIDATES]]
    return PersonMatch(
        name=name,
        person=candidates[0],
        how="fuzzy",
        candidates=candidates,
        needs_confirmation=True,
    )


def people_match(*, body: Body, names: list[str], on: datetime.date) -> list[PersonMatch]:
    """A match for each of `names` (same order) among the partnership of `body`'s people,
    preferring the body's members on `on`: exact (ignoring case, titles and punctuation),
    else fuzzy (needs confirmation), else initials against the body's members on `on`
    where exactly one fits; otherwise "none" with the candidates."""
    people = list(Person.objects.filter(partnership_id=body.partnership_id).order_by("pk"))
    member_ids = set(
        Membership.objects.filter(membership_held_on(on), body=body, person__isnull=False)
        .values_list("person_id", flat=True)
        .distinct()
    )
    names_by_pk = {person.pk: _person_name(person) for person in people}
    return [
        _match_one(name, people=people, names=names_by_pk, member_ids=member_ids) for name in names
    ]
