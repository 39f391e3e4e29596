"""Forms for requests: Part A (with its subjects), Part B and the destruction date."""

from django import forms
from django.utils import timezone

from saferboard.core.forms import GovUKDateField, GovUKForm
from saferboard.sharing.models import DeliveryMethod, LegalBasis, SubjectRole, SubjectTold
from saferboard.sharing.requests import SubjectDetails

MAX_SUBJECTS = 20
YES_NO = [("yes", "Yes"), ("no", "No")]


class PartyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.organisation.name} ({obj.agreement.title})"


def _subject_fields(number: int) -> dict[str, forms.Field]:
    return {
        f"subject_{number}_name": forms.CharField(
            label="Full name", max_length=200, required=False
        ),
        f"subject_{number}_address": forms.CharField(
            label="Address", required=False, widget=forms.Textarea(attrs={"rows": 3})
        ),
        f"subject_{number}_date_of_birth": GovUKDateField(
            label="Date of birth", required=False, help_text="For example 27 3 1990"
        ),
        f"subject_{number}_role": forms.ChoiceField(
            label="Their part in the matter",
            choices=SubjectRole.choices,
            required=False,
            widget=forms.RadioSelect,
        ),
    }


class PartAForm(GovUKForm):
    """Part A of the protocol's form. Subjects are numbered groups of fields; "Add another
    subject" posts the form back with one more group (no script needed)."""

    requesting_party = PartyChoiceField(
        queryset=None, label="Requesting party", help_text="The organisation asking."
    )
    disclosing_party = PartyChoiceField(
        queryset=None,
        label="Ask for the information from",
        help_text="Only parties that have signed the agreement can be asked.",
    )
    requester_name = forms.CharField(label="Your name", max_length=200)
    requester_job_title = forms.CharField(label="Your job title", max_length=200)
    requester_department = forms.CharField(
        label="Organisation or department", max_length=200, required=False
    )
    requester_email = forms.EmailField(label="E-mail address", required=False)
    requester_phone = forms.CharField(label="Phone number", max_length=40, required=False)
    information_requested = forms.CharField(
        label="What information do you need?",
        help_text="Describe it without personal details: the subjects' names, addresses and "
        "dates of birth go in their own boxes below, where they are encrypted.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    purpose = forms.CharField(label="Why do you need it?", widget=forms.Textarea(attrs={"rows": 4}))
    needed_by = GovUKDateField(
        label="Date needed by", required=False, help_text="For example 27 3 2026"
    )
    urgent_reason = forms.CharField(
        label="If it is urgent, why",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    consent_obtained = forms.ChoiceField(
        label="Have the subjects consented to sharing?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text="If yes, keep the signed consent form with your case record.",
    )
    public_interest_reason = forms.CharField(
        label="Without consent: the public interest and why sharing is justified",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    legal_bases = forms.MultipleChoiceField(
        label="Legal basis for sharing",
        choices=LegalBasis.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick every one that applies.",
    )

    REQUESTER = (
        "requester_name",
        "requester_job_title",
        "requester_department",
        "requester_email",
        "requester_phone",
    )
    REQUEST = ("information_requested", "purpose", "needed_by", "urgent_reason")
    CONSENT = ("consent_obtained", "public_interest_reason", "legal_bases")

    slot_count = 1  # how many groups of subject fields (see part_a_form)

    def __init__(self, *args, requesting, disclosing, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requesting_party"].queryset = requesting
        self.fields["disclosing_party"].queryset = disclosing

    def fields_named(self, names):
        return [self[name] for name in names]

    def requester_fields(self):
        return self.fields_named(self.REQUESTER)

    def request_fields(self):
        return self.fields_named(self.REQUEST)

    def consent_fields(self):
        return self.fields_named(self.CONSENT)

    def subject_groups(self):
        return [
            (
                number,
                self.fields_named(
                    f"subject_{number}_{part}"
                    for part in ("name", "address", "date_of_birth", "role")
                ),
            )
            for number in range(1, self.slot_count + 1)
        ]

    def clean(self):
        data = super().clean()
        subjects = []
        for number in range(1, self.slot_count + 1):
            name = (data.get(f"subject_{number}_name") or "").strip()
            address = (data.get(f"subject_{number}_address") or "").strip()
            born = data.get(f"subject_{number}_date_of_birth")
            role = data.get(f"subject_{number}_role") or ""
            if not (name or address or born or role):
                continue
            if not name:
                self.add_error(f"subject_{number}_name", f"Enter subject {number}'s full name")
            if not role:
                self.add_error(
                    f"subject_{number}_role", f"Select subject {number}'s part in the matter"
                )
            if born and born > timezone.localdate():
                self.add_error(
                    f"subject_{number}_date_of_birth",
                    f"Subject {number}'s date of birth must be in the past",
                )
            if name and role:
                subjects.append(
                    SubjectDetails(role=role, name=name, address=address, date_of_birth=born)
                )
        if not subjects and not any(name.startswith("subject_") for name in self.errors):
            self.add_error("subject_1_name", "Enter at least one subject: their full name")
        data["subjects"] = subjects
        data["consent_obtained"] = data.get("consent_obtained") == "yes"
        reason = (data.get("public_interest_reason") or "").strip()
        if not data["consent_obtained"] and not reason and "consent_obtained" not in self.errors:
            self.add_error(
                "public_interest_reason",
                "Without consent, give the public interest reason for sharing",
            )
        return data


def part_a_form(*args, subject_count: int = 1, **kwargs) -> PartAForm:
    """Part A with `subject_count` groups of subject fields (1 to MAX_SUBJECTS)."""
    count = max(1, min(subject_count, MAX_SUBJECTS))
    fields: dict = {"slot_count": count}
    for number in range(1, count + 1):
        fields |= _subject_fields(number)
    form_class = type("PartAForm", (PartAForm,), fields)
    return form_class(*args, **kwargs)


class PartBForm(GovUKForm):
    """Part B: the discloser's answer, and what the decision log needs."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    received_on = GovUKDateField(label="Date the request was received")
    disclosure_agreed = forms.ChoiceField(
        label="Is the disclosure agreed?", choices=YES_NO, widget=forms.RadioSelect
    )
    reasons = forms.CharField(
        label="Reasons for the decision",
        help_text="If declined, this is the reason given to the requester.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    information_summary = forms.CharField(
        label="Summary of the information, for the decision log",
        help_text="A summary, never the content: for example “current tenancy status”.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    information_type = forms.CharField(
        label="Type of information", max_length=200, help_text="For example tenancy records."
    )
    authorised_by = forms.CharField(
        label="Who consented, or who authorised sharing without consent",
        max_length=200,
        help_text="Name and job title.",
    )
    subject_told = forms.ChoiceField(
        label="Without consent: was the person told their information was shared?",
        choices=[(SubjectTold.YES, "Yes"), (SubjectTold.NO, "No")],
        widget=forms.RadioSelect,
        required=False,
    )
    not_told_reason = forms.CharField(
        label="If not, why not", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    information_disclosed = forms.CharField(
        label="If agreed: what was disclosed",
        required=False,
        help_text="Kept encrypted, shown only with the personal details, and destroyed on "
        "the destruction date.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    disclosed_by_name = forms.CharField(label="Disclosed by (name)", max_length=200, required=False)
    disclosed_by_job_title = forms.CharField(
        label="Disclosed by (job title)", max_length=200, required=False
    )
    disclosed_to_name = forms.CharField(label="Disclosed to (name)", max_length=200, required=False)
    delivery_method = forms.ChoiceField(
        label="How it was shared",
        choices=DeliveryMethod.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text="Secure e-mail or a password-protected file, never plain e-mail.",
    )
    supplied_on = GovUKDateField(label="Date supplied", required=False)

    def __init__(self, *args, with_consent: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if with_consent:
            del self.fields["subject_told"]
            del self.fields["not_told_reason"]
            self.fields["authorised_by"].label = "Who consented"

    def clean(self):
        data = super().clean()
        data["disclosure_agreed"] = data.get("disclosure_agreed") == "yes"
        received = data.get("received_on")
        if received and received > timezone.localdate():
            self.add_error("received_on", "The date received cannot be in the future")
        return data


class DestroyOnForm(GovUKForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    destroy_on = GovUKDateField(
        label="Destroy the personal details on",
        help_text="`saferboard retention` destroys them on this date. For example 27 3 2027",
    )

    def clean_destroy_on(self):
        day = self.cleaned_data["destroy_on"]
        if day < timezone.localdate():
            raise forms.ValidationError("The destruction date cannot be in the past")
        return day
