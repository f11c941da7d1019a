"""Hearing pages: the public hearing page, the response form and its answers, the
published responses, meetings; and the staff pages for running a hearing.

Views are thin: they parse the form, call an action or a query and render. The
response form needs no JavaScript; every refusal shows the sender's text back."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from budgetkatalog.web.catalogues import limits
from budgetkatalog.web.catalogues.models import Catalogue
from budgetkatalog.web.hearing import actions, exports, pdf_bundle, permissions, queries
from budgetkatalog.web.hearing.files import AttachmentError, max_bytes, path_of
from budgetkatalog.web.hearing.forms import (
    CancelMeetingForm,
    DeadlineForm,
    HearingForm,
    MeetingForm,
    PublishForm,
    ResponseForm,
    SignupForm,
    incoming_files,
    new_token,
)
from budgetkatalog.web.hearing.ics import meeting_calendar
from budgetkatalog.web.hearing.models import (
    Attachment,
    DialogueMeeting,
    Hearing,
    Response,
    ResponseState,
    SenderType,
)
from budgetkatalog.web.hearing.ratelimit import allow_submission


def _hearing_for(year: int, slug: str) -> tuple[Catalogue, Hearing]:
    hearing = queries.hearing_of(year, slug)
    return hearing.catalogue, hearing


@require_safe
def hearing_page(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    catalogue, hearing = _hearing_for(year, slug)
    proposals = queries.proposals_of(hearing)
    published = queries.published_responses(hearing)
    chosen_proposal = request.GET.get("forslag", "").strip()
    chosen_sender = request.GET.get("afsender", "").strip()
    listed = published
    if chosen_proposal == "hele":
        listed = listed.filter(proposal_number="")
    elif chosen_proposal:
        listed = listed.filter(proposal_number=chosen_proposal)
    if chosen_sender in SenderType.values:
        listed = listed.filter(sender_type=chosen_sender)
    page = Paginator(listed, 50).get_page(request.GET.get("side"))
    per_proposal = queries.counts_by_proposal(hearing, published_only=True)
    return render(request, "hearing/hearing.html", {
        "catalogue": catalogue, "hearing": hearing, "now": timezone.now(),
        "is_open": hearing.is_open(timezone.now()), "proposals": proposals,
        "counts": queries.counts_by_sender(published), "total": published.count(),
        "per_proposal": [(n, label, per_proposal.get(n, 0)) for n, label in proposals],
        "whole_count": per_proposal.get("", 0),
        "page": page, "chosen_proposal": chosen_proposal, "chosen_sender": chosen_sender,
        "sender_types": SenderType.choices,
        "meetings": list(hearing.meetings.all()),
        "can_export": permissions.can_export(request.user),
        "filtered": bool(chosen_proposal or chosen_sender)})


def _form_context(catalogue: Catalogue, hearing: Hearing, form: ResponseForm,
                  **extra: Any) -> dict[str, Any]:
    return {"catalogue": catalogue, "hearing": hearing, "form": form,
            "max_mb": max_bytes() // 1_000_000, **extra}


def _refusal(request: HttpRequest, catalogue: Catalogue, hearing: Hearing, *, status: int,
             title: str, message: str, text: str) -> HttpResponse:
    return render(request, "hearing/refused.html", {
        "catalogue": catalogue, "hearing": hearing, "title": title, "message": message,
        "text": text}, status=status)


@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    catalogue, hearing = _hearing_for(year, slug)
    proposals = queries.proposals_of(hearing)
    if request.method == "GET":
        chosen = request.GET.get("forslag", "")
        form = ResponseForm(initial={"token": new_token(), "proposal": chosen},
                            proposals=proposals)
        return render(request, "hearing/respond.html", _form_context(
            catalogue, hearing, form, is_open=hearing.is_open(timezone.now())))
    arrived = timezone.now()
    form = ResponseForm(request.POST, proposals=proposals)
    text = str(request.POST.get("text", ""))
    if form.is_robot:
        return _refusal(request, catalogue, hearing, status=400,
                        title=_("Svaret kunne ikke modtages"),
                        message=_("Formularen blev ikke udfyldt som forventet. Kopiér din "
                                  "tekst herunder og prøv igen."), text=text)
    if not hearing.is_open(arrived):
        return _closed(request, catalogue, hearing, text)
    files = incoming_files(request.FILES.getlist("attachments"), max_bytes())
    if not form.is_valid():
        return render(request, "hearing/respond.html", _form_context(
            catalogue, hearing, form, is_open=True), status=400)
    data = form.cleaned_data
    if not allow_submission(request, data["email"]):
        return _refusal(request, catalogue, hearing, status=429,
                        title=_("For mange svar på kort tid"),
                        message=_("Vi har modtaget mange svar fra din adresse på kort tid. "
                                  "Vent lidt og send igen; din tekst står herunder."),
                        text=text)
    try:
        submitted = actions.do_submit_response(hearing, actions.ResponseData(
            token=data["token"], sender_type=SenderType(data["sender_type"]),
            name=data["name"].strip(), organisation=data["organisation"].strip(),
            email=data["email"].strip(), text=data["text"],
            proposal_number=data["proposal"], consent_name=bool(data["consent_name"]),
            files=tuple(files)), at=arrived)
    except actions.HearingClosed:
        return _closed(request, catalogue, hearing, text)
    except AttachmentError as error:
        return render(request, "hearing/respond.html", _form_context(
            catalogue, hearing, form, is_open=True, upload_error=str(error)), status=400)
    except actions.TokenReused:
        return _refusal(request, catalogue, hearing, status=409,
                        title=_("Svaret kunne ikke modtages"),
                        message=_("Formularen er allerede brugt til et andet svar. Åbn "
                                  "formularen igen og indsæt din tekst herunder."), text=text)
    return render(request, "hearing/receipt.html", {
        "catalogue": catalogue, "hearing": hearing, "response": submitted.response,
        "created": submitted.created,
        "attachments": submitted.attachments})


def _closed(request: HttpRequest, catalogue: Catalogue, hearing: Hearing,
            text: str) -> HttpResponse:
    before = timezone.now() < hearing.opens_at
    return _refusal(
        request, catalogue, hearing, status=403,
        title=_("Høringen er ikke åben") if before else _("Høringsfristen er overskredet"),
        message=(_("Høringen åbner %(time)s. Dit svar er ikke modtaget; din tekst står "
                   "herunder, så du kan gemme den.") if before else
                 _("Fristen var %(time)s. Dit svar er ikke modtaget; din tekst står herunder, "
                   "så du kan gemme den."))
        % {"time": _when(hearing.opens_at if before else hearing.deadline)},
        text=text)


def _when(instant: datetime) -> str:
    local = timezone.localtime(instant)
    return local.strftime("%d.%m.%Y kl. %H:%M:%S")


@require_safe
def response_page(request: HttpRequest, year: int, slug: str, number: int) -> HttpResponse:
    catalogue, hearing = _hearing_for(year, slug)
    response = get_object_or_404(queries.published_responses(hearing), pk=number)
    attachments = list(response.attachments.filter(public=True))
    return render(request, "hearing/response.html", {
        "catalogue": catalogue, "hearing": hearing, "response": response,
        "attachments": attachments})


@require_safe
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    item = get_object_or_404(Attachment.objects.select_related("response"), pk=pk)
    if not permissions.can_download(request.user, item):
        raise Http404
    path = path_of(item.stored_name)
    if not path.exists():
        raise Http404
    response = FileResponse(open(path, "rb"), as_attachment=True,  # noqa: SIM115
                            filename=item.original_name, content_type="application/pdf")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_http_methods(["GET", "POST"])
def meeting(request: HttpRequest, year: int, slug: str, pk: int) -> HttpResponse:
    catalogue, hearing = _hearing_for(year, slug)
    item = get_object_or_404(DialogueMeeting, pk=pk, hearing=hearing)
    form = SignupForm(request.POST or None)
    status = 200
    signed_up = None
    error = ""
    if request.method == "POST":
        if form.is_valid():
            try:
                signed_up = actions.do_sign_up(item.pk, name=form.cleaned_data["name"],
                                               email=form.cleaned_data["email"])
            except actions.MeetingFull as full:
                error = str(full)
                status = 409
        else:
            status = 400
    return render(request, "hearing/meeting.html", {
        "catalogue": catalogue, "hearing": hearing, "meeting": item, "form": form,
        "signed_up": signed_up, "error": error, "taken": item.signups.count()},
        status=status)


@require_safe
def meeting_ics(request: HttpRequest, year: int, slug: str, pk: int) -> HttpResponse:
    _catalogue, hearing = _hearing_for(year, slug)
    item = get_object_or_404(DialogueMeeting, pk=pk, hearing=hearing)
    url = request.build_absolute_uri(
        reverse("hearing:meeting", args=[year, slug, item.pk]))
    response = HttpResponse(meeting_calendar(item, url, request.get_host()),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="dialogmoede-{item.pk}.ics"'
    return response


# -- staff -------------------------------------------------------------------------------

def _manager(request: HttpRequest) -> Any:
    if not permissions.can_manage(request.user):
        raise Http404
    return request.user


@login_required
@require_http_methods(["GET", "POST"])
def staff_hearings(request: HttpRequest) -> HttpResponse:
    actor = _manager(request)
    catalogues = list(Catalogue.objects.filter(latest_version__isnull=False)
                      .select_related("round").defer("frame"))
    form = HearingForm(request.POST or None)
    status = 200
    if request.method == "POST":
        catalogue_id = limits.parse_id(request.POST.get("catalogue")) or 0
        if form.is_valid():
            try:
                hearing = actions.do_create_hearing(
                    actor, catalogue_id, opens_at=form.cleaned_data["opens_at"],
                    deadline=form.cleaned_data["deadline"], title=form.cleaned_data["title"])
            except (actions.InvalidHearing, Catalogue.DoesNotExist) as error:
                form.add_error(None, str(error) if isinstance(error, actions.InvalidHearing)
                               else _("Vælg et offentliggjort katalog."))
            else:
                messages.success(request, _("Høringen er oprettet."))
                return redirect("hearing_staff:detail", hearing.pk)
        status = 400
    hearings = list(Hearing.objects.select_related("catalogue__round").all())
    return render(request, "hearing/staff_list.html", {
        "hearings": hearings, "catalogues": catalogues, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def staff_hearing(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _manager(request)
    hearing = get_object_or_404(Hearing.objects.select_related("catalogue__round"), pk=pk)
    deadline_form = DeadlineForm(prefix="frist")
    meeting_form = MeetingForm(prefix="moede")
    status = 200
    if request.method == "POST":
        what = request.POST.get("action", "")
        try:
            if what == "deadline":
                deadline_form = DeadlineForm(request.POST, prefix="frist")
                if deadline_form.is_valid():
                    actions.do_set_deadline(actor, hearing.pk,
                                            deadline_form.cleaned_data["deadline"])
                    messages.success(request, _("Fristen er ændret."))
                    return redirect("hearing_staff:detail", hearing.pk)
            elif what == "close":
                actions.do_close_hearing(actor, hearing.pk)
                messages.success(request, _("Høringen er lukket."))
                return redirect("hearing_staff:detail", hearing.pk)
            elif what == "meeting":
                meeting_form = MeetingForm(request.POST, prefix="moede")
                if meeting_form.is_valid():
                    actions.do_create_meeting(actor, hearing.pk, _meeting_data(meeting_form))
                    messages.success(request, _("Mødet er oprettet."))
                    return redirect("hearing_staff:detail", hearing.pk)
        except actions.InvalidHearing as error:
            messages.error(request, str(error))
        status = 400
    responses = list(Response.objects.filter(hearing=hearing)
                     .only("id", "hearing_id", "proposal_number", "sender_type", "name",
                           "organisation", "received_at", "state")
                     .order_by("-id")[:500])
    return render(request, "hearing/staff_hearing.html", {
        "hearing": hearing, "responses": responses,
        "total": Response.objects.filter(hearing=hearing).count(),
        "deadline_form": deadline_form, "meeting_form": meeting_form,
        "meetings": list(hearing.meetings.all()), "now": timezone.now(),
        "proposals": queries.proposals_of(hearing)}, status=status)


def _meeting_data(form: MeetingForm) -> actions.MeetingData:
    d = form.cleaned_data
    return actions.MeetingData(
        title=d["title"], starts_at=d["starts_at"], ends_at=d["ends_at"], place=d["place"],
        capacity=d["capacity"], accessibility=d["accessibility"],
        proposal_numbers=form.proposal_numbers())


@login_required
@require_http_methods(["GET", "POST"])
def staff_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """Change or cancel a dialogue meeting; its sign-ups are told by e-mail."""
    actor = _manager(request)
    item = get_object_or_404(
        DialogueMeeting.objects.select_related("hearing__catalogue__round"), pk=pk)
    form = MeetingForm(initial=MeetingForm.initial_of(item), prefix="moede")
    cancel_form = CancelMeetingForm(prefix="aflys")
    status = 200
    if request.method == "POST":
        what = request.POST.get("action", "")
        try:
            if what == "update":
                form = MeetingForm(request.POST, prefix="moede")
                if form.is_valid():
                    actions.do_update_meeting(actor, item.pk, _meeting_data(form))
                    messages.success(request, _("Mødet er ændret."))
                    return redirect("hearing_staff:meeting", item.pk)
            elif what == "cancel":
                cancel_form = CancelMeetingForm(request.POST, prefix="aflys")
                if cancel_form.is_valid():
                    actions.do_cancel_meeting(actor, item.pk,
                                              reason=cancel_form.cleaned_data["reason"])
                    messages.success(request, _("Mødet er aflyst."))
                    return redirect("hearing_staff:meeting", item.pk)
        except actions.InvalidHearing as error:
            messages.error(request, str(error))
        status = 400
    return render(request, "hearing/staff_meeting.html", {
        "hearing": item.hearing, "meeting": item, "form": form, "cancel_form": cancel_form,
        "signups": item.signups.count()}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _manager(request)
    response = get_object_or_404(Response.objects.select_related("hearing"), pk=pk)
    suggested = actions.suggested_publication(response)
    if response.state == ResponseState.PUBLISHED:
        suggested = {name: getattr(response, name) for name in actions.PUBLIC_FIELDS}
    form = PublishForm(request.POST or None, initial=suggested)
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "withhold":
            try:
                actions.do_withhold_response(actor, response.pk,
                                             reason=request.POST.get("withhold_reason", ""))
            except actions.RedactionReasonMissing:
                messages.error(request, _("Skriv en begrundelse for ikke at offentliggøre."))
                status = 400
            else:
                messages.success(request, _("Svaret offentliggøres ikke."))
                return redirect("hearing_staff:moderate", response.pk)
        elif form.is_valid():
            d = form.cleaned_data
            try:
                actions.do_publish_response(
                    actor, response.pk,
                    public={name: d[name] for name in actions.PUBLIC_FIELDS},
                    reasons={name: d[f"reason_{name}"] for name in actions.PUBLIC_FIELDS},
                    public_attachments=[
                        pk for pk in map(limits.parse_id,
                                         request.POST.getlist("public_attachment"))
                        if pk is not None])
            except actions.RedactionReasonMissing as missing:
                for name in missing.fields:
                    form.add_error(f"reason_{name}",
                                   _("Skriv en begrundelse for ændringen."))
                status = 400
            else:
                messages.success(request, _("Svaret er offentliggjort."))
                return redirect("hearing_staff:moderate", response.pk)
        else:
            status = 400
    return render(request, "hearing/moderate.html", {
        "response": response, "hearing": response.hearing, "form": form,
        "suggested": suggested, "attachments": list(response.attachments.all())},
        status=status)


@require_safe
@login_required
def export(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    if not permissions.can_export(request.user):
        raise Http404
    hearing = get_object_or_404(Hearing.objects.select_related("catalogue__round"), pk=pk)
    proposal = request.GET.get("forslag", "").strip() or None
    full = permissions.export_is_full(request.user)
    if kind == "xlsx":
        content = exports.workbook(hearing, full=full, proposal=proposal)
        content_type = ("application/vnd.openxmlformats-officedocument."
                        "spreadsheetml.sheet")
    elif kind == "pdf":
        content = pdf_bundle.bundle(hearing, full=full, proposal=proposal)
        content_type = "application/pdf"
    else:
        raise Http404
    if full and proposal is None and kind == "xlsx":
        actor = request.user
        if not permissions.can_manage(actor):
            raise PermissionDenied
        actions.do_record_archive_export(actor, hearing.pk, at=timezone.now())  # type: ignore[arg-type]
    name = f"hoeringssvar-{hearing.pk}{'-' + proposal if proposal else ''}.{kind}"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
