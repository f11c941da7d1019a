"""The hearing's responses as one PDF, for politicians and the archive, typeset by
Typst. The content goes to the layout as JSON (``sys.inputs``), so a response's text is
set as text and never read as Typst markup. The same two kinds as the workbook: the
published responses' public fields, or (finance staff) every response as received.

The attachments the reader may see (finance staff: all; politicians: those published
with a published response) follow the responses, page for page, merged with pypdf;
each response names the page its attachment begins on, and the bundle's outline has an
entry per attachment. Only the pages are carried over: their annotations (links, form
fields, scripts) and the attachment's document-level actions are left behind. An
attachment that cannot be read as a PDF (damaged, encrypted) is named as such in the
bundle rather than failing it."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

from budgetkatalog.web.hearing.exports import responses_for_export
from budgetkatalog.web.hearing.files import path_of
from budgetkatalog.web.hearing.models import Attachment, Hearing, SenderType
from budgetkatalog.web.hearing.periods import wall_clock

LAYOUT = r"""
#let data = json(bytes(sys.inputs.at("data")))
#set document(title: data.title, author: data.author)
#set text(lang: "da", region: "dk", font: "Libertinus Serif", size: 10.5pt)
#set page(paper: "a4", margin: (x: 2.2cm, y: 2.2cm),
  footer: context align(center, text(size: 9pt, counter(page).display())))
#set heading(numbering: none)
#show heading.where(level: 1): set text(size: 18pt)
#show heading.where(level: 2): set text(size: 13pt)

= #data.title
#par(data.subtitle)
#par(data.count)

#for r in data.responses [
  == #r.heading
  #table(columns: (auto, 1fr), stroke: none, inset: (x: 0pt, y: 2pt),
    ..r.facts.map(f => (text(weight: "bold", f.at(0)), f.at(1))).flatten())
  #for p in r.paragraphs { par(p) }
  #if r.attachments.len() > 0 [
    #text(weight: "bold")[Bilag:]
    #for a in r.attachments [
      #if a.offset == none [- #a.name (kunne ikke indsættes; hent det separat)]
      else [- #a.name, bagest i samlingen fra side
        #context (counter(page).final().first() + a.offset)]
    ]
  ]
]
"""


@dataclass(frozen=True)
class MergedAttachment:
    response_number: int
    name: str
    reader: PdfReader | None  # None: not readable as a PDF


def _readable(attachment: Attachment) -> PdfReader | None:
    try:
        reader = PdfReader(path_of(attachment.stored_name))
        if reader.is_encrypted and not reader.decrypt(""):
            return None
        if len(reader.pages) == 0:
            return None
    except (OSError, PyPdfError, ValueError, KeyError, TypeError):
        return None
    return reader



def bundle_data(hearing: Hearing, *, full: bool, proposal: str | None,
                merged: list[MergedAttachment] | None = None) -> dict[str, Any]:
    """The bundle's content; the attachments to merge are appended to ``merged``."""
    labels = dict(SenderType.choices)
    responses = []
    merged = [] if merged is None else merged
    after = 1  # the page after the typeset part, counted from its last page
    for r in responses_for_export(hearing, full=full, proposal=proposal):
        about = (f"{r.proposal_number} {r.proposal_title}" if r.proposal_number
                 else "Hele kataloget")
        facts = [("Forslag", about), ("Afsendertype", str(labels.get(r.sender_type, ""))),
                 ("Modtaget", wall_clock(r.received_at).strftime("%d.%m.%Y %H:%M:%S"))]
        if full:
            facts += [("Navn", r.name), ("Organisation", r.organisation or "–"),
                      ("E-mail", r.email), ("Status", str(r.get_state_display()))]
            text = r.text
        else:
            facts += [("Afsender", r.public_name or "Navn ikke offentliggjort"),
                      ("Organisation", r.public_organisation or "–")]
            text = r.public_text
        attachments = []
        for a in r.attachments.all():
            if not (full or a.public):
                continue
            reader = _readable(a)
            merged.append(MergedAttachment(r.number, a.original_name, reader))
            attachments.append({"name": a.original_name,
                                "offset": None if reader is None else after})
            if reader is not None:
                after += len(reader.pages)
        responses.append({
            "heading": f"Høringssvar nr. {r.number}",
            "facts": [list(f) for f in facts],
            "attachments": attachments,
            "paragraphs": [p.strip() for p in text.replace("\r\n", "\n").split("\n\n")
                           if p.strip()],
        })
    scope = f"forslag {proposal}" if proposal and proposal != "hele" else (
        "hele kataloget" if proposal == "hele" else "alle forslag")
    return {
        "title": hearing.title,
        "author": str(hearing.catalogue.round.municipality),
        "subtitle": (f"{'Alle modtagne svar' if full else 'Offentliggjorte svar'}, {scope}. "
                     f"Frist {wall_clock(hearing.deadline).strftime('%d.%m.%Y kl. %H:%M')}."),
        "count": f"{len(responses)} svar.",
        "responses": responses,
    }


def bundle(hearing: Hearing, *, full: bool, proposal: str | None = None) -> bytes:
    import typst  # a large extension module: loaded only when a bundle is made

    merged: list[MergedAttachment] = []
    data = json.dumps(bundle_data(hearing, full=full, proposal=proposal, merged=merged),
                      ensure_ascii=False)
    pdf = typst.compile(LAYOUT.encode(), format="pdf", sys_inputs={"data": data},
                        ignore_system_fonts=True)
    assert isinstance(pdf, bytes)
    readable = [m for m in merged if m.reader is not None]
    if not readable:
        return pdf
    return _merge(pdf, readable)


def _merge(typeset: bytes, attachments: list[MergedAttachment]) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(typeset)))
    for item in attachments:
        assert item.reader is not None
        first = len(writer.pages)
        for page in item.reader.pages:
            added = writer.add_page(page)
            for key in ("/Annots", "/AA"):
                if key in added:
                    del added[key]
        writer.add_outline_item(
            title=f"Bilag til høringssvar nr. {item.response_number}: {item.name}",
            page_number=first)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
