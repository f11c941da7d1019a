"""The costing form: the example specs read into the form and written back compute the
same Table 1; Danish numbers are exact; errors name the form's own fields."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetkatalog.costing.compute import cost
from budgetkatalog.costing.form import CostForm, CostRow, field_label, from_text, to_document
from budgetkatalog.costing.spec import load_spec
from budgetkatalog.examples import EXAMPLES_DIR

COSTING = EXAMPLES_DIR / "costing"
ROUND = (COSTING / "round-2020.toml").read_text(encoding="utf-8")


def table_of(spec: str) -> object:
    loaded = load_spec(spec, "forslag.toml", read=lambda _name: ROUND)
    assert loaded.spec is not None, [f.message.da for f in loaded.findings]
    return cost(loaded.spec).table


@pytest.mark.parametrize("path", sorted(p for p in COSTING.glob("*.toml")
                                        if p.name != "round-2020.toml"), ids=lambda p: p.name)
def test_an_example_spec_in_the_form_computes_the_same_table(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    form, beyond = from_text(source)
    if form is None:
        # what the form cannot show is named, never dropped
        assert beyond
        return
    loaded = load_spec(source, str(path), read=lambda _name: ROUND)
    assert loaded.spec is not None
    written = to_document(form, number=loaded.spec.number, title=loaded.spec.title,
                          caption=loaded.spec.caption)
    assert table_of(written.text) == table_of(source)


def test_the_dagtilbud_and_miljo_examples_fit_the_form() -> None:
    for name in ("2.5-dagtilbud.toml", "2.10-miljo-teknik.toml"):
        form, beyond = from_text((COSTING / name).read_text(encoding="utf-8"))
        assert form is not None, beyond


def test_danish_numbers_are_read_exactly() -> None:
    form = CostForm(first_year_share="1/2", rows=(
        CostRow(letter="b", label="To AC'ere", staff="ac", fte="1,5"),
        CostRow(letter="b", label="Takst", basis="amount", amount="633.000",
                direction="cost"),
    ))
    text = to_document(form, number="9.1", title="Prøve", caption="").text
    assert "fte = 1.5" in text and "amount = 633000" in text
    assert 'first_year_share = "1/2"' in text


def test_errors_name_the_field_as_the_form_shows_it() -> None:
    form = CostForm(rows=(CostRow(letter="a", label="x", staff="ac", fte="2"),
                          CostRow(letter="b", label="y", staff="ac", fte="-1")))
    document = to_document(form, number="9.1", title="Prøve", caption="")
    loaded = load_spec(document.text, "forslag.toml", read=lambda _name: ROUND)
    assert loaded.spec is None
    path = "line[2].component[1].fte"
    assert any(path in f.message.da for f in loaded.findings)
    assert field_label(path, document.paths) == "beregningsrække 2, årsværk"
    assert field_label(path, document.paths, "en") == "costing row 2, FTE"
