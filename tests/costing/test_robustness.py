"""Any value in any key of the example specs gives findings or a table, never a traceback."""

from __future__ import annotations

import re

import pytest

from budgetkatalog.core.finding import Severity
from budgetkatalog.costing.compute import cost
from budgetkatalog.costing.spec import load_spec
from tests.costing.support import EXAMPLES

ODD_VALUES = ('"x"', "-1", "0", "[]", "{}", "true", "1.5", '"13/12"', '"1/0"', "1e400", "inf",
              "nan", "-1e-400", '"2020-13"', "2020-02-30", '{ 2020 = "x" }', '{ x = 1 }',
              '"-2.5"', '""')
KEY_LINE = re.compile(r"^([A-Za-z_]+) = .*$", re.MULTILINE)


@pytest.mark.parametrize("name", ["2.10-miljo-teknik.toml", "2.16-dagpenge-dansk.toml",
                                  "2.5-dagtilbud.toml"])
def test_every_odd_value_in_every_key_is_reported_not_raised(name: str) -> None:
    spec_text = (EXAMPLES / name).read_text(encoding="utf-8")
    round_text = (EXAMPLES / "round-2020.toml").read_text(encoding="utf-8")
    # The round file is shared: varying it once is enough.
    for target in ("spec", "round") if name.startswith("2.10") else ("spec",):
        text = spec_text if target == "spec" else round_text
        for match in KEY_LINE.finditer(text):
            for value in ODD_VALUES:
                changed = text[:match.start()] + f"{match.group(1)} = {value}" + \
                    text[match.end():]
                spec_source = changed if target == "spec" else spec_text
                round_source = changed if target == "round" else round_text
                result = load_spec(spec_source, name, lambda _, text=round_source: text)
                if result.spec is None:
                    assert any(f.severity is Severity.ERROR for f in result.findings)
                    assert all(f.message.da and f.message.en for f in result.findings)
                else:
                    cost(result.spec)
