"""The public hearing (høring) of a published catalogue version: its period, the
responses (høringssvar) with their attachments, the receipt outbox and the dialogue
meetings.

A response is stored exactly as it was sent; what the public sees is a separate,
masked and possibly redacted copy (``public_*``) written at publication. The e-mail
address is kept only for the receipt and for access requests, never shown publicly.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from budgetkatalog.web.catalogues.models import Catalogue, CatalogueVersion


class Hearing(models.Model):
    """A hearing period for one published version of a catalogue."""

    catalogue = models.ForeignKey(Catalogue, on_delete=models.PROTECT, related_name="hearings")
    version = models.ForeignKey(CatalogueVersion, on_delete=models.PROTECT,
                                related_name="hearings")
    title = models.CharField(_("titel"), max_length=300)
    opens_at = models.DateTimeField(_("åbner"))
    deadline = models.DateTimeField(_("frist"))
    # Closing early sets the deadline to the moment of closing; this remembers that it
    # was closed rather than extended, for the page's wording.
    closed_early = models.BooleanField(default=False)
    # When the whole hearing's archive export (the Excel workbook) was last made: the
    # retention command refuses to delete personal data before it exists.
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-deadline"]

    def __str__(self) -> str:
        return self.title

    def is_open(self, at: datetime) -> bool:
        """Open from the opening second up to and including the deadline's second."""
        return self.opens_at <= at <= self.deadline


class SenderType(models.TextChoices):
    CITIZEN = "citizen", _("Borger")
    BUSINESS = "business", _("Virksomhed")
    ASSOCIATION = "association", _("Forening")
    BOARD = "board", _("Skole- eller institutionsbestyrelse")
    ELDERLY_COUNCIL = "elderly_council", _("Ældreråd")
    DISABILITY_COUNCIL = "disability_council", _("Handicapråd")
    STAFF = "staff", _("MED-udvalg / medarbejdere")
    AUTHORITY = "authority", _("Myndighed")


class ResponseState(models.TextChoices):
    RECEIVED = "received", _("Modtaget")
    PUBLISHED = "published", _("Offentliggjort")
    WITHHELD = "withheld", _("Ikke offentliggjort")


class Response(models.Model):
    """One hearing response, to one proposal or (blank number) to the whole catalogue."""

    # No index of its own: the (hearing, state, proposal) index below serves every
    # look-up by hearing, and each index is one more write per response at the deadline.
    hearing = models.ForeignKey(Hearing, on_delete=models.PROTECT, related_name="responses",
                                db_index=False)
    # The idempotency key the form carries: the same submission sent again (double
    # click, retry, parallel identical POSTs) finds this row instead of making another.
    submission_token = models.UUIDField(unique=True)
    # sha256 of what was sent, so a reused token with other content is not taken for
    # the same submission (and never answers with someone else's receipt).
    fingerprint = models.CharField(max_length=64)
    proposal_number = models.CharField(_("forslag"), max_length=20, blank=True)
    proposal_title = models.CharField(max_length=300, blank=True)
    sender_type = models.CharField(_("afsendertype"), max_length=30, choices=SenderType.choices)
    name = models.CharField(_("navn"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254)
    text = models.TextField(_("høringssvar"))
    consent_name = models.BooleanField(_("må navnet offentliggøres"), default=False)
    received_at = models.DateTimeField()
    state = models.CharField(max_length=20, choices=ResponseState.choices,
                             default=ResponseState.RECEIVED)
    public_name = models.CharField(max_length=200, blank=True)
    public_organisation = models.CharField(max_length=200, blank=True)
    public_text = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["hearing", "id"]
        indexes = [models.Index(fields=["hearing", "state", "proposal_number"]),
                   models.Index(fields=["email"])]

    def __str__(self) -> str:
        return f"{_('Høringssvar')} {self.number}"

    @property
    def number(self) -> int:
        """The response number on the receipt and the public page: the row's id, which
        needs no counter that parallel submissions would queue on."""
        assert self.pk is not None
        return int(self.pk)

    @property
    def to_whole_catalogue(self) -> bool:
        return not self.proposal_number


class Attachment(models.Model):
    """A PDF sent with a response. The file lives under ``HEARING_FILES_DIR`` (outside
    the web root) as ``stored_name``; it is served only through a permission-checked
    view, as an attachment."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="attachments")
    original_name = models.CharField(max_length=200)
    stored_name = models.CharField(max_length=80, unique=True)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    # Withheld attachments stay visible to staff only.
    public = models.BooleanField(default=False)

    class Meta:
        ordering = ["response", "id"]

    def __str__(self) -> str:
        return self.original_name


class OutboxMessage(models.Model):
    """An e-mail to send, written in the same transaction as what caused it and sent
    by the ``send_outbox`` worker with retries."""

    response = models.ForeignKey(Response, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="messages")
    # A message about a dialogue meeting (changed, cancelled) to one sign-up: it goes
    # with the sign-up when retention deletes that.
    signup = models.ForeignKey("MeetingSignup", null=True, blank=True,
                               on_delete=models.CASCADE, related_name="messages")
    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    # A worker claims a message until this moment, so two workers never send it twice.
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        # The worker looks for unsent messages that are due; sent ones leave the index.
        indexes = [models.Index(fields=["next_attempt_at"], name="outbox_unsent_due",
                                condition=models.Q(sent_at__isnull=True))]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"


class DialogueMeeting(models.Model):
    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("titel"), max_length=300)
    starts_at = models.DateTimeField(_("starter"))
    ends_at = models.DateTimeField(_("slutter"))
    place = models.CharField(_("sted"), max_length=300)
    accessibility = models.TextField(_("tilgængelighed"), blank=True)
    # Proposal numbers discussed, e.g. ["2.4", "2.5"]; empty means the whole catalogue.
    proposal_numbers = models.JSONField(default=list, blank=True)
    capacity = models.PositiveIntegerField(_("antal pladser"))
    # Set when finance staff cancel the meeting; the sign-ups are told by e-mail.
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # The calendar entry's SEQUENCE (RFC 5545): counted up at each change, so that a
    # calendar that imported the .ics takes the new one as an update of the same entry.
    sequence = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return self.title


class MeetingSignup(models.Model):
    meeting = models.ForeignKey(DialogueMeeting, on_delete=models.CASCADE,
                                related_name="signups")
    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("e-mail"), max_length=254)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "email"],
                                               name="one_signup_per_email")]
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return self.name
