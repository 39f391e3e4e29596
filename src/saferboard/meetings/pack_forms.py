"""Forms for papers: uploading one to an item, and replacing one's file."""

from django import forms

from saferboard.core.forms import GovUKForm
from saferboard.meetings.papers import paper_max_bytes, size_label


def _file_field(label: str) -> forms.FileField:
    # Empty files pass the form: the paper checks refuse them naming the file.
    return forms.FileField(
        label=label,
        allow_empty_file=True,
        help_text=f"PDF or Word (.docx), up to {size_label(paper_max_bytes())}. "
        "Word documents are turned into PDF for the pack.",
        widget=forms.FileInput(attrs={"accept": ".pdf,.docx,application/pdf"}),
    )


class PaperUploadForm(GovUKForm):
    title = forms.CharField(
        max_length=300,
        required=False,
        label="Title of the paper",
        help_text="As it will appear in the pack's bookmarks. Leave empty to use the file name.",
    )
    file = _file_field("Paper")


class PaperReplaceForm(GovUKForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    file = _file_field("New file")
