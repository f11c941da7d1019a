"""Every write in a hearing: ``do_<verb>_<noun>``, one transaction each,
permission-checked and recorded in the audit log.

A response is stored before anything else happens: its row, its attachments' rows
and the receipt in the outbox commit together, and the e-mail is sent later by the
``send_outbox`` worker, so a slow or failing mail server never loses or delays it.
Nothing personal is written to the audit log (it outlives the retention period).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.auditlog.record import record
from budgetkatalog.web.catalogues.models import Catalogue
from budgetkatalog.web.hearing import files as attachment_files
from budgetkatalog.web.hearing import permissions, queries
from budgetkatalog.web.hearing.masking import mask_personal_data
from budgetkatalog.web.hearing.models import (
    Attachment,
    DialogueMeeting,
    Hearing,
    MeetingSignup,
    OutboxMessage,
    Response,
    ResponseState,
    SenderType,
)
from budgetkatalog.web.hearing.periods import wall_clock, whole_second


class HearingClosed(Exception):
    """The response arrived before the opening or after the deadline."""

    def __init__(self, hearing: Hearing, at: datetime) -> None:
        super().__init__(f"hearing {hearing.pk} is not open at {at.isoformat()}")
        self.hearing = hearing
        self.at = at


class TokenReused(Exception):
    """A submission token came back with other content: not the same submission."""


class InvalidHearing(ValueError):
    pass


class RedactionReasonMissing(ValueError):
    def __init__(self, fields: list[str]) -> None:
        super().__init__(", ".join(fields))
        self.fields = fields


class MeetingFull(Exception):
    pass


class NotArchived(Exception):
    """Personal data would be deleted before the hearing's archive export was made."""

    def __init__(self, hearings: list[Hearing]) -> None:
        super().__init__(", ".join(str(h.pk) for h in hearings))
        self.hearings = hearings


def _finance(actor: User | None) -> User:
    if actor is None or not permissions.can_manage(actor):
        raise PermissionDenied
    return actor


# -- hearings ------------------------------------------------------------------------

@transaction.atomic
def do_create_hearing(actor: User, catalogue_id: int, *, opens_at: datetime,
                      deadline: datetime, title: str = "") -> Hearing:
    """A hearing of the catalogue's latest published version."""
    _finance(actor)
    catalogue = Catalogue.objects.select_related("latest_version").get(pk=catalogue_id)
    if catalogue.latest_version is None:
        raise InvalidHearing(_("Kataloget er ikke offentliggjort endnu."))
    opens_at, deadline = whole_second(opens_at), whole_second(deadline)
    if deadline <= opens_at:
        raise InvalidHearing(_("Fristen skal ligge efter åbningen."))
    hearing = Hearing.objects.create(
        catalogue=catalogue, version=catalogue.latest_version,
        title=title or _("Høring om %(catalogue)s") % {"catalogue": catalogue.title},
        opens_at=opens_at, deadline=deadline)
    record(actor, "hearing.create", hearing, {
        "opens_at": wall_clock(opens_at).isoformat(),
        "deadline": wall_clock(deadline).isoformat(),
        "version": catalogue.latest_version.number})
    return hearing


@transaction.atomic
def do_set_deadline(actor: User, hearing_id: int, deadline: datetime) -> Hearing:
    """Extend (or move) the deadline; logged with the old and new deadline."""
    _finance(actor)
    hearing = Hearing.objects.select_for_update().get(pk=hearing_id)
    deadline = whole_second(deadline)
    if deadline <= hearing.opens_at:
        raise InvalidHearing(_("Fristen skal ligge efter åbningen."))
    before = hearing.deadline
    hearing.deadline = deadline
    hearing.closed_early = False
    hearing.save(update_fields=["deadline", "closed_early"])
    record(actor, "hearing.set_deadline", hearing, {
        "deadline": [wall_clock(before).isoformat(), wall_clock(deadline).isoformat()]})
    return hearing


@transaction.atomic
def do_close_hearing(actor: User, hearing_id: int, *, at: datetime | None = None) -> Hearing:
    """Close now: the deadline becomes this second (logged)."""
    _finance(actor)
    at = whole_second(at or timezone.now())
    hearing = Hearing.objects.select_for_update().get(pk=hearing_id)
    if at >= hearing.deadline:
        raise InvalidHearing(_("Høringen er allerede afsluttet."))
    before = hearing.deadline
    hearing.deadline = max(at, hearing.opens_at)
    hearing.closed_early = True
    hearing.save(update_fields=["deadline", "closed_early"])
    record(actor, "hearing.close_early", hearing, {
        "deadline": [wall_clock(before).isoformat(), wall_clock(hearing.deadline).isoformat()]})
    return hearing


# -- responses -----------------------------------------------------------------------

@dataclass(frozen=True)
class ResponseData:
    """What the response form sends (already validated as a form)."""

    token: uuid.UUID
    sender_type: SenderType
    name: str
    email: str
    text: str
    organisation: str = ""
    proposal_number: str = ""
    consent_name: bool = False
    files: tuple[attachment_files.IncomingFile, ...] = field(default_factory=tuple)

    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for part in (self.sender_type, self.name, self.organisation, self.email.casefold(),
                     self.text, self.proposal_number, str(self.consent_name)):
            digest.update(part.encode())
            digest.update(b"\x00")
        for incoming in self.files:
            digest.update(hashlib.sha256(incoming.content).digest())
        return digest.hexdigest()


@dataclass(frozen=True)
class Submitted:
    response: Response
    created: bool
    attachments: tuple[Attachment, ...] = ()


def _same_submission(existing: Response, data: ResponseData) -> Submitted:
    if existing.fingerprint != data.fingerprint():
        raise TokenReused(str(data.token))
    return Submitted(existing, created=False, attachments=tuple(existing.attachments.all()))


def _stored_submission(data: ResponseData) -> Submitted | None:
    existing = Response.objects.filter(submission_token=data.token).first()
    return None if existing is None else _same_submission(existing, data)


def receipt_message(response: Response) -> tuple[str, str]:
    subject = _("Kvittering for høringssvar nr. %(number)s") % {"number": response.number}
    body = render_to_string("hearing/receipt_mail.txt", {
        "response": response, "received": wall_clock(response.received_at)})
    return subject, body


def do_submit_response(hearing: Hearing | int, data: ResponseData, *,
                       at: datetime) -> Submitted:
    """Store a response (to one proposal, or the whole catalogue when the number is
    blank) and its receipt in the outbox, in one transaction.

    The same submission again (same token, same content) answers with the response
    already stored: a double click, a retry or 50 parallel POSTs make one response.
    The usual case, a new submission, costs one transaction of three inserts: the
    token's unique constraint, not a look-up before, finds the repeats. ``hearing``
    may be the row the view has just read (one query fewer at the deadline's peak)."""
    if not isinstance(hearing, Hearing):
        hearing = Hearing.objects.get(pk=hearing)
    at = whole_second(at)
    if not hearing.is_open(at):
        # A repeat of a submission stored in time is answered with its receipt.
        repeat = _stored_submission(data)
        if repeat is not None:
            return repeat
        raise HearingClosed(hearing, at)
    title = ""
    if data.proposal_number:
        found = queries.proposal_title(hearing, data.proposal_number)
        if found is None:
            raise InvalidHearing(_("Forslaget findes ikke i høringen."))
        title = found
    if len(data.files) > attachment_files.max_count():
        raise attachment_files.AttachmentError(
            _("Højst %(count)s bilag.") % {"count": attachment_files.max_count()})
    for incoming in data.files:
        attachment_files.check_pdf(incoming)
    stored = [attachment_files.store(incoming) for incoming in data.files]
    try:
        with transaction.atomic():
            response = Response.objects.create(
                hearing=hearing, submission_token=data.token, fingerprint=data.fingerprint(),
                proposal_number=data.proposal_number, proposal_title=title,
                sender_type=data.sender_type, name=data.name, organisation=data.organisation,
                email=data.email, text=data.text, consent_name=data.consent_name,
                received_at=at)
            attachments = [Attachment(response=response, original_name=s.original_name,
                                      stored_name=s.stored_name, size=s.size,
                                      sha256=s.sha256) for s in stored]
            if attachments:
                Attachment.objects.bulk_create(attachments)
            subject, body = receipt_message(response)
            OutboxMessage.objects.create(response=response, to=data.email, subject=subject,
                                         body=body, next_attempt_at=at)
            record(None, "hearing.submit_response", response, {
                "hearing": hearing.pk, "proposal": data.proposal_number,
                "sender_type": str(data.sender_type), "attachments": len(stored)})
    except IntegrityError:
        attachment_files.remove([s.stored_name for s in stored])
        repeat = _stored_submission(data)
        if repeat is None:
            raise
        return repeat
    except BaseException:
        attachment_files.remove([s.stored_name for s in stored])
        raise
    return Submitted(response, created=True, attachments=tuple(attachments))


PUBLIC_FIELDS = ("public_name", "public_organisation", "public_text")


def suggested_publication(response: Response) -> dict[str, str]:
    """What publication shows unless staff redact more: the name only with consent,
    contact data masked everywhere."""
    return {
        "public_name": mask_personal_data(response.name) if response.consent_name else "",
        "public_organisation": mask_personal_data(response.organisation),
        "public_text": mask_personal_data(response.text),
    }


@transaction.atomic
def do_publish_response(actor: User, response_id: int, *, public: dict[str, str],
                        reasons: dict[str, str], public_attachments: Iterable[int] = (),
                        at: datetime | None = None) -> Response:
    """Publish a response after its check. A field published otherwise than suggested
    (``suggested_publication``) is a redaction and needs a reason, which is logged.
    Whatever staff type, contact data is masked again, and a name without consent
    stays unpublished."""
    _finance(actor)
    response = Response.objects.select_for_update().get(pk=response_id)
    suggested = suggested_publication(response)
    final = {name: mask_personal_data(public.get(name, suggested[name]).strip())
             for name in PUBLIC_FIELDS}
    if not response.consent_name:
        final["public_name"] = ""
    redacted = [name for name in PUBLIC_FIELDS if final[name] != suggested[name].strip()]
    missing = [name for name in redacted if not reasons.get(name, "").strip()]
    if missing:
        raise RedactionReasonMissing(missing)
    for name, value in final.items():
        setattr(response, name, value)
    response.state = ResponseState.PUBLISHED
    response.published_at = at or timezone.now()
    response.published_by = actor
    response.save(update_fields=[*PUBLIC_FIELDS, "state", "published_at", "published_by"])
    shown = set(public_attachments)
    for attachment in response.attachments.all():
        if attachment.public != (attachment.pk in shown):
            attachment.public = attachment.pk in shown
            attachment.save(update_fields=["public"])
    record(actor, "hearing.publish_response", response, {
        "redacted": {name: reasons[name].strip() for name in redacted},
        "public_attachments": sorted(shown)})
    return response


@transaction.atomic
def do_withhold_response(actor: User, response_id: int, *, reason: str) -> Response:
    """Take a response off (or keep it off) the public pages; the reason is logged."""
    _finance(actor)
    if not reason.strip():
        raise RedactionReasonMissing(["reason"])
    response = Response.objects.select_for_update().get(pk=response_id)
    response.state = ResponseState.WITHHELD
    for name in PUBLIC_FIELDS:
        setattr(response, name, "")
    response.published_at = None
    response.save(update_fields=[*PUBLIC_FIELDS, "state", "published_at"])
    response.attachments.update(public=False)
    record(actor, "hearing.withhold_response", response, {"reason": reason.strip()})
    return response


# -- exports and retention -------------------------------------------------------------

@transaction.atomic
def do_record_archive_export(actor: User, hearing_id: int, *, at: datetime) -> Hearing:
    """The full archive export of a hearing was made (the retention command needs it)."""
    _finance(actor)
    hearing = Hearing.objects.select_for_update().get(pk=hearing_id)
    hearing.archived_at = at
    hearing.save(update_fields=["archived_at"])
    record(actor, "hearing.archive_export", hearing, {"at": at.isoformat()})
    return hearing


@dataclass(frozen=True)
class Purged:
    responses: int
    files: int
    signups: int


@transaction.atomic
def do_purge_personal_data(actor: User | None, *, older_than: timedelta,
                           at: datetime) -> Purged:
    """Hard-delete responses received more than ``older_than`` before ``at`` (rows,
    attachments' rows and files, outbox messages) and sign-ups to meetings that ended
    that long ago. Refuses, deleting nothing, while any hearing concerned has no
    archive export made after its last response was received."""
    if actor is not None:
        _finance(actor)
    cutoff = at - older_than
    old = Response.objects.filter(received_at__lt=cutoff)
    latest = dict(old.values("hearing_id").annotate(last=Max("received_at"))
                  .values_list("hearing_id", "last"))
    hearings = list(Hearing.objects.filter(pk__in=latest).order_by("pk"))
    unarchived = [h for h in hearings
                  if h.archived_at is None or h.archived_at < latest[h.pk]]
    if unarchived:
        raise NotArchived(unarchived)
    stored = list(Attachment.objects.filter(response__in=old)
                  .values_list("stored_name", flat=True))
    count = old.count()
    OutboxMessage.objects.filter(response__in=old).delete()
    Attachment.objects.filter(response__in=old).delete()
    old.delete()
    signups = MeetingSignup.objects.filter(meeting__ends_at__lt=cutoff)
    signup_count = signups.count()
    signups.delete()
    record(actor, "hearing.purge_personal_data", None, {
        "before": cutoff.isoformat(), "responses": count, "files": len(stored),
        "signups": signup_count, "hearings": [h.pk for h in hearings]},
        object_type="hearing.Response")
    # Files go once the rows are surely gone: after the commit.
    transaction.on_commit(lambda: attachment_files.remove(stored))
    return Purged(count, len(stored), signup_count)


@transaction.atomic
def do_export_person_data(actor: User | None, email: str) -> list[dict[str, object]]:
    """Everything stored about the sender with this e-mail address (an access request
    under GDPR art. 15); the look-up is logged, the address itself is not."""
    if actor is not None:
        _finance(actor)
    folded = email.strip().casefold()
    rows = (Response.objects.filter(email__iexact=folded).select_related("hearing")
            .prefetch_related("attachments").order_by("received_at", "id"))
    out: list[dict[str, object]] = []
    for r in rows:
        out.append({
            "response": r.number, "hearing": r.hearing.title,
            "proposal": r.proposal_number or None, "sender_type": r.sender_type,
            "name": r.name, "organisation": r.organisation, "email": r.email,
            "text": r.text, "consent_name": r.consent_name,
            "received_at": r.received_at.isoformat(), "state": r.state,
            "published": ({name: getattr(r, name) for name in PUBLIC_FIELDS}
                          if r.state == ResponseState.PUBLISHED else None),
            "attachments": [{"name": a.original_name, "size": a.size, "sha256": a.sha256}
                            for a in r.attachments.all()],
        })
    signups = (MeetingSignup.objects.filter(email__iexact=folded).select_related("meeting")
               .order_by("created_at", "id"))
    for s in signups:
        out.append({"meeting": s.meeting.title, "name": s.name, "email": s.email,
                    "signed_up_at": s.created_at.isoformat()})
    record(actor, "hearing.export_person_data", None, {
        "email_sha256": hashlib.sha256(folded.encode()).hexdigest(), "records": len(out)},
        object_type="hearing.Response")
    return out


# -- dialogue meetings -----------------------------------------------------------------

@dataclass(frozen=True)
class MeetingData:
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    capacity: int
    accessibility: str = ""
    proposal_numbers: tuple[str, ...] = ()


def _check_meeting(hearing: Hearing, data: MeetingData) -> None:
    if data.ends_at <= data.starts_at:
        raise InvalidHearing(_("Mødet skal slutte efter det begynder."))
    if data.capacity < 1:
        raise InvalidHearing(_("Der skal være mindst én plads."))
    known = {number for number, _title in queries.version_proposals(hearing.version_id)}
    unknown = [n for n in data.proposal_numbers if n not in known]
    if unknown:
        raise InvalidHearing(_("Ukendte forslag: %(numbers)s") % {"numbers": ", ".join(unknown)})


def _meeting_facts(meeting: DialogueMeeting) -> dict[str, object]:
    """What the audit log keeps of a meeting: no sign-up's name or address."""
    return {"title": meeting.title, "starts_at": wall_clock(meeting.starts_at).isoformat(),
            "ends_at": wall_clock(meeting.ends_at).isoformat(), "place": meeting.place,
            "accessibility": meeting.accessibility, "capacity": meeting.capacity,
            "proposals": list(meeting.proposal_numbers)}


@transaction.atomic
def do_create_meeting(actor: User, hearing_id: int, data: MeetingData) -> DialogueMeeting:
    _finance(actor)
    hearing = Hearing.objects.get(pk=hearing_id)
    _check_meeting(hearing, data)
    meeting = DialogueMeeting.objects.create(
        hearing=hearing, title=data.title, starts_at=whole_second(data.starts_at),
        ends_at=whole_second(data.ends_at), place=data.place,
        accessibility=data.accessibility, proposal_numbers=list(data.proposal_numbers),
        capacity=data.capacity)
    record(actor, "hearing.create_meeting", meeting, {
        "starts_at": wall_clock(meeting.starts_at).isoformat(), "place": data.place,
        "capacity": data.capacity, "proposals": list(data.proposal_numbers)})
    return meeting


# What a signed-up citizen is told about when it changes.
TOLD_CHANGES = frozenset({"title", "starts_at", "ends_at", "place", "accessibility"})


def _tell_signups(meeting: DialogueMeeting, *, cancelled: bool, reason: str = "",
                  changed: Iterable[str] = ()) -> int:
    """An e-mail to every sign-up through the outbox (sent by ``send_outbox``), in
    Danish: a sign-up's language is not known."""
    signups = list(meeting.signups.all())
    with translation.override("da"):
        subject = (_("Dialogmødet »%(title)s« er aflyst") if cancelled else
                   _("Dialogmødet »%(title)s« er ændret")) % {"title": meeting.title}
        body = render_to_string("hearing/meeting_mail.txt", {
            "meeting": meeting, "cancelled": cancelled, "reason": reason,
            "changed": set(changed)})
    now = timezone.now()
    OutboxMessage.objects.bulk_create([
        OutboxMessage(signup=s, to=s.email, subject=subject[:300], body=body,
                      next_attempt_at=now) for s in signups])
    return len(signups)


@transaction.atomic
def do_update_meeting(actor: User, meeting_id: int, data: MeetingData) -> DialogueMeeting:
    """Change a meeting. Its sign-ups are told by e-mail when the time, place, title or
    accessibility changed; the places cannot drop below the sign-ups already made."""
    _finance(actor)
    meeting = (DialogueMeeting.objects.select_for_update().select_related("hearing")
               .get(pk=meeting_id))
    if meeting.cancelled_at is not None:
        raise InvalidHearing(_("Mødet er aflyst og kan ikke ændres."))
    _check_meeting(meeting.hearing, data)
    taken = meeting.signups.count()
    if data.capacity < taken:
        raise InvalidHearing(_("Der er allerede %(count)s tilmeldte; antallet af pladser kan "
                               "ikke være lavere.") % {"count": taken})
    before = _meeting_facts(meeting)
    meeting.title, meeting.place = data.title, data.place
    meeting.starts_at, meeting.ends_at = whole_second(data.starts_at), whole_second(data.ends_at)
    meeting.accessibility, meeting.capacity = data.accessibility, data.capacity
    meeting.proposal_numbers = list(data.proposal_numbers)
    after = _meeting_facts(meeting)
    changed = [name for name in after if after[name] != before[name]]
    if not changed:
        return meeting
    meeting.sequence += 1
    meeting.save()
    told = (_tell_signups(meeting, cancelled=False, changed=changed)
            if TOLD_CHANGES.intersection(changed) else 0)
    record(actor, "hearing.update_meeting", meeting, {
        "changed": {name: [before[name], after[name]] for name in changed}, "told": told})
    return meeting


@transaction.atomic
def do_cancel_meeting(actor: User, meeting_id: int, *, reason: str,
                      at: datetime | None = None) -> DialogueMeeting:
    """Cancel a meeting: it stays listed as cancelled, takes no more sign-ups, its
    calendar entry says CANCELLED, and every sign-up is told why by e-mail."""
    _finance(actor)
    if not reason.strip():
        raise RedactionReasonMissing(["reason"])
    meeting = DialogueMeeting.objects.select_for_update().get(pk=meeting_id)
    if meeting.cancelled_at is not None:
        raise InvalidHearing(_("Mødet er allerede aflyst."))
    meeting.cancelled_at = at or timezone.now()
    meeting.sequence += 1
    meeting.save(update_fields=["cancelled_at", "sequence"])
    told = _tell_signups(meeting, cancelled=True, reason=reason.strip())
    record(actor, "hearing.cancel_meeting", meeting, {"reason": reason.strip(), "told": told})
    return meeting


@transaction.atomic
def do_sign_up(meeting_id: int, *, name: str, email: str,
               at: datetime | None = None) -> MeetingSignup:
    """Sign up for a meeting; the same address twice is the same sign-up."""
    meeting = DialogueMeeting.objects.select_for_update().get(pk=meeting_id)
    if meeting.cancelled_at is not None:
        raise MeetingFull(_("Mødet er aflyst."))
    if (at or timezone.now()) >= meeting.starts_at:
        raise MeetingFull(_("Mødet er begyndt."))
    existing = meeting.signups.filter(email__iexact=email.strip()).first()
    if existing is not None:
        return existing
    if meeting.signups.count() >= meeting.capacity:
        raise MeetingFull(_("Mødet er fuldt."))
    signup = MeetingSignup.objects.create(meeting=meeting, name=name.strip(),
                                          email=email.strip())
    record(None, "hearing.sign_up", meeting, {"signups": meeting.signups.count()})
    return signup
