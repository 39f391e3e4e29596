"""Forms for archive imports: uploading files, correcting one meeting of what was found,
and saying who the people named in a file are.

Lists that are short text in the document (people present, resolutions, actions) are
edited as one line each, with parts split by "|", so a clerk can fix a page of them at once.
"""

import datetime

from django import forms
from django.conf import settings

from saferboard.archive.intake import PACK_EXTENSIONS
from saferboard.archive.review import TIME
from saferboard.core.forms import GovUKDateField, GovUKForm
from saferboard.crime.forms import MultipleFileField, MultipleFileInput
from saferboard.registry import selectors as registry_selectors

NOT_IN_REGISTRY = "none"


class UploadForm(GovUKForm):
    body = forms.ModelChoiceField(
        queryset=None,
        label="Body",
        help_text="The board or group whose meetings the files hold.",
        empty_label="Choose a body",
    )
    files = MultipleFileField(
        label="Files",
        widget=MultipleFileInput(attrs={"accept": ",".join(PACK_EXTENSIONS)}),
        # The reader says why an empty file cannot be imported, naming it.
        allow_empty_file=True,
        help_text="Agendas, minutes, packs or action logs as PDF, Word (.docx), HTML, text or "
        "markdown. Choose several files (or a whole folder's files) to read them as one batch.",
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = registry_selectors.body_list(partnership=partnership)

    def clean_files(self):
        files = self.cleaned_data["files"]
        limit = archive_max_bytes()
        too_big = [upload for upload in files if upload.size > limit]
        if too_big:
            names = ", ".join(f"{upload.name} ({upload.size / 2**20:.0f} MB)" for upload in too_big)
            raise forms.ValidationError(
                f"{names}: each file must be {limit // 2**20} MB or smaller. Split a large pack "
                "into its agenda, minutes and papers."
            )
        return files


def archive_max_bytes() -> int:
    """The largest file accepted for import; deployments change it with
    SAFERBOARD_ARCHIVE_MAX_MB."""
    return int(settings.SAFERBOARD_ARCHIVE_MAX_MB * 2**20)


def _cells(line: str, count: int) -> list[str | None]:
    cells = [" ".join(cell.split()) or None for cell in line.split("|")]
    return (cells + [None] * count)[:count] if len(cells) <= count else None


def lines_of(text: str) -> list[tuple[int, str]]:
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if line.strip()]


def _parse_rows(text: str, keys: tuple[str, ...], label: str) -> list[dict]:
    rows = []
    for number, line in lines_of(text):
        cells = _cells(line, len(keys))
        if cells is None:
            raise forms.ValidationError(
                f"{label}, line {number}: use at most {len(keys) - 1} “|” to separate "
                f"{', '.join(key.replace('_', ' ') for key in keys)}"
            )
        if not cells[0]:
            raise forms.ValidationError(f"{label}, line {number}: start with the {keys[0]}")
        rows.append(dict(zip(keys, cells, strict=True)))
    return rows


def _rows_text(rows: list[dict], keys: tuple[str, ...]) -> str:
    lines = []
    for row in rows:
        cells = [row.get(key) or "" for key in keys]
        while len(cells) > 1 and not cells[-1]:
            cells.pop()
        lines.append(" | ".join(cells))
    return "\n".join(lines)


PERSON = ("name", "role", "organisation")
APOLOGY = ("name", "substitute")
DECLARATION = ("member", "item", "interest")


def _due(text: str | None, where: str) -> str | None:
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d %B %Y", "%d %b %Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    raise forms.ValidationError(f"{where}: the due date “{text}” is not a date like 31/01/2019")


def actions_from_text(text: str, label: str) -> list[dict]:
    actions = []
    for number, line in lines_of(text):
        cells = _cells(line, 3)
        where = f"{label}, line {number}"
        if cells is None or not cells[0]:
            raise forms.ValidationError(f"{where}: write the action, then | owners | due date")
        owners = [
            owner.strip()
            for owner in (cells[1] or "").replace(";", "/").split("/")
            if owner.strip()
        ]
        actions.append({"text": cells[0], "owners": owners, "due": _due(cells[2], where)})
    return actions


def actions_text(actions: list[dict]) -> str:
    rows = [
        {"text": a.get("text"), "owners": " / ".join(a.get("owners") or []), "due": a.get("due")}
        for a in actions
    ]
    return _rows_text(rows, ("text", "owners", "due"))


ROLE_CHOICES = [
    ("agenda", "Agenda"),
    ("minutes", "Minutes"),
    ("agenda_and_minutes", "Agenda and minutes"),
]


class MeetingCorrectForm(GovUKForm):
    """One meeting of the document: whether to import it, when and where, and who came."""

    include = forms.BooleanField(
        required=False,
        initial=True,
        label="Import this meeting",
        help_text="Untick to leave this meeting out of the import (for example another "
        "body's minutes printed in the pack).",
    )
    role = forms.ChoiceField(choices=ROLE_CHOICES, label="What the file holds for this meeting")
    date = GovUKDateField(required=False, label="Date", help_text="For example 25 7 2018")
    start_time = forms.CharField(
        required=False, label="Start time", help_text="24-hour, for example 14:00"
    )
    venue = forms.CharField(required=False, label="Venue")
    chair = forms.CharField(required=False, label="Chair")
    present = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Present",
        help_text="One person a line: name | role | organisation",
    )
    in_attendance = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="In attendance",
        help_text="One person a line: name | role | organisation",
    )
    apologies = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Apologies",
        help_text="One a line: name | who attended instead",
    )
    members = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Membership printed with the agenda",
        help_text="One person a line: name | role | organisation",
    )
    declarations = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Declarations of interest",
        help_text="One a line: member | item | interest",
    )

    @classmethod
    def initial_for(cls, meeting: dict) -> dict:
        return {
            "include": True,
            "role": meeting.get("role"),
            "date": meeting.get("date"),
            "start_time": meeting.get("start_time"),
            "venue": meeting.get("venue"),
            "chair": meeting.get("chair"),
            "present": _rows_text(meeting.get("present") or [], PERSON),
            "in_attendance": _rows_text(meeting.get("in_attendance") or [], PERSON),
            "apologies": _rows_text(meeting.get("apologies") or [], APOLOGY),
            "members": _rows_text(meeting.get("members") or [], PERSON),
            "declarations": _rows_text(meeting.get("declarations") or [], DECLARATION),
        }

    def clean_start_time(self):
        value = self.cleaned_data["start_time"].strip().replace(".", ":")
        if value and len(value) == 4 and value[1] == ":":
            value = f"0{value}"
        if value and not TIME.match(value):
            raise forms.ValidationError("Enter the start time as a 24-hour time, like 14:00")
        return value or None

    def _rows(self, name: str, keys: tuple[str, ...]) -> list[dict]:
        return _parse_rows(self.cleaned_data.get(name) or "", keys, str(self.fields[name].label))

    def clean(self):
        cleaned = super().clean()
        try:
            cleaned["rows"] = {
                "present": self._rows("present", PERSON),
                "in_attendance": self._rows("in_attendance", PERSON),
                "apologies": self._rows("apologies", APOLOGY),
                "members": self._rows("members", PERSON),
                "declarations": self._rows("declarations", DECLARATION),
            }
        except forms.ValidationError as error:
            self.add_error(None, error)
        return cleaned

    def meeting(self, original: dict) -> dict:
        """`original` with this form's answers; keys the form does not show are kept."""
        data = self.cleaned_data
        return original | {
            "role": data["role"],
            "date": data["date"].isoformat() if data["date"] else None,
            "start_time": data["start_time"],
            "venue": data["venue"].strip() or None,
            "chair": data["chair"].strip() or None,
            **data["rows"],
        }


STATUS_CHOICES = [("", "Not said"), ("taken", "Taken"), ("deferred", "Deferred")]
STATUS_CHOICES.append(("withdrawn", "Withdrawn"))
DECISION_CHOICES = [("", "Not said"), ("decision", "For decision"), ("information", "To note")]


class ItemCorrectForm(GovUKForm):
    """One agenda item of a meeting: its number, title, status, minute, resolutions and
    actions."""

    leave_out = forms.BooleanField(required=False, label="Leave this item out")
    number = forms.CharField(required=False, max_length=20, label="Number")
    title = forms.CharField(max_length=500, label="Title")
    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False, label="Status")
    decision_type = forms.ChoiceField(
        choices=DECISION_CHOICES, required=False, label="Decision type"
    )
    minutes_text = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 4}), label="Minute"
    )
    resolutions = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Resolutions",
        help_text="One resolution a line",
    )
    actions = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Actions",
        help_text="One a line: action | owners separated by / | due date",
    )

    @classmethod
    def initial_for(cls, item: dict) -> dict:
        return {
            "number": item.get("number"),
            "title": item.get("title"),
            "status": item.get("status") or "",
            "decision_type": item.get("decision_type") or "",
            "minutes_text": item.get("minutes_text"),
            "resolutions": "\n".join(item.get("resolutions") or []),
            "actions": actions_text(item.get("actions") or []),
        }

    def clean_actions(self):
        return actions_from_text(self.cleaned_data["actions"], "Actions")

    def clean_resolutions(self):
        return [line for _, line in lines_of(self.cleaned_data["resolutions"])]

    def item(self, original: dict) -> dict:
        data = self.cleaned_data
        return original | {
            "number": data["number"].strip() or None,
            "title": " ".join(data["title"].split()),
            "status": data["status"] or None,
            "decision_type": data["decision_type"] or None,
            "minutes_text": data["minutes_text"].strip() or None,
            "resolutions": data["resolutions"],
            "actions": data["actions"],
        }


class BaseItemFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        # Blank forms added by "extra" are ignored; only filled ones become items.
        form.empty_permitted = index >= self.initial_form_count()


ItemFormSet = forms.formset_factory(ItemCorrectForm, formset=BaseItemFormSet, extra=1)


class VersionForm(GovUKForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class PeopleForm(GovUKForm):
    """For each name found: which person in the registry it is, or none."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, matches, found, **kwargs):
        super().__init__(*args, **kwargs)
        self.matches = matches
        where = {name.name: name.where for name in found}
        for number, match in enumerate(matches):
            people = list(match.candidates)
            if match.person is not None and match.person not in people:
                people.insert(0, match.person)
            choices = [(str(person.pk), str(person)) for person in people]
            choices.append((NOT_IN_REGISTRY, "Not in the registry: keep the name as written"))
            if match.person is not None and not match.needs_confirmation:
                label = f"{match.name}: matched to {match.person}"
            elif match.person is not None:
                label = f"Is “{match.name}” {match.person}?"
            else:
                label = f"Who is “{match.name}”?"
            field = forms.ChoiceField(
                choices=choices,
                widget=forms.RadioSelect,
                label=label,
                help_text="Named " + "; ".join(where.get(match.name, [])[:4])
                if where.get(match.name)
                else "",
                initial=str(match.person.pk) if match.person else NOT_IN_REGISTRY,
            )
            field.match = match
            self.fields[f"person_{number}"] = field

    def people(self) -> dict[str, int | None]:
        chosen = {}
        for number, match in enumerate(self.matches):
            value = self.cleaned_data[f"person_{number}"]
            chosen[match.name] = None if value == NOT_IN_REGISTRY else int(value)
        return chosen
