"""The claim forms read straight from tokens: ratios, rates in two arms, adverse effects, and
lowering verbs on change nouns."""

from __future__ import annotations

from kg.extractors.claims.arm_values import percentages, rate_claim
from kg.extractors.claims.forms import adverse_claim, lowered_by_verb, ratio_claim
from kg.text.tokens import tokenize


def _at(tokens: list, word: str) -> int:
    return next(t.i for t in tokens if t.lower == word)


def test_percentages_take_decimals_and_commas() -> None:
    # "4.3%" and "6,6%" (a decimal comma) are both rates
    tokens = tokenize("in 4.3% of A and 6,6% of B")
    assert [v for _, v in percentages(tokens, 0, len(tokens))] == [4.3, 6.6]


def test_rate_claim_direction_follows_the_first_arm() -> None:
    # a lower first rate lowers the subject; the subject is the phrase before the verb
    tokens = tokenize("Recurrent stroke occurred in 2% of patients given A and 5% of those given B.")
    phrases, effect, passive = rate_claim(tokens, _at(tokens, "occurred"), len(tokens) - 1)
    assert (phrases, effect, passive) == ([(0, 2)], "-", True)
    # no second rate: no claim
    tokens = tokenize("Stroke occurred in 2% of patients.")
    assert rate_claim(tokens, _at(tokens, "occurred"), len(tokens) - 1)[0] == []


def test_ratio_claim_below_and_above_one() -> None:
    # "hazard ratio 0.68 for death" lowers death; "odds ratio 2.0 for infection" raises infection
    tokens = tokenize("hazard ratio 0.68 for death")
    assert ratio_claim(tokens, _at(tokens, "ratio"), len(tokens))[1] == "-"
    tokens = tokenize("odds ratio 2.0 for infection")
    assert ratio_claim(tokens, _at(tokens, "ratio"), len(tokens))[1] == "+"


def test_adverse_claim_needs_a_copula() -> None:
    # "X is the most common adverse effect of Y": X rises; without a copula nothing is claimed
    tokens = tokenize("Cough is the most common adverse effect of enalapril.")
    assert adverse_claim(tokens, _at(tokens, "effect")) == ([(0, 1)], "+", True)
    tokens = tokenize("Adverse effect of enalapril.")
    assert adverse_claim(tokens, _at(tokens, "effect"))[0] == []


def test_lowering_verb_on_a_change_noun() -> None:
    # "slowed the decline": a lowering verb governs the noun; "the decline" alone has none
    tokens = tokenize("Nintedanib slowed the decline in lung function.")
    assert lowered_by_verb(tokens, _at(tokens, "decline"))
    tokens = tokenize("The decline in lung function was slow.")
    assert not lowered_by_verb(tokens, _at(tokens, "decline"))
