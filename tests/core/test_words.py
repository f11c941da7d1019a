from __future__ import annotations

import pytest

from budgetkatalog.core.words import search_stem


@pytest.mark.parametrize("forms", [
    ("jobcenter", "Jobcenteret", "jobcentret", "jobcentrets", "jobcentre", "jobcentrene"),
    ("borger", "borgeren", "borgerne", "borgernes"),
    ("medarbejder", "medarbejderen", "medarbejdere", "medarbejderne"),
    ("besparelse", "besparelsen", "besparelser", "besparelserne"),
    ("område", "områder", "områderne"),
])
def test_the_forms_of_a_word_share_one_search_key(forms: tuple[str, ...]) -> None:
    assert len({search_stem(word) for word in forms}) == 1, forms


def test_short_words_keep_three_letters() -> None:
    assert search_stem("er") == "er"
    assert search_stem("bedre") == "bed"
