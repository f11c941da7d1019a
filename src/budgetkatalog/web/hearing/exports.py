"""The hearing's responses as an Excel workbook, for politicians and the archive.

Two kinds: the full archive for finance staff (every response, e-mail address and
state included: the municipality's record, which the retention command requires
before it deletes anything) and the published responses' public fields for
politicians. Text is always written as text and never as a formula: a cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab, CR, LF or ``{=`` gets a leading
apostrophe (OWASP's advice against formula injection)."""

from __future__ import annotations

import io
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from budgetkatalog.exporters.cells import sheet_cell
from budgetkatalog.web.hearing.models import Hearing, Response, ResponseState, SenderType
from budgetkatalog.web.hearing.periods import wall_clock


def _put(sheet: Worksheet, row: int, column: int, value: str | int | datetime | None) -> None:
    cell = sheet_cell(sheet, row, column, value)
    if isinstance(value, str):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    elif isinstance(value, datetime):
        cell.number_format = "dd.mm.yyyy hh:mm:ss"


FULL_HEADER = ("Nr.", "Modtaget", "Forslag", "Forslagets titel", "Afsendertype", "Navn",
               "Organisation", "E-mail", "Navn må offentliggøres", "Høringssvar", "Status",
               "Offentliggjort navn", "Offentliggjort tekst", "Bilag")
PUBLIC_HEADER = ("Nr.", "Modtaget", "Forslag", "Forslagets titel", "Afsendertype", "Navn",
                 "Organisation", "Høringssvar")


def responses_for_export(hearing: Hearing, *, full: bool,
                         proposal: str | None) -> list[Response]:
    """Every response (full) or the published ones, for one proposal ("hele": the whole
    catalogue) or all, with their attachments."""
    qs = Response.objects.filter(hearing=hearing).prefetch_related("attachments")
    if not full:
        qs = qs.filter(state=ResponseState.PUBLISHED)
    if proposal is not None:
        qs = qs.filter(proposal_number="" if proposal == "hele" else proposal)
    return list(qs.order_by("proposal_number", "id"))


def workbook(hearing: Hearing, *, full: bool, proposal: str | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "Høringssvar"
    header = FULL_HEADER if full else PUBLIC_HEADER
    for column, title in enumerate(header, start=1):
        _put(sheet, 1, column, title)
        cell = sheet.cell(row=1, column=column)
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    labels = dict(SenderType.choices)
    for row, r in enumerate(responses_for_export(hearing, full=full, proposal=proposal), start=2):
        common: list[str | int | datetime | None] = [
            r.number, wall_clock(r.received_at), r.proposal_number or "Hele kataloget",
            r.proposal_title, str(labels.get(r.sender_type, r.sender_type))]
        if full:
            values = [*common, r.name, r.organisation, r.email,
                      "ja" if r.consent_name else "nej", r.text, r.get_state_display(),
                      r.public_name, r.public_text,
                      ", ".join(a.original_name for a in r.attachments.all())]
        else:
            values = [*common, r.public_name, r.public_organisation, r.public_text]
        for column, value in enumerate(values, start=1):
            _put(sheet, row, column, value)
    for letter, width in zip("ABCDEFGHIJKLMN", (8, 20, 10, 40, 22, 24, 24, 30, 12, 80, 16,
                                                  24, 80, 30), strict=False):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
