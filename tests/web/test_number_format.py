from __future__ import annotations

import random
from decimal import Decimal

from budgetkatalog.core.money import format_number as domain_format
from budgetkatalog.web.public.templatetags.budget import format_number


def test_the_web_formats_numbers_exactly_as_the_domain_does() -> None:
    rng = random.Random(2020)
    values: list[Decimal | int] = [0, 5, -1898, 1234567, -7666, Decimal("-0.0004"),
                                   Decimal("-7.666"), Decimal("0.0005"), Decimal("-2.5")]
    values += [rng.randint(-10**9, 10**9) for _ in range(300)]
    values += [Decimal(rng.randint(-10**7, 10**7)).scaleb(-rng.randint(0, 5))
               for _ in range(300)]
    for value in values:
        for decimals in (0, 2, 3):
            for lang in ("da", "en"):
                assert format_number(value, decimals, lang) == \
                    domain_format(value, decimals, lang), (value, decimals, lang)
