"""What a minute's text says: its resolutions ("RESOLVED: …" and its parts, "NOTED …"),
apologies with substitutes, and declarations of interest, read from the lines of one item."""

import re

from saferboard.archive.people import apologies_from, apology, name_like


def collapse(text: str) -> str:
    """Text with its whitespace collapsed to single spaces, as the document gives all text."""
    return " ".join(text.split())


RESOLVED = re.compile(
    r"^(?:it\s+was\s+(?:unanimously\s+)?|the\s+[A-Za-z ]{2,40}?\s+(?=RESOLVED))?"
    r"(?P<word>resolved|agreed|decisions?(?=\s*[:\-–]))\b\s*[:,\-–]?\s*(?P<rest>.*)$",
    re.I,
)
NOTED = re.compile(r"^(?P<word>NOTED|RECEIVED)\b[:,]?\s*(?P<rest>.*)$")
PART = re.compile(r"^(?:[-•o·]|\(?[ivx]{1,4}[.)]|\(?[a-z][.)]|\(?\d{1,2}[.)])\s+(?P<text>.+)$")
APOLOGIES_INTRO = re.compile(
    r"apologies\b.*\b(?:received|were|from|given)\b|^apologies(?: for absence)?\s*:", re.I
)
NO_APOLOGIES = re.compile(r"\bno apologies\b|\bnone\b", re.IGNORECASE)
DECLARED = re.compile(
    r"^(?P<member>[A-Z][^.;]{1,80}?)\s+declared\s+(?:an?\s+)?(?P<interest>[^.;]*?interest[^.;]*?)"
    r"(?:\s+(?:in|on|under)\s+(?:agenda\s+)?(?:item|minute)\s+(?P<item>[A-Z]{0,5}\d{1,3}[a-z]?))?"
    r"(?P<rest>[^.]*)\.?",
    re.IGNORECASE,
)


def resolutions(texts: list[str]) -> list[str]:
    found = []
    index = 0
    while index < len(texts):
        text = texts[index]
        match = RESOLVED.match(text) or NOTED.match(text)
        index += 1
        if not match:
            continue
        rest = match.group("rest").strip()
        if match.re is NOTED:
            found.append(re.split(r"(?<=[a-z)][.!?])\s+(?=[A-Z])", collapse(text))[0])
            continue
        if rest and not rest.endswith(":"):
            found.append(rest)
            continue
        # "RESOLVED" alone (or "RESOLVED that:"): the parts follow, one per line.
        parts = []
        while index < len(texts):
            following = texts[index]
            if RESOLVED.match(following) or NOTED.match(following):
                break
            part = PART.match(following)
            if part:
                parts.append(part.group("text").strip())
            elif not parts:
                parts.append(following)
                if not re.search(r"[:;,]$|\band$", following):
                    index += 1
                    break
            else:
                break
            index += 1
        found.extend(part.rstrip(";").removesuffix(" and").rstrip(",;") for part in parts)
    return [collapse(part) for part in found if part]


def apologies(texts: list[str], *, listed: bool = False) -> list[dict]:
    """Apologies after an "Apologies … received from" / "Apologies:" line; under an item
    about apologies (`listed`) also names one per line with no such line before them."""
    found = []
    started = False
    for text in texts:
        if listed and not started and not APOLOGIES_INTRO.search(text):
            bullet = PART.match(text)
            entry = apology(bullet.group("text") if bullet else text)
            if name_like(re.sub(r"\s*[\[(].*$", "", entry["name"])):
                found.append(entry)  # "Cllr Ann Lee (Cllr Bob Hale substituted)"
            continue
        if APOLOGIES_INTRO.search(text):
            started = True
            rest = re.split(r"\bfrom\b|:", text, maxsplit=1)
            names = rest[1].strip(" .:") if len(rest) == 2 else ""
            if names and not re.match(r"^the following\b", names, re.IGNORECASE):
                found.extend(apologies_from(names))
            continue
        if not started or NO_APOLOGIES.search(text):
            continue
        bullet = PART.match(text)
        # One name per bullet; a plain line may list several.
        found.extend([apology(bullet.group("text"))] if bullet else apologies_from(text))
    return [entry for entry in found if entry["name"]]


def declarations(texts: list[str]) -> list[dict]:
    """ "Cllr Ahmed declared a personal interest in item 7 as a governor of …"."""
    found = []
    for text in texts:
        match = DECLARED.match(text)
        if match:
            interest = collapse(f"{match.group('interest')}{match.group('rest')}")
            found.append(
                {
                    "member": match.group("member").strip(),
                    "item": match.group("item"),
                    "interest": interest.strip(" ,"),
                }
            )
    return found
