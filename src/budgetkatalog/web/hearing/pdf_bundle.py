"""The hearing's responses as one PDF, for politicians and the archive, typeset by
Typst. The content goes to the layout as JSON (``sys.inputs``), so a response's text is
set as text and never read as Typst markup. The same two kinds as the workbook: the
published responses' public fields, or (finance staff) every response as received."""

from __future__ import annotations

import json
from typing import Any

from budgetkatalog.web.hearing.exports import responses_for_export
from budgetkatalog.web.hearing.models import Hearing, SenderType
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
]
"""


def bundle_data(hearing: Hearing, *, full: bool, proposal: str | None) -> dict[str, Any]:
    labels = dict(SenderType.choices)
    responses = []
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
        names = [a.original_name for a in r.attachments.all() if full or a.public]
        if names:
            facts.append(("Bilag", ", ".join(names)))
        responses.append({
            "heading": f"Høringssvar nr. {r.number}",
            "facts": [list(f) for f in facts],
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

    data = json.dumps(bundle_data(hearing, full=full, proposal=proposal), ensure_ascii=False)
    pdf = typst.compile(LAYOUT.encode(), format="pdf", sys_inputs={"data": data},
                        ignore_system_fonts=True)
    assert isinstance(pdf, bytes)
    return pdf
