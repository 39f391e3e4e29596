"""People and owners as minutes list them: "Cllr A (Chair)", "B - C substituted", "CK/EM"."""

import re

SEPARATORS = re.compile(r"\s*[/,;&+]\s*")
AND = re.compile(r"\s+and\s+", re.IGNORECASE)
LEADING = re.compile(r"^(?:and|with|the\s+(?=[A-Z]{2,}\b))\s*", re.IGNORECASE)
CHAIR_ROLE = re.compile(r"[\[(]\s*((?:co|vice)?[-\s]?chair(?:man|person)?)\s*[\])]", re.IGNORECASE)
SUBSTITUTE = re.compile(
    r"[\[(]\s*(?P<bracketed>[^\])]+?)\s+(?:substituted|substituting|attended|deputised)"
    r"(?:\s+for\s+\w+)?(?:\s+as\s+(?:a\s+|their\s+)?(?:substitute|deputy))?\s*[\])]"
    r"|[\[(]\s*(?:substitute|sub|substituted by|represented by|deputy|replaced by)\s*[:\-–]?\s*"
    r"(?P<labelled>[^\])]+?)\s*[\])]"
    r"|\s*[-–]\s*(?P<dashed>[^-–]+?)\s+(?:substituted|substituting|attended|deputised)\b",
    re.IGNORECASE,
)
NAME_BREAK = re.compile(r"\s+[–—-]\s*|\s*[–—]\s+|(?<=[a-z])-\s+|,\s*")


def split_owners(text: str) -> list[str]:
    """ "CK/EM", "Police and Council", "PMG, with Claire Kowalska" -> one string per owner."""
    owners = []
    strong = SEPARATORS.split(text)
    for piece in strong:
        parts = AND.split(piece)
        # "Head of Corporate Strategy and Performance" beside a "/" is one owner;
        # "Police and Council" or "CK and EM" are two.
        if len(strong) > 1 and any(len(part.split()) > 2 for part in parts):
            parts = [piece]
        # "Policy and Performance Officer" is one job; "Clerk and Community Safety Manager" two.
        if (
            len(parts) > 1
            and parts[-1].split()[-1].lower() in JOB_WORDS
            and not any(word.lower() in JOB_WORDS for part in parts[:-1] for word in part.split())
            and not all(part.isupper() for part in parts[:-1])
        ):
            parts = [piece]
        for token in parts:
            token = LEADING.sub("", token.strip(" .:;-–")).strip()
            if token and token not in owners:
                owners.append(token)
    return owners


def person(text: str) -> dict:
    """One line of a present/membership list as name, role and organisation."""
    text = " ".join(text.strip(" ,.;-•").split())
    role = None
    if match := CHAIR_ROLE.search(text):
        role = match.group(1).strip()
        text = (text[: match.start()] + " " + text[match.end() :]).strip(" ,")
        text = " ".join(text.split())
    if role is None and (bracket := TRAILING_ROLE.search(text)):  # "Jo Black (Manager)"
        role = bracket.group("role").strip()
        text = text[: bracket.start()].strip(" ,")
    parts = [part.strip(" ,.") for part in NAME_BREAK.split(text, maxsplit=2)]
    parts = [part for part in parts if part]
    name = parts[0] if parts else text
    rest = parts[1:]
    if role is None and rest:
        role = rest.pop(0)
    organisation = rest[0] if rest else None
    if organisation is None and role and names_organisation(role):
        role, organisation = None, role  # "R Evans – Northshire Police"
    return {"name": name, "role": role or None, "organisation": organisation}


def names_organisation(text: str) -> bool:
    """ "Northshire Police", "Haringey CCG": an organisation, not a job ("Community Safety
    Manager", "Cabinet Member for Communities")."""
    return bool(
        ORGANISATION_WORDS.search(text)
        and text.split()[-1].lower() not in JOB_WORDS
        and not re.search(r"\b(?:of|for)\b", text, re.IGNORECASE)
    )


def apology(text: str) -> dict:
    """ "Jon Abbey (Gill Gibson substituted)" -> name and substitute."""
    text = " ".join(text.strip(" ,.;•").split())
    substitute = None
    if match := SUBSTITUTE.search(text):
        found = match.group("bracketed") or match.group("labelled") or match.group("dashed")
        substitute = found.strip(" ,.")
        text = text[: match.start()].strip(" ,.-–")
    return {"name": text, "substitute": substitute}


def apologies_from(text: str) -> list[dict]:
    """Apologies on one line: split by commas, "and", or glued "…substitutedNext Name"."""
    text = re.sub(r"(substituted|attended)(?=[A-Z])", r"\1; ", text)
    return [apology(part) for part in split_outside_brackets(text) if part.strip(" ,.;")]


def split_outside_brackets(text: str) -> list[str]:
    """Split on ",", ";" and " and " except inside (…) or […]: "A (B substituted) and C"."""
    parts, depth, start, index = [], 0, 0, 0
    while index < len(text):
        char = text[index]
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and (char in ",;" or text[index : index + 5].lower() == " and "):
            parts.append(text[start:index])
            index += 1 if char in ",;" else 5
            start = index
            continue
        index += 1
    parts.append(text[start:])
    return parts


# --- membership lists --------------------------------------------------------------------

TITLE = (
    r"(?:Cllr|Councillor|Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Sir|Dame|Rev|Revd|Lord|Baroness"
    r"|Ch\.? ?Supt|Supt|DCI|DCS|DI|DS|DC|PC|PCSO|Sgt|Sergeant|Insp|Inspector|Ch\.? ?Insp"
    r"|Chief Inspector|Superintendent|Chief Superintendent)\.?"
)
TITLE_START = re.compile(rf"^{TITLE}\s+(?=[A-Z])")
# "…Haringey Metropolitan Police Cllr Julia Ogiehor": a title inside glued text starts a person.
GLUED_TITLE = re.compile(r"(?<=[^\s,;(])\s+(?=(?:Cllr|Councillor|Dr)\.?\s+[A-Z])")
# "…Place and Sustainability Stephen McDonnell, AD …": two capitalised words before a comma.
GLUED_NAME = re.compile(r"(?<=[^\s,;])\s+(?P<name>[A-Z][\w'’.-]+\s+[A-Z][\w'’-]+)\s*,")
TITLE_END = re.compile(rf"\b{TITLE}$")
PARTICLES = {"de", "van", "von", "der", "den", "la", "le", "di", "da", "du", "bin", "al", "el"}
ROLE_WORDS = {
    "adviser", "advisor", "assembly", "assistant", "authority", "board", "borough", "cabinet",
    "ccg", "chair", "chairman", "chief", "clerk", "commander", "commissioner", "community",
    "company", "consultant", "coordinator", "co-ordinator", "council", "councillors", "deputy",
    "director", "executive", "fire", "group", "head", "health", "holder", "lead", "leader",
    "london", "manager", "mayor", "member", "members", "metropolitan", "nhs", "officer",
    "officers", "partner", "partners", "partnership", "police", "portfolio", "principal",
    "probation", "representative", "safety", "secretariat", "service", "services", "team",
    "trust", "tba", "tbc", "vacancy", "vacant", "ward", "support", "interim",
}  # fmt: skip
ORGANISATION_WORDS = re.compile(
    r"\b(?:council|police|service|services|trust|group|ccg|nhs|authority|company|partnership"
    r"|probation|healthwatch|lb|board|commission|office|court|university|college|association"
    r"|charity|forum|network|foundation|society|haringey|constabulary|prison|housing)\b",
    re.IGNORECASE,
)
TRAILING_ROLE = re.compile(r"\s*[\[(]\s*(?P<role>[^\])]{2,40})\s*[\])]\s*$")
JOB_WORDS = {
    "adviser", "advisor", "chair", "chairman", "clerk", "commander", "commissioner", "coordinator",
    "deputy", "director", "executive", "head", "inspector", "lead", "leader", "manager",
    "member", "officer", "representative", "superintendent",
}  # fmt: skip
VACANT = re.compile(r"^[^()]*\((?:TBA|TBC|vacant|vacancy)\)\s*", re.IGNORECASE)


def name_like(text: str, *, min_words: int = 2) -> bool:
    """A person's name as lists print it: "Cllr Jane Smith", "Dr. Jeanelle de Gruchy", "Ravi
    Patel"; not a role ("Borough Commander") nor a sentence."""
    text = TRAILING_ROLE.sub("", " ".join(text.split())).strip(" ,.;")
    titled = bool(TITLE_START.match(text))
    text = TITLE_START.sub("", text)
    words = text.split()
    if not words or len(words) > 4 or len(text) > 45 or any(c.isdigit() for c in text):
        return False
    if len(words) < (1 if titled else min_words):
        return False
    shouting = text.isupper()
    for word in words:
        if word.lower() in PARTICLES:
            continue
        if not shouting and len(word) > 1 and word.isupper():
            return False  # an acronym: "Haringey CPCG"
        if not re.match(r"^[A-Z][\w'’.-]*$", word) or word.lower().strip(".") in ROLE_WORDS:
            return False
    return True


def split_people(text: str, *, min_words: int = 2) -> list[str]:
    """One string per person in a list on one line: "Cllr A (Chair), Cllr B and C D", or the
    glued cell a PDF conversion leaves ("Name, Role, Org Name, Role …")."""
    text = " ".join(text.split())
    parts = [part.strip(" ,;.") for part in split_outside_brackets(text)]
    parts = [part for part in parts if part]
    if len(parts) > 1 and all(name_like(part, min_words=min_words) for part in parts):
        return parts
    pieces = GLUED_TITLE.split(text)
    found = []
    for piece in pieces:
        starts = sorted(set(glued_name_starts(piece)))
        for start, end in zip([0, *starts], [*starts, len(piece)], strict=True):
            found.append(piece[start:end])
    return [piece.strip(" ,;") for piece in found if piece.strip(" ,;")]


def glued_name_starts(piece: str) -> list[int]:
    """Where people start in a glued cell: two capitalised words before a comma ("… Frontline
    Libby Blake, Director"), or before a job written without a comma ("… Waltham Forest Douglas
    Charlton Assistant Chief Officer, …"), where text without a comma comes before them."""
    starts = []
    for match in GLUED_NAME.finditer(piece):
        if name_like(match.group("name")) and not TITLE_END.search(piece[: match.start()]):
            starts.append(match.start("name"))
    for comma in re.finditer(r",", piece):
        words = list(re.finditer(r"\S+", piece[: comma.start()]))
        run = len(words)
        while run and words[run - 1].group().lower().strip(".") in ROLE_WORDS:
            run -= 1
        job = len(words) - run
        if job < 2 or words[-1].group().lower() not in JOB_WORDS or run < 3:
            continue
        name = words[run - 2 : run]
        before = piece[: name[0].start()].rstrip()
        if (
            before
            and not before.endswith((",", ";", "("))
            and not name[-1].group().endswith(",")  # "Alan Jones, Borough Commander"
            and not TITLE_END.search(before)
            and name_like(" ".join(word.group() for word in name))
        ):
            starts.append(name[0].start())
    return starts


def member(text: str, *, organisation: str | None = None) -> dict | None:
    """One member of a membership list as name, role and organisation; None for a vacancy."""
    text = VACANT.sub("", " ".join(text.strip(" ,.;-•").split()))
    bracket = CHAIR_ROLE.search(text) or TRAILING_ROLE.search(text)
    role = None
    if bracket:
        role = bracket.group(1).strip()
        text = " ".join((text[: bracket.start()] + " " + text[bracket.end() :]).split())
    parts = [part.strip(" ,.") for part in NAME_BREAK.split(text.strip(" ,"), maxsplit=2)]
    parts = [part for part in parts if part]
    if not parts:
        return None
    words = parts[0].split()
    # "Douglas Charlton Assistant Chief Officer": the name stops at the first role word.
    for position, word in enumerate(words[2:], start=2):
        if word.lower() in ROLE_WORDS:
            parts = [" ".join(words[:position]), " ".join(words[position:]), *parts[1:]]
            break
    name, rest = parts[0], parts[1:]
    found_organisation = None
    if role is not None and not CHAIR_ROLE.search(f"({role})") and names_organisation(role):
        role, found_organisation = None, role  # "Superintendent Gary Hope (Sussex Police)"
        role = rest[0] if rest else None
    elif role is not None:  # "(Chair)" is the role; an organisation may still follow
        if rest and ORGANISATION_WORDS.search(rest[-1]):
            found_organisation = rest[-1]
    else:
        role = rest[0] if rest else None
        found_organisation = rest[1] if len(rest) > 1 else None
        if found_organisation is None and role and names_organisation(role):
            role, found_organisation = None, role
    if not name_like(name, min_words=1):
        return None
    return {
        "name": name,
        "role": role or None,
        "organisation": found_organisation or organisation or None,
    }


def people_in_list(text: str) -> list[str]:
    """ "Cllr A (Chair), B and C" -> one string per person; a part that is not a name ("Ellen
    Ross, Community Safety Officer") stays with the person before it as their role."""
    people: list[str] = []
    plural = False  # "Councillors A Brown, C Dean and E Fox": the title is for all of them
    for part in split_outside_brackets(" ".join(text.split())):
        part = part.strip(" ,;.")
        if re.match(r"^councillors\s+(?=[A-Z])", part, re.IGNORECASE):
            part, plural = part.split(None, 1)[1], True
        elif TITLE_START.match(part) or ":" in part:
            plural = False
        if not part:
            continue
        if plural and name_like(part, min_words=1):
            people.append(part)
            continue
        if people and not name_like(part, min_words=1):
            people[-1] = f"{people[-1]}, {part}"
        else:
            people.append(part)
    return people
