"""The significance reader on literal result sentences."""

from __future__ import annotations

import pytest

from kg.extractors.claims.significance import not_significant, p_value
from kg.text.tokens import tokenize


@pytest.mark.parametrize(
    ("text", "significant"),
    [("p = 0.09", False), ("P<0.001", True), ("p > 0.05", False), ("p = .03", True), ("P = NS", False),
     ("p ≤ 0.05", True), ("p = 0.05", False), ("p=0·04", True)],
)  # fmt: skip
def test_p_value(text: str, significant: bool) -> None:
    found = p_value(tokenize(text), 0)
    assert found is not None and found[0] is significant


def test_not_a_p_value() -> None:
    assert p_value(tokenize("p53 expression"), 0) is None
    assert p_value(tokenize("p = high"), 0) is None


def test_first_statistic_decides() -> None:
    tokens = tokenize("was 26% with A and 31% with B (p = NS)")
    assert not_significant(tokens, 0, len(tokens)) == "p = NS"
    tokens = tokenize("was lower (p < 0.01) and Y (p = 0.40)")
    assert not_significant(tokens, 0, len(tokens)) is None


def test_words_of_non_significance() -> None:
    tokens = tokenize("the difference was insignificant")
    assert not_significant(tokens, 0, len(tokens)) == "insignificant"
    tokens = tokenize("was not significantly lower")
    assert not_significant(tokens, 0, len(tokens)) == "not significantly"
    tokens = tokenize("was significantly lower")
    assert not_significant(tokens, 0, len(tokens)) is None
