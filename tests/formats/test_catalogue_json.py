from __future__ import annotations

import json
from decimal import Decimal

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetkatalog.core.catalogue import Catalogue, FteRow, FteTable, ProposalGroup
from budgetkatalog.core.proposal import Proposal
from budgetkatalog.core.table import AmountsTable, AppropriationArea, TableLine
from budgetkatalog.core.text import BulletList, ListItem, Paragraph, Section
from budgetkatalog.core.years import BudgetRound
from budgetkatalog.formats.catalogue_json import FormatError, dumps, loads, schema, to_document


def test_the_seed_round_trips_exactly(seed: Catalogue) -> None:
    again, findings = loads(dumps(seed))
    assert again == seed and findings == []


def test_the_document_has_the_promised_shape(seed: Catalogue) -> None:
    doc = to_document(seed)
    jsonschema.Draft202012Validator(schema()).validate(doc)
    assert (doc["format"], doc["version"], doc["years"], doc["unit"]) == (
        "budgetkatalog-catalogue", 1, [2020, 2021, 2022, 2023], 1000)
    p28 = next(p for p in doc["proposals"] if p["number"] == "2.8")
    assert p28["lines"][0] == {"letter": "a", "code": "239020",
                               "name": "Borger & Ydelsescentret",
                               "amounts": {"2020": -1898, "2021": -3795, "2022": -3795,
                                           "2023": -3795},
                               "source_line": p28["lines"][0]["source_line"]}
    assert p28["lines"][1]["amounts"]["2020"] is None
    assert p28["total"] == {"2020": -3517, "2021": -7666, "2022": -7666, "2023": -7666}


def test_a_document_that_breaks_the_schema_is_refused_with_its_path(seed: Catalogue) -> None:
    doc = to_document(seed)
    doc["proposals"][7]["lines"][0]["amounts"]["2020"] = "-1898"
    with pytest.raises(FormatError) as caught:
        loads(json.dumps(doc))
    assert caught.value.findings[0].section == "/proposals/7/lines/0/amounts/2020"


def test_invalid_json_is_refused_with_its_line() -> None:
    with pytest.raises(FormatError) as caught:
        loads('{\n  "format": \n}')
    assert caught.value.findings[0].line == 3


def test_edited_computed_totals_are_recomputed_and_reported(seed: Catalogue) -> None:
    doc = to_document(seed)
    doc["proposals"][0]["total"]["2021"] = -1
    again, findings = loads(json.dumps(doc))
    assert again == seed
    assert [f.rule for f in findings] == ["json.computed-mismatch"]


YEARS = (2020, 2021, 2022, 2023)
cell = st.one_of(st.none(), st.integers(-10**9, 10**9))
amounts = st.tuples(cell, cell, cell, cell)
words = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
maybe = st.one_of(st.none(), words)


def table_line(letter: str) -> st.SearchStrategy[TableLine]:
    return st.builds(TableLine, st.just(letter), maybe, maybe, amounts,
                     st.one_of(st.none(), st.integers(1, 10**6)))


tables = st.builds(
    AmountsTable, words, st.just(YEARS),
    st.tuples(*(table_line(x) for x in "abcd")), table_line("f"), table_line("g"),
    amounts, amounts, st.sampled_from([1, 1000]),
    st.lists(st.builds(AppropriationArea, st.from_regex(r"\d{4}", fullmatch=True), maybe),
             max_size=3).map(tuple))
blocks = st.lists(st.one_of(
    st.builds(Paragraph, words, st.one_of(st.none(), st.integers(1, 99))),
    st.builds(BulletList, st.lists(st.builds(ListItem, words), max_size=3).map(tuple))),
    max_size=3).map(tuple)
decimals = st.one_of(st.none(), st.decimals(min_value=-1000, max_value=1000, places=2,
                                            allow_nan=False, allow_infinity=False))


@st.composite
def catalogues(draw: st.DrawFn) -> Catalogue:
    count = draw(st.integers(0, 4))
    proposals = tuple(
        Proposal(number=f"2.{i + 1}", title=draw(words),
                 sections=tuple(Section(n, draw(words), draw(blocks), n) for n in range(1, 8)
                                if draw(st.booleans())),
                 table=draw(st.one_of(st.none(), tables)), areas_text=draw(maybe),
                 fte=draw(decimals), line=draw(st.one_of(st.none(), st.integers(1, 999))))
        for i in range(count))
    numbers = tuple(p.number for p in proposals)
    fte = draw(st.one_of(st.none(), st.builds(
        FteTable, st.lists(st.builds(FteRow, words, st.lists(words, max_size=2).map(tuple),
                                     decimals), max_size=3).map(tuple), decimals)))
    return Catalogue(title=draw(words), round=BudgetRound.from_years(YEARS, 1000, 2020),
                     proposals=proposals,
                     groups=(ProposalGroup(draw(words), numbers, draw(maybe), draw(maybe),
                                           (), draw(st.one_of(st.none(), st.integers(0, 99)))),),
                     municipality=draw(maybe), overview=None, fte_table=fte,
                     front_matter=draw(blocks))


@settings(max_examples=150, deadline=None)
@given(catalogues())
def test_generated_catalogues_round_trip_exactly(catalogue: Catalogue) -> None:
    again, _ = loads(dumps(catalogue))
    assert again == catalogue


def test_fte_decimals_survive_as_exact_strings() -> None:
    table = FteTable((FteRow("Dagtilbud", (), Decimal("4.45")),), Decimal("49.7"))
    catalogue = Catalogue("K", BudgetRound.from_years(YEARS), (), fte_table=table)
    assert to_document(catalogue)["fte_table"]["rows"][0]["fte"] == "4.45"
    assert loads(dumps(catalogue))[0] == catalogue


def _broken(seed: Catalogue) -> list[object]:
    """Documents that break the schema in different places and ways."""
    documents: list[object] = [[], {}]
    for path, value in ((("version",), "1"), (("years",), ["2020"]), (("unit",), None),
                        (("proposals", 0, "number"), 2.1),
                        (("proposals", 0, "lines", 0, "amounts", "2020"), "-1.898"),
                        (("proposals", 0, "extra"), True), (("groups",), {})):
        doc = json.loads(json.dumps(to_document(seed)))
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        documents.append(doc)
    return documents


def test_the_compiled_check_agrees_with_jsonschema(seed: Catalogue) -> None:
    from budgetkatalog.formats.catalogue_json import _compiled

    reference = jsonschema.Draft202012Validator(schema())
    valid = to_document(seed)
    assert _compiled().is_valid(valid) and reference.is_valid(valid)
    for doc in _broken(seed):
        assert not reference.is_valid(doc)
        assert not _compiled().is_valid(doc)
        with pytest.raises(FormatError) as refused:
            loads(json.dumps(doc))
        assert refused.value.findings[0].rule == "json.schema"
