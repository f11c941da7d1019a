"""The response form, the staff forms and their validation. Field names are the
stable interface the browser tests and the load benchmark post to."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from budgetkatalog.web.hearing.files import IncomingFile
from budgetkatalog.web.hearing.models import DialogueMeeting, SenderType
from budgetkatalog.web.hearing.periods import LocalTimeError, local_instant, wall_clock

WHOLE_CATALOGUE = ""


class ResponseForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput)
    proposal = forms.ChoiceField(label=_("Høringssvaret handler om"), required=False)
    sender_type = forms.ChoiceField(label=_("Jeg svarer som"), choices=SenderType.choices)
    name = forms.CharField(label=_("Navn"), max_length=200)
    organisation = forms.CharField(label=_("Organisation (valgfri)"), max_length=200,
                                   required=False)
    email = forms.EmailField(label=_("E-mail til kvitteringen"), max_length=254)
    text = forms.CharField(label=_("Høringssvar"), max_length=50_000,
                           widget=forms.Textarea)
    consent_name = forms.BooleanField(label=_("Mit navn må offentliggøres sammen med svaret"),
                                      required=False)
    # The honeypot: hidden from people (display: none), filled in by form robots.
    website = forms.CharField(required=False)

    def __init__(self, *args: Any, proposals: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["proposal"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(WHOLE_CATALOGUE, _("Hele kataloget")), *proposals]

    def clean_text(self) -> str:
        text = str(self.cleaned_data["text"]).strip()
        if not text:
            raise forms.ValidationError(_("Skriv dit høringssvar."))
        return text

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website", ""))


def new_token() -> uuid.UUID:
    return uuid.uuid4()


def incoming_files(uploaded: list[UploadedFile[bytes]], limit: int) -> list[IncomingFile]:
    """The uploaded files read into memory, at most ``limit`` + 1 bytes each, so a
    file over the limit is recognised without reading all of it."""
    out = []
    for upload in uploaded:
        if not upload.name:
            continue
        upload.seek(0)
        content = upload.read(limit + 1)
        if not content and not upload.size:
            continue
        out.append(IncomingFile(upload.name, content))
    return out


class LocalDateTimeField(forms.DateTimeField):
    """A Copenhagen wall-clock time, stored as the instant it names."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local", "step": "1"},
                                 format="%Y-%m-%dT%H:%M:%S")
    input_formats = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S",
                     "%Y-%m-%d %H:%M"]

    def to_python(self, value: Any) -> datetime | None:
        if value in self.empty_values:
            return None
        for fmt in self.input_formats:
            try:
                wall = datetime.strptime(str(value).strip(), fmt)
            except ValueError:
                continue
            try:
                return local_instant(wall)
            except LocalTimeError as error:
                raise forms.ValidationError(str(error)) from error
        raise forms.ValidationError(_("Skriv dato og klokkeslæt som ÅÅÅÅ-MM-DD TT:MM."))


class HearingForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=300, required=False)
    opens_at = LocalDateTimeField(label=_("Åbner (dansk tid)"))
    deadline = LocalDateTimeField(label=_("Frist (dansk tid)"))


class DeadlineForm(forms.Form):
    deadline = LocalDateTimeField(label=_("Ny frist (dansk tid)"))


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=300)
    starts_at = LocalDateTimeField(label=_("Begynder (dansk tid)"))
    ends_at = LocalDateTimeField(label=_("Slutter (dansk tid)"))
    place = forms.CharField(label=_("Sted"), max_length=300)
    accessibility = forms.CharField(label=_("Tilgængelighed"), required=False,
                                    widget=forms.Textarea)
    proposals = forms.CharField(label=_("Forslag (numre adskilt af komma; tomt = hele "
                                        "kataloget)"), required=False)
    capacity = forms.IntegerField(label=_("Antal pladser"), min_value=1, max_value=10_000)

    def proposal_numbers(self) -> tuple[str, ...]:
        raw = str(self.cleaned_data.get("proposals") or "")
        return tuple(p.strip() for p in raw.split(",") if p.strip())

    @staticmethod
    def initial_of(meeting: DialogueMeeting) -> dict[str, Any]:
        """The form's fields for an existing meeting, times in Copenhagen wall clock."""
        return {"title": meeting.title, "starts_at": wall_clock(meeting.starts_at),
                "ends_at": wall_clock(meeting.ends_at), "place": meeting.place,
                "accessibility": meeting.accessibility, "capacity": meeting.capacity,
                "proposals": ", ".join(meeting.proposal_numbers)}


class CancelMeetingForm(forms.Form):
    reason = forms.CharField(label=_("Begrundelse (sendes til de tilmeldte)"), max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class SignupForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), max_length=254)


class PublishForm(forms.Form):
    public_name = forms.CharField(label=_("Navn, som det offentliggøres"), required=False,
                                  max_length=200)
    reason_public_name = forms.CharField(label=_("Begrundelse for ændring af navn"),
                                         required=False, max_length=500)
    public_organisation = forms.CharField(label=_("Organisation, som den offentliggøres"),
                                          required=False, max_length=200)
    reason_public_organisation = forms.CharField(
        label=_("Begrundelse for ændring af organisation"), required=False, max_length=500)
    public_text = forms.CharField(label=_("Tekst, som den offentliggøres"), required=False,
                                  widget=forms.Textarea)
    reason_public_text = forms.CharField(label=_("Begrundelse for ændring af tekst"),
                                         required=False, max_length=500)
