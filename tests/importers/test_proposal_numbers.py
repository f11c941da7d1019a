"""Proposal numbers of letters, a space and a number ("UV 1", "SOC 3", "B&U 2") and their
other spellings: the headings are proposals, the overview's rows are those proposals
however the overview writes the number, and nothing is reported about a numbering that
is in order.

The catalogue is in the style of a smaller municipality: two committees, three proposals
in 1.000 kr., an overview in mio. kr. with one decimal and minus as ``÷``.
"""

from __future__ import annotations

import pytest

from budgetkatalog.audit import audit
from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.finding import Finding, Severity
from budgetkatalog.exporters.docx_book import render_docx
from budgetkatalog.importers.catalogue_text import ImportResult, import_catalogue_text
from budgetkatalog.importers.proposal_docx import import_docx_bytes

HEAD = """\
Søbjerg Kommune
Budgetkatalog 2026–2029

Oversigt over forslag (mio. kr.)

Forslag 2026 2027 2028 2029
Udvalget for Kultur og Fritid
{o1} Kortere åbningstid i svømmehallen ÷0,4 ÷0,8 ÷0,8 ÷0,8
{o2} Lukning af klubben i Nørreby ÷0,3 ÷0,6 ÷0,6 ÷0,6
Udvalget for Sundhed og Omsorg
{o3} Ny demenskoordinator 0,5 0,5 0,5 0,5
I alt ÷0,2 ÷0,9 ÷0,9 ÷0,9

"""

PROPOSAL = """\
{number} {title}
{area}

1. Type
{kind}

2. Beskrivelse af forslaget
Forslaget er beskrevet i bilaget.

3. Konsekvenser for service til borgerne
Ingen.

4. Konsekvenser for personale
Ingen.

5. Konsekvenser for andre fagområder og områdebevillinger
Ingen.

6. Vigtige risici i forhold til udmøntning af forslaget
Ingen.

7. Konsekvenser for økonomien
Se tabellen.

Tabel 1. {area} i 1.000 kr.
Fortegn: ÷ angiver mindreudgift eller merindtægt.
Pengepose-nr. Pengeposenavn 2026 2027 2028 2029
a. {account} {amounts}
b.
c.
d.
e. Delsum (a+b+c+d) {amounts}
f. Anlægsinvestering
g. Afledte driftsudgifter
I alt (e+f+g) {amounts}

"""

FIELDS = (
    {"title": "Kortere åbningstid i svømmehallen", "area": "3520 Idrætsfaciliteter",
     "kind": "Besparelse.", "account": "352010 Svømmehal", "amounts": "÷400 ÷800 ÷800 ÷800"},
    {"title": "Lukning af klubben i Nørreby", "area": "3820 Ungdomsklubber",
     "kind": "Besparelse.", "account": "382030 Nørreby Klub", "amounts": "÷300 ÷600 ÷600 ÷600"},
    {"title": "Ny demenskoordinator", "area": "5320 Ældrepleje", "kind": "Udvidelse.",
     "account": "532040 Demens", "amounts": "500 500 500 500"},
)

# (the headings' numbers, the overview's numbers): committee letters, a space and a
# number, and the overview short of room writing them another way.
NUMBERINGS = [
    (("UV 1", "UV 2", "SOC 3"), ("UV 1", "UV 2", "SOC 3")),
    (("UV 1", "UV 2", "SOC 3"), ("UV1", "UV2", "SOC3")),
    (("B&U 1", "B&U 2", "S&Æ 1"), ("B&U1", "B&U-2", "S&Æ 1")),
    (("KF 01", "KF 02", "SO 01"), ("KF-1", "KF-2", "SO-1")),
    (("ØK-01", "ØK-02", "SU-01"), ("ØK 1", "ØK 2", "SU 1")),
    (("K/F 1", "K/F 2", "S/O 1"), ("K/F 1", "K/F 2", "S/O 1")),
]


def _text(headings: tuple[str, ...], overview: tuple[str, ...]) -> str:
    head = HEAD.format(o1=overview[0], o2=overview[1], o3=overview[2])
    return head + "".join(PROPOSAL.format(number=number, **fields)
                          for number, fields in zip(headings, FIELDS, strict=True))


def _import(headings: tuple[str, ...], overview: tuple[str, ...]) -> ImportResult:
    return import_catalogue_text(_text(headings, overview))


def _reported(result: ImportResult) -> list[str]:
    assert result.catalogue is not None, [f.message.en for f in result.findings]
    found: list[Finding] = [*result.findings, *audit(result.catalogue)]
    return [f"{f.rule}: {f.message.en}" for f in found if f.severity is not Severity.NOTE
            or f.rule.startswith("numbering")]


@pytest.mark.parametrize(("headings", "overview"), NUMBERINGS)
def test_every_heading_is_a_proposal_with_its_number_as_written(
        headings: tuple[str, ...], overview: tuple[str, ...]) -> None:
    catalogue = _import(headings, overview).catalogue
    assert catalogue is not None
    assert [(p.number, p.title) for p in catalogue.proposals] == [
        (number, fields["title"]) for number, fields in zip(headings, FIELDS, strict=True)]


@pytest.mark.parametrize(("headings", "overview"), NUMBERINGS)
def test_the_overview_names_the_proposals_however_it_writes_their_numbers(
        headings: tuple[str, ...], overview: tuple[str, ...]) -> None:
    catalogue = _import(headings, overview).catalogue
    assert catalogue is not None and catalogue.overview is not None
    assert [row.number for row in catalogue.overview.rows if row.kind == "proposal"] == list(
        headings)
    assert [g.proposal_numbers for g in catalogue.groups] == [headings[:2], headings[2:]]


@pytest.mark.parametrize(("headings", "overview"), NUMBERINGS)
def test_a_catalogue_numbered_this_way_and_in_order_has_nothing_to_report(
        headings: tuple[str, ...], overview: tuple[str, ...]) -> None:
    assert _reported(_import(headings, overview)) == []


@pytest.mark.parametrize(("headings", "overview"), NUMBERINGS)
def test_the_overview_still_checks_each_proposal_s_amounts(
        headings: tuple[str, ...], overview: tuple[str, ...]) -> None:
    text = _text(headings, overview).replace("Nørreby ÷0,3 ÷0,6", "Nørreby ÷0,3 ÷0,9", 1)
    result = import_catalogue_text(text)
    assert result.catalogue is not None
    assert [(f.rule, f.proposal, f.line) for f in audit(result.catalogue)
            if f.severity is Severity.ERROR and f.proposal is not None] == [
        ("overview.mismatch", headings[1], 9)]


@pytest.mark.parametrize(("headings", "overview"), NUMBERINGS)
def test_the_same_number_on_two_headings_is_refused_however_it_is_written(
        headings: tuple[str, ...], overview: tuple[str, ...]) -> None:
    twice = (headings[0], overview[0] if overview[0] != headings[0] else headings[0],
             headings[2])
    result = _import(twice, overview)
    assert result.catalogue is None
    assert [f.rule for f in result.findings if f.severity is Severity.ERROR] == [
        "import.duplicate-number"]


@pytest.mark.parametrize(("headings", "overview"), NUMBERINGS)
def test_the_catalogue_reads_back_from_word_with_its_numbers(
        headings: tuple[str, ...], overview: tuple[str, ...]) -> None:
    catalogue = _import(headings, overview).catalogue
    assert isinstance(catalogue, Catalogue)
    back = import_docx_bytes(render_docx(catalogue, version=1))
    assert back.findings == () and back.catalogue is not None
    assert [p.number for p in back.catalogue.proposals] == list(headings)
