"""Read the claim forms that carry their direction in numbers or fixed phrases: ratios ("hazard
ratio 0.68 for X"), rates in two arms ("X occurred in 4% of A versus 7% of B"), "X is an adverse
effect of Y", and lowering verbs on change nouns ("slowed the decline in X")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.extractors import cues
from kg.extractors.clauses import COPULAS, subject_floor, trigger_objects
from kg.extractors.grammar import ADVERBS, AUXILIARIES, DETERMINERS, PEOPLE
from kg.extractors.phrases import Phrase, subject_phrases
from kg.text.tokens import Token

# verbs after which "more often", "more frequently" compare how often the subject occurred
OCCUR_VERBS = {
    "occurred",
    "occur",
    "occurs",
    "developed",
    "reported",
    "observed",
    "seen",
    "arose",
    "recurred",
}


# "X is the most common adverse effect of Y"
ADVERSE_NOUNS = {"effect", "effects", "event", "events", "reaction", "reactions"}


# "hazard ratio 0.68 for death", "odds ratio 2.0 for infection"
RATIO_KINDS = {"hazard", "odds", "risk", "rate", "incidence", "relative"}


def ratio_claim(tokens: Sequence[Token], i: int, stop: int) -> tuple[list[Phrase], str, bool]:
    """Return the claim of "hazard ratio 0.68 for death": below 1 lowers, above 1 raises."""
    k = i + 1
    while k < stop and tokens[k].lower in {"of", ",", "=", ":", "was", "were", "is", "("}:
        k += 1
    if k >= stop or not re.fullmatch(r"\d+(?:\.\d+)?", tokens[k].text):
        return [], "", False
    value = float(tokens[k].text)
    k += 1
    if k < stop and tokens[k].lower in {"for", "of"}:
        effect = "-" if value < 1 else "+" if value > 1 else "0"
        return trigger_objects(tokens, k + 1, stop), effect, False
    return [], "", False


def lowered_by_verb(tokens: Sequence[Token], i: int) -> bool:
    """Return whether the noun trigger at i is the object of a lowering verb ("slowed the decline
    in", "prevented the loss of", "attenuated the rise in")."""
    j = i - 1
    while j >= 0 and i - j <= 3 and (tokens[j].lower in DETERMINERS or tokens[j].lower in ADVERBS):
        j -= 1
    return j >= 0 and j < i - 1 and cues.VERB_TRIGGERS.get(tokens[j].lower) == "-"


def percentages(tokens: Sequence[Token], start: int, stop: int) -> list[tuple[int, float]]:
    """Return (index, value) of each "N%" between start and stop."""
    return [
        (k, float(tokens[k].text.replace(",", ".")))
        for k in range(start, stop - 1)
        if re.fullmatch(r"\d+(?:[.,]\d+)?", tokens[k].text) and tokens[k + 1].text == "%"
    ]


def adverse_claim(tokens: Sequence[Token], i: int) -> tuple[list[Phrase], str, bool]:
    """Return the claim of "X is the most common adverse effect of Y": X rises with Y."""
    floor = subject_floor(tokens, i)
    for k in range(i - 2, max(floor, i - 7) - 1, -1):
        if tokens[k].lower in COPULAS:
            return subject_phrases(tokens, k, subject_floor(tokens, k)), "+", True
    return [], "", False


def rate_claim(tokens: Sequence[Token], i: int, stop: int) -> tuple[list[Phrase], str, bool]:
    """Return the claim of "X occurred in 4% of patients given A versus 7% of those given B": the
    subject X changed in the direction of the first arm's rate against the second's."""
    rates = percentages(tokens, i + 2, stop)
    more_or_fewer = tokens[i + 2].lower if i + 3 < stop and tokens[i + 3].lower in PEOPLE else ""
    if more_or_fewer in {"fewer", "less", "more"}:
        effect = "-" if more_or_fewer != "more" else "+"  # "X occurred in fewer patients in the A group"
    elif len(rates) < 2 or rates[0][0] > i + 4:
        return [], "", False
    else:
        (_, first), (_, second) = rates[0], rates[1]
        effect = "-" if first < second else "+" if first > second else "0"
    aux = i
    while aux > 0 and tokens[aux - 1].lower in AUXILIARIES:
        aux -= 1
    return subject_phrases(tokens, aux, subject_floor(tokens, aux)), effect, True


def value_claim(tokens: Sequence[Token], i: int, stop: int) -> tuple[list[Phrase], str, bool]:
    """Return the claim of "X was 11.2 months with A versus 4.5 months with B": X was higher or
    lower with A than with B; the copula is at i and the first value right after it."""
    values = [k for k in range(i + 1, stop) if re.fullmatch(r"\d+(?:[.,]\d+)?", tokens[k].text)]
    if len(values) < 2 or values[0] != i + 1:
        return [], "", False
    first, second = values[0], values[1]
    between = {t.lower for t in tokens[first + 1 : second]}
    if "with" not in between or not between & {"versus", "vs", "compared", "and", "against"}:
        return [], "", False
    a, b = (float(tokens[k].text.replace(",", ".")) for k in (first, second))
    effect = "+" if a > b else "-" if a < b else "0"
    return subject_phrases(tokens, i, subject_floor(tokens, i)), effect, True
