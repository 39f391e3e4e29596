"""Who "CK/EM" means: owners written in the minutes, resolved against a meeting's people.

Minutes name action owners the way clerks type them: initials, family names,
"the Council", "MPS". `owners_from_text` splits such text into one token per
owner and matches each against the meeting's people (seats held on its bodies
that day, and anyone recorded as attending or in attendance) and the
partnership's organisations, bodies and posts. A token naming exactly one of
them is an owner; none or several, and the clerk must choose. It reads only
the registry and the meeting, so the archive import can use it as the minute
page does.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q

from saferboard.meetings.models import Attendance, AttendanceStatus, InAttendance, Meeting
from saferboard.registry.models import Body, Membership, Organisation, Person, Post
from saferboard.registry.selectors import membership_held_on

# Owners are separated by these, or by the word "and" (see _tokens).
SEPARATORS = re.compile(r"[/,&+;]")
AND = re.compile(r"\s+and\s+", re.IGNORECASE)
LEADING = re.compile(r"^(?:and|the)\s+", re.IGNORECASE)
WORD_BREAK = re.compile(r"[\s\-]+")
# Written initials with middle letters ignored: "CJK" for Claire Kirby.
LOOSE_INITIALS = re.compile(r"^[a-z]{3,5}$")
# A word of an organisation's or body's name ("the Council") must be this long to count.
NAME_WORD_MIN = 4


def _normal(text: str) -> str:
    """Lower case, no full stops, single spaces: "C.K." and "ck" are the same."""
    return " ".join(text.replace(".", "").split()).lower()


def _initials(name: str) -> str:
    return "".join(word[0] for word in WORD_BREAK.split(name.strip()) if word).lower()


def owner_label(owner) -> str:
    """How an owner is named in messages: people with their initials, "Claire Kirby (CK)"."""
    if isinstance(owner, Person):
        return f"{owner} ({owner.initials})"
    return str(owner)


@dataclass(frozen=True)
class OwnerToken:
    """One owner as written, and every record it could mean."""

    written: str
    candidates: tuple = ()

    @property
    def owner(self):
        return self.candidates[0] if len(self.candidates) == 1 else None

    @property
    def is_resolved(self) -> bool:
        return len(self.candidates) == 1

    def describe(self) -> str:
        """In words: "CK is Claire Kirby (CK)", "EM could be A or B", "ZZ matches no one"."""
        names = [owner_label(candidate) for candidate in self.candidates]
        if len(names) == 1:
            return f"“{self.written}” is {names[0]}"
        if names:
            return f"“{self.written}” could be {', '.join(names[:-1])} or {names[-1]}"
        return f"“{self.written}” matches no one at this meeting"


@dataclass(frozen=True)
class OwnerMatch:
    """The result of reading owners from text: the owners found and the tokens left to choose."""

    tokens: tuple[OwnerToken, ...] = ()

    @property
    def owners(self) -> list:
        found = {}
        for token in self.tokens:
            if token.is_resolved:
                found.setdefault((type(token.owner), token.owner.pk), token.owner)
        return list(found.values())

    @property
    def resolved(self) -> list[OwnerToken]:
        return [token for token in self.tokens if token.is_resolved]

    @property
    def unresolved(self) -> list[OwnerToken]:
        return [token for token in self.tokens if not token.is_resolved]

    @property
    def to_confirm(self) -> str:
        """The unresolved tokens as written, for `Action.owners_to_confirm` ("EM, ZZ")."""
        text = ", ".join(token.written for token in self.unresolved)
        limit = 200  # Action.owners_to_confirm.max_length
        return text if len(text) <= limit else f"{text[: limit - 1]}…"


@dataclass
class OwnerPool:
    """Everyone and everything an owner token may name at one meeting."""

    people: list[Person] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    bodies: list[Body] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    _exact: dict[str, dict] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        for person in self.people:
            given, family = _initials(person.given_name), _initials(person.family_name)
            keys = {
                given[:1] + family[:1],
                given + family[:1],
                given + family,
                given[:1] + family,
                _normal(f"{person.given_name} {person.family_name}"),
                _normal(person.family_name),
            }
            if person.title:
                keys |= {
                    _normal(f"{person.title} {person.given_name} {person.family_name}"),
                    _normal(f"{person.title} {person.family_name}"),
                }
            self._index(person, keys)
        for record in (*self.organisations, *self.bodies):
            self._index(record, {_normal(record.name), _normal(record.short_name)})
        for post in self.posts:
            self._index(post, {_normal(post.title)})

    def _index(self, record, keys: Iterable[str]) -> None:
        for key in keys:
            if key:
                self._exact.setdefault(key, {})[(type(record), record.pk)] = record

    def exact(self, text: str) -> list:
        return list(self._exact.get(_normal(text), {}).values())

    def loose(self, text: str) -> list:
        """Second-chance matches, tried only when nothing matches exactly: initials with
        middle letters ignored, and a word of an organisation's or body's name."""
        key = _normal(text)
        found = {}
        if LOOSE_INITIALS.match(key):
            for person in self.people:
                given, family = _initials(person.given_name), _initials(person.family_name)
                if key[0] == given[:1] and key[-1] in {family[:1], family[-1:]}:
                    found[(Person, person.pk)] = person
        if len(key) >= NAME_WORD_MIN:
            pattern = re.compile(rf"(?:^|\s){re.escape(key)}(?:\s|$)")
            for record in (*self.organisations, *self.bodies):
                if pattern.search(_normal(record.name)):
                    found[(type(record), record.pk)] = record
        return list(found.values())

    def match(self, text: str) -> tuple:
        return tuple(self.exact(text) or self.loose(text))

    def hint(self) -> str:
        """The people with their initials, for the form's hint: "CK Claire Kirby, EM …"."""
        return ", ".join(f"{person.initials} {person}" for person in self.people)


def owner_pool(*, meeting: Meeting) -> OwnerPool:
    """The people of `meeting` (seats held on its bodies on its date; members present,
    substitutes and those in attendance) and its partnership's organisations, bodies, posts."""
    partnership = meeting.partnership_id
    seats = Membership.objects.filter(
        membership_held_on(meeting.date), body__in=meeting.bodies.all()
    )
    present = Attendance.objects.filter(meeting=meeting)
    people = Person.objects.filter(partnership=partnership).filter(
        Q(pk__in=seats.values("person"))
        | Q(pk__in=present.filter(status=AttendanceStatus.PRESENT).values("membership__person"))
        | Q(pk__in=present.values("substitute_person"))
        | Q(pk__in=InAttendance.objects.filter(meeting=meeting).values("person"))
    )
    return OwnerPool(
        people=list(people.order_by("family_name", "given_name", "pk")),
        organisations=list(Organisation.objects.filter(partnership=partnership)),
        bodies=list(Body.objects.filter(partnership=partnership)),
        posts=list(Post.objects.filter(partnership=partnership).select_related("organisation")),
    )


def _clean(token: str) -> str:
    token = " ".join(token.split()).strip(" .:;-")
    while LEADING.match(token):
        token = LEADING.sub("", token, count=1).strip()
    return token


def _tokens(text: str, pool: OwnerPool) -> list[str]:
    """Split on / , & + ; and then on "and", unless the part is a name as it stands
    ("London Fire and Rescue Service" stays whole)."""
    tokens = []
    for segment in SEPARATORS.split(text or ""):
        segment = _clean(segment)
        if not segment:
            continue
        if pool.exact(segment) or not AND.search(segment):
            tokens.append(segment)
        else:
            tokens.extend(filter(None, (_clean(part) for part in AND.split(segment))))
    return list(dict.fromkeys(tokens))


def owners_from_text(text: str, *, meeting: Meeting, pool: OwnerPool | None = None) -> OwnerMatch:
    """Read owners such as "CK/EM", "CK, EM & MPS" or "Claire Kirby and the Council".

    Each token is matched, case aside, against people's initials (first and last
    names; all their initials; or, failing an exact match, first and last letters
    with middle initials ignored), full and family names, organisations' short
    names and names, bodies' short names and names, and posts' titles. Pass `pool`
    to read several texts against one meeting without loading it again.
    """
    pool = pool if pool is not None else owner_pool(meeting=meeting)
    return OwnerMatch(
        tokens=tuple(
            OwnerToken(written=token, candidates=pool.match(token)) for token in _tokens(text, pool)
        )
    )


def owners_to_confirm(*, action, pool: OwnerPool | None = None) -> tuple[OwnerToken, ...]:
    """The owners still to confirm on `action`, each with who it could be (read again now,
    against the people of the action's meeting)."""
    if not action.owners_to_confirm:
        return ()
    if action.meeting_id is None:
        return tuple(OwnerToken(written=t) for t in _tokens(action.owners_to_confirm, OwnerPool()))
    return owners_from_text(action.owners_to_confirm, meeting=action.meeting, pool=pool).tokens
