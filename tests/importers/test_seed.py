"""The seed catalogue comes in cell for cell, blank cells included.

The expected rows are transcribed from the seed's Table 1 of each proposal
(`_` is a blank cell), so a wrong placement or a lost number fails here.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.finding import Severity
from budgetkatalog.importers.catalogue_text import ImportResult

_ = None

# number: (rows a–d as (code, name, amounts)), stated Delsum, f, g, stated I alt
EXPECTED: dict[str, tuple[list[tuple[str | None, str | None, tuple[int | None, ...]]],
                          tuple[int, ...], tuple[int | None, ...], tuple[int | None, ...],
                          tuple[int, ...]]] = {
    "2.1": ([("xxxxx", "xxxxx", (0, -900, -900, -900))],
            (0, -900, -900, -900), (0, 0, 0, 0), (0, 0, 0, 0), (0, -900, -900, -900)),
    "2.2": ([(None, None, (-1175, -2350, -2350, -2350))],
            (-1175, -2350, -2350, -2350), (_, _, _, _), (_, _, _, _),
            (-1175, -2350, -2350, -2350)),
    "2.3": ([(None, "Erhvervsområdet", (-946, -1891, -1891, -1891))],
            (-946, -1891, -1891, -1891), (_, _, _, _), (_, _, _, _),
            (-946, -1891, -1891, -1891)),
    "2.4": ([("829002", "Økonomi & Stab - løn og drift", (-1000, -2784, -2784, -2784))],
            (-1000, -2784, -2784, -2784), (0, 0, 0, 0), (0, 0, 0, 0),
            (-1000, -2784, -2784, -2784)),
    "2.5": ([(None, "Dagtilbudsområdet", (-1153, -2306, -2306, -2306)),
             (None, "Forældrebetaling", (288, 577, 577, 577))],
            (-865, -1729, -1729, -1729), (_, _, _, _), (_, _, _, _),
            (-865, -1729, -1729, -1729)),
    "2.6": ([(None, "fælles admin", (-683, -1366, -1366, -1366)),
             (None, "ledelse", (-311, -746, -746, -746)),
             (None, "souschefer", (-387, -773, -773, -773)),
             (None, "tekniske service", (-221, -442, -442, -442))],
            (-1602, -3327, -3327, -3327), (_, _, _, _), (_, _, _, _),
            (-1602, -3327, -3327, -3327)),
    "2.7": ([(None, "Flere pengeposer", (-225, -450, -450, -450)),
             (None, "Flere pengeposer", (-304, -607, -607, -607)),
             ("1060", "Biblioteket", (-405, -810, -810, -810))],
            (-934, -1867, -1867, -1867), (_, _, _, _), (_, _, _, _),
            (-934, -1867, -1867, -1867)),
    "2.8": ([("239020", "Borger & Ydelsescentret", (-1898, -3795, -3795, -3795)),
             ("239030", "Analyse og Udvikling", (_, -633, -633, -633)),
             ("239010", "Jobcenter", (-1619, -3238, -3238, -3238))],
            (-3517, -7666, -7666, -7666), (_, _, _, _), (_, _, _, _),
            (-3517, -7666, -7666, -7666)),
    "2.9": ([("421070", "Myndighed", (-295, -506, -506, -506)),
             ("421002", "Tværgående løn og drift", (-404, -694, -694, -694)),
             ("421031", "Sundhedshuset", (-318, -546, -546, -546))],
            (-1017, -1746, -1746, -1746), (_, _, _, _), (_, _, _, _),
            (-1017, -1746, -1746, -1746)),
    "2.10": ([("2050", "Ejendomme", (-316, -633, -633, -633)),
              ("2590", "Adm. Miljø & Teknik", (-755, -1509, -1509, -1509))],
             (-1071, -2142, -2142, -2142), (_, _, _, _), (_, _, _, _),
             (-1071, -2142, -2142, -2142)),
    "2.11": ([(None, "Materialegården", (-30, -90, -90, -90)),
              (None, "Rådhusbetjente", (-70, -210, -210, -210)),
              (None, "Vagt", (-150, -450, -450, -450))],
             (-250, -750, -750, -750), (_, _, _, _), (_, _, _, _), (-250, -750, -750, -750)),
    "2.12": ([("829106", "Kurser og uddannelse", (-300, -300, -300, -300)),
              ("829110", "Diverse lønpuljer", (-200, -200, -200, -200)),
              ("829130", "Kommunikation", (-300, -300, -300, -300))],
             (-800, -800, -800, -800), (0, 0, 0, 0), (0, 0, 0, 0), (-800, -800, -800, -800)),
    "2.13": ([(None, None, (0, 0, 0, 0))], (0, 0, 0, 0), (0, 0, 0, 0), (0, 0, 0, 0),
             (0, 0, 0, 0)),
    "2.14": ([(None, None, (0, 0, 0, 0))], (0, 0, 0, 0), (0, 0, 0, 0), (0, 0, 0, 0),
             (0, 0, 0, 0)),
    "2.15": ([("829200", "Kommunalbestyrelsen", (-126, -126, -126, -126))],
             (-126, -126, -126, -126), (0, 0, 0, 0), (0, 0, 0, 0), (-126, -126, -126, -126)),
    "2.16": ([("208520", "A-Dagpenge", (-2200, -2200, _, _)),
              ("2023910", "Jobcenter løn og drift", (1000, 750, _, _))],
             (-1200, -1450, 0, 0), (_, _, _, _), (_, _, _, _), (-1200, -1450, 0, 0)),
    "2.17": ([("208520", "A-dagpenge", (-1063, -2126, -1063, _)),
              ("202390", "Jobcenter løn og drift", (500, 500, _, _))],
             (-563, -1626, -1063, 0), (_, _, _, _), (_, _, _, _), (-563, -1626, -1063, 0)),
}


def test_the_seed_is_read_without_errors_or_warnings(seed_result: ImportResult) -> None:
    assert seed_result.exit_code == 0
    assert [f for f in seed_result.findings if f.severity is not Severity.NOTE] == []


def test_all_seventeen_proposals_are_found_in_order(seed: Catalogue) -> None:
    assert [p.number for p in seed.proposals] == [f"2.{i}" for i in range(1, 18)]


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_table_1_equals_the_seed_cell_for_cell(seed: Catalogue, number: str) -> None:
    rows, subtotal, investment, derived, total = EXPECTED[number]
    proposal = seed.proposal(number)
    assert proposal is not None and proposal.table is not None
    table = proposal.table
    assert table.years == (2020, 2021, 2022, 2023)
    filled = [(line.code, line.name, line.amounts) for line in table.lines if not line.is_blank]
    assert filled == rows
    assert [line.letter for line in table.lines] == ["a", "b", "c", "d"]
    assert table.stated_subtotal == subtotal
    assert table.investment.amounts == investment
    assert table.derived_operating.amounts == derived
    assert table.stated_total == total
    assert table.subtotal == subtotal
    assert table.total == total


def test_titles_join_wrapped_lines(seed: Catalogue) -> None:
    assert seed.proposal("2.4").title == (  # type: ignore[union-attr]
        "Reduktion af administrative støttefunktioner – Økonomi & Stab")
    assert seed.proposal("2.16").title == (  # type: ignore[union-attr]
        "En forstærket indsats for dagpengemodtagere, som taler utilstrækkeligt dansk")


def test_heading_areas_and_captions_are_kept_apart(seed: Catalogue) -> None:
    p26 = seed.proposal("2.6")
    assert p26 is not None and p26.table is not None
    assert [a.code for a in p26.areas] == ["4510", "4590"]
    assert [a.code for a in p26.table.caption_areas] == ["4410", "4490"]
    p210 = seed.proposal("2.10")
    assert p210 is not None
    assert [(a.code, a.name) for a in p210.areas] == [
        ("2050", "Ejendomme"), ("2590", "Administration Miljø & Teknik")]
    assert seed.proposal("2.2").areas == ()  # type: ignore[union-attr]


def test_every_proposal_has_the_seven_sections(seed: Catalogue) -> None:
    for proposal in seed.proposals:
        assert [s.number for s in proposal.sections] == [1, 2, 3, 4, 5, 6, 7], proposal.number


def test_sections_keep_paragraphs_and_bullet_lists(seed: Catalogue) -> None:
    p22 = seed.proposal("2.2")
    assert p22 is not None
    section3 = p22.section(3)
    assert section3 is not None
    lists = [b for b in section3.blocks if hasattr(b, "items")]
    assert lists, "the bullets of section 3 form a list"
    first = lists[0].items[0].text  # type: ignore[union-attr]
    assert first.startswith("at færre borgere resocialiseres")
    assert "ydelsesbudgettet" in first  # hyphenated word joined
    assert "\uf0b7" not in section3.plain_text


def test_page_numbers_are_dropped_from_text(seed: Catalogue) -> None:
    p26 = seed.proposal("2.6")
    assert p26 is not None
    section2 = p26.section(2)
    assert section2 is not None
    assert all(getattr(b, "text", "") != "27" for b in section2.blocks)


def test_groups_follow_the_overview_and_their_introductions(seed: Catalogue) -> None:
    admin, jobcentre = seed.groups
    assert admin.name == "Administrationsanalysen"
    assert admin.proposal_numbers == tuple(f"2.{i}" for i in range(1, 16))
    assert admin.stated_count == 15 and len(admin.listed_titles) == 15
    assert jobcentre.name == "1.6 Analyse af Jobcentret"
    assert jobcentre.proposal_numbers == ("2.16", "2.17")
    assert jobcentre.stated_count == 2


def test_round_title_and_municipality(seed: Catalogue) -> None:
    assert seed.round.years == (2020, 2021, 2022, 2023)
    assert seed.round.unit == 1000
    assert seed.round.price_level == 2020
    assert seed.municipality == "Albertslund Kommune"
    assert seed.title.startswith("Katalog 2:")


def test_the_memo_fte_table_is_read_with_wrapped_department_names(seed: Catalogue) -> None:
    table = seed.fte_table
    assert table is not None
    assert [(r.department, r.fte) for r in table.rows] == [
        ("Den Kriminalpræventive Enhed", Decimal("4")),
        ("Sekretariat for Byudvikling & Erhverv", Decimal("2")),
        ("Økonomi & Stab", Decimal("5")),
        ("Dagtilbud", Decimal("4.45")),
        ("Skoler & Uddannelse", Decimal("5.9")),
        ("Kultur & Fritid", Decimal("4.5")),
        ("Borger & Arbejdsmarked", Decimal("14.9")),
        ("Sundhed, Pleje & Omsorg", Decimal("3.2")),
        ("Miljø & Teknik", Decimal("4")),
        ("Drift & Service", Decimal("1.7")),
        ("Social & Familie", None),
    ]
    assert table.stated_total == Decimal("49.7")
    assert table.total == Decimal("49.65")
    assert len(table.rows[3].tasks) == 3


def test_the_stated_overview_is_read(seed: Catalogue) -> None:
    overview = seed.overview
    assert overview is not None and overview.total is not None
    assert overview.total.amounts == tuple(Decimal(v) for v in
                                           ("-15.065", "-31.154", "-29.141", "-28.078"))
    (admin_row, admin_members), (job_row, job_members) = overview.groups
    assert admin_row.label == "Administrationsanalysen"
    assert admin_row.amounts == tuple(Decimal(v) for v in
                                      ("-13.302", "-28.078", "-28.078", "-28.078"))
    assert [m.number for m in admin_members] == [f"2.{i}" for i in range(1, 16)]
    assert (job_row.number, job_row.label) == ("1.6", "Analyse af Jobcentret")
    assert [m.number for m in job_members] == ["2.16", "2.17"]
    wrapped = admin_members[4]
    assert wrapped.label == ("Effektivisering af ledelse og administrative støttefunktioner "
                             "på dagtilbudsområde")


def test_the_stated_total_fte_of_each_proposal_is_kept(seed: Catalogue) -> None:
    stated = {p.number: p.fte for p in seed.proposals if p.fte is not None}
    assert stated == {"2.2": Decimal(4), "2.4": Decimal(5), "2.5": Decimal("4.45"),
                      "2.6": Decimal("5.9"), "2.9": Decimal("3.2"), "2.10": Decimal(4),
                      "2.11": Decimal("1.7")}
