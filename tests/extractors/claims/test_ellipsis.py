"""Elliptic denials of a second therapy, on literal sentences."""

from __future__ import annotations

from kg.extractors.claims.ellipsis import denied
from kg.extractors.sentence import sentence_tokens
from kg.extractors.syntax import tagged


def _denied(text: str, word: str) -> bool:
    tokens = tagged(sentence_tokens(text))
    i = next(t.i for t in tokens if t.lower == word)
    return denied(tokens, range(i, i + 1))


def test_a_denial_that_closes_its_clause() -> None:
    assert _denied("Metformin reduced HbA1c, whereas insulin did not.", "insulin")
    assert _denied(
        "Labetalol was associated with mortality, while metformin monotherapy was not.", "metformin"
    )


def test_no_denial_without_contrast_or_with_a_claim_of_its_own() -> None:
    assert not _denied("Metformin reduced HbA1c and insulin did not.", "insulin")
    assert not _denied("Metformin reduced HbA1c, but insulin did not reduce weight.", "insulin")
