"""People and owners as minutes list them: "Cllr A (Chair)", "B - C substituted", "CK/EM"."""

import re

SEPARATORS = re.compile(r"\s*[/,;&+]\s*")
AND = re.compile(r"\s+and\s+", re.IGNORECASE)
LEADING = re.compile(r"^(?:and|with|the\s+(?=[A-Z]{2,}\b))\s*", re.IGNORECASE)
CHAIR_ROLE = re.compile(r"[\[(]\s*((?:co|vice)?[-\s]?chair(?:man|person)?)\s*[\])]", re.IGNORECASE)
SUBSTITUTE = re.compile(
    r"[\[(]\s*(?P<bracketed>[^\])]+?)\s+(?:substituted|substituting|attended|deputised)"
    r"(?:\s+for\s+\w+)?\s*[\])]"
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
    parts = [part.strip(" ,.") for part in NAME_BREAK.split(text, maxsplit=2)]
    parts = [part for part in parts if part]
    name = parts[0] if parts else text
    rest = parts[1:]
    if role is None and rest:
        role = rest.pop(0)
    organisation = rest[0] if rest else None
    return {"name": name, "role": role or None, "organisation": organisation}


def apology(text: str) -> dict:
    """ "Jon Abbey (Gill Gibson substituted)" -> name and substitute."""
    text = " ".join(text.strip(" ,.;•").split())
    substitute = None
    if match := SUBSTITUTE.search(text):
        substitute = (match.group("bracketed") or match.group("dashed")).strip(" ,.")
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
