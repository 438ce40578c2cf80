"""Read the claims that compare values or shares of patients between a trial's arms: "X occurred
in 4% of A versus 7% of B", "X was 11.2 months with A versus 4.5 months with B", "more patients in
the A group had X", "69% of the patients in the A arm suffered from X versus 63% in the B arm". A
control arm named first is the reference."""

from __future__ import annotations

from collections.abc import Sequence

from kg.extractors.claims.forms import compared, number
from kg.extractors.syntax.clauses import (
    AMOUNT_WORDS,
    COPULAS,
    first_auxiliary,
    subject_floor,
    trigger_objects,
)
from kg.extractors.syntax.grammar import PEOPLE
from kg.extractors.syntax.phrases import Phrase, subject_phrases
from kg.extractors.words import cues
from kg.extractors.words import table as _table
from kg.text.tokens import Token

_WORDS = _table("claims")

# how a value is tied to its arm: "11.2 months with A", "79% in the A group", "for A", "after A"
ARM_PREPOSITIONS: frozenset[str] = _WORDS["arm_prepositions"]
# units between a value and what follows it ("10 mg lower", "3 points higher")
_SYNTAX = _table("syntax")
ARM_UNITS = AMOUNT_WORDS | _SYNTAX["units"] | _SYNTAX["time_units"] | {"mmol/l"}
# the plural nouns of arms listed in a subject ("in groups 1 and 2", "in the A and B arms")
LISTED_ARM_NOUNS = frozenset({"groups", "arms"})
# how far after a share of patients its arm is named ("16.2%) in the A group")
SHARE_ARM_REACH = 5
# how many tokens a value's unit may take before its arm ("113 g / L in the B group")
UNIT_REACH = 5
# what stands between a mean and its spread ("3.26 ± 1.57 min"): the spread is not an arm's value
SPREAD_SIGNS = frozenset({"±", "+/-", "+/−"})
# what patients had, required or went through ("more patients had X", "69% of patients suffered from X")
PATIENT_VERBS: frozenset[str] = _WORDS["patient_verbs"]
# the words of a control arm ("the controls", "the placebo group"): a rate in it is the reference
CONTROL_WORDS: frozenset[str] = _table("arms")["controls"] - {"no", "none", "nothing", "matching"}


def percentages(tokens: Sequence[Token], start: int, stop: int) -> list[tuple[int, float]]:
    """Return (index, value) of each "N%" between start and stop."""
    return [
        (k, value)
        for k in range(start, stop - 1)
        if (value := number(tokens[k])) is not None and tokens[k + 1].text == "%"
    ]


def rate_claim(tokens: Sequence[Token], i: int, stop: int) -> tuple[list[Phrase], str, bool]:
    """Return the claim of "X occurred in 4% of patients given A versus 7% of those given B": the
    subject X changed in the direction of the first arm's rate against the second's."""
    rates = percentages(tokens, i + 2, stop)
    more_or_fewer = tokens[i + 2].lower if i + 3 < stop and tokens[i + 3].lower in PEOPLE else ""
    if more_or_fewer in {"fewer", "less", "more"}:
        effect = "-" if more_or_fewer != "more" else "+"  # "X occurred in fewer patients in the A group"
    elif len(rates) < 2 or rates[0][0] > i + 4 + _count_before(tokens, i + 2):
        return [], "", False
    elif _control_first(tokens, rates[0][0], rates[1][0]):
        effect = compared(rates[1][1], rates[0][1])  # "in 18% of the controls and 12% of the A group"
    else:
        effect = compared(rates[0][1], rates[1][1])
    aux = first_auxiliary(tokens, i)
    return subject_phrases(tokens, aux, subject_floor(tokens, aux)), effect, True


def _count_before(tokens: Sequence[Token], k: int) -> int:
    """Return how many tokens a count and its bracket take before the percentage of a rate that
    starts at k ("11 of 110 (10.1%)": 4), else 0."""
    if k + 4 < len(tokens) and number(tokens[k]) is not None and tokens[k + 1].lower in {"of", "/"}:
        return 4 if tokens[k + 3].text == "(" else 0
    return 0


def _control_first(tokens: Sequence[Token], first: int, second: int) -> bool:
    """Return whether the arm of the first of two rates is a control ("18% of the controls and 12%
    of the A group"): its words up to the second rate name a control and no therapy group."""
    return any(t.lower in CONTROL_WORDS for t in tokens[first + 1 : second])


# "more patients in the A group had X", "fewer patients receiving A required X"
PEOPLE_COMPARATIVES = {
    "more": "+",
    "fewer": "-",
    "less": "-",
    "lesser": "-",
    "greater": "+",
    "higher": "+",
    "lower": "-",
    "smaller": "-",
    "larger": "+",
}
# "a greater proportion of patients in the A group achieved X"
SHARE_NOUNS: frozenset[str] = _WORDS["share_nouns"]
# how far after "more patients" the verb of what they had may stand ("in the A group (87%)")
PEOPLE_REACH = 14


def _people_verb(tokens: Sequence[Token], k: int, stop: int) -> int | None:
    """Return the index of the verb that says what patients had ("had", "required", "experienced")
    within PEOPLE_REACH tokens from k, before any other verb of change, or None."""
    for j in range(k, min(stop, k + PEOPLE_REACH)):
        if tokens[j].lower in PATIENT_VERBS:
            return j
        if tokens[j].lower in COPULAS or tokens[j].text in {";", ","}:
            return None
    return None


def people_claim(tokens: Sequence[Token], i: int, stop: int) -> tuple[list[Phrase], str, bool] | None:
    """Return the claim of "more patients in the A group had X (than in B)", "fewer patients
    receiving A required X": X rose with "more" and fell with "fewer" (the comparative at i)."""
    if tokens[i].lower not in PEOPLE_COMPARATIVES:
        return None
    k = i + 1
    if k + 2 < stop and tokens[k].lower in SHARE_NOUNS and tokens[k + 1].lower == "of":
        k += 2  # "a lesser number of women in the A group developed X"
    if k >= stop or tokens[k].lower not in PEOPLE:
        return None
    verb = _people_verb(tokens, k + 1, stop)
    if verb is None:
        return None
    start = verb + 2 if verb + 1 < stop and tokens[verb + 1].lower == "from" else verb + 1
    found = trigger_objects(tokens, start, stop)
    return (found, PEOPLE_COMPARATIVES[tokens[i].lower], False) if found else None


def share_claim(tokens: Sequence[Token], i: int, stop: int) -> tuple[list[Phrase], str, bool] | None:
    """Return the claim of "69% of the patients in the A arm suffered from X versus 63% in the B
    arm" (the verb at i): X rose or fell with A as its share against the other arm's."""
    floor = subject_floor(tokens, i)
    start = i + 2 if i + 1 < stop and tokens[i + 1].lower == "from" else i + 1
    shares = _subject_shares(tokens, floor, i)
    if shares is not None:
        # "five patients (16.2%) in the A group and one (3.3%) in the B group had X"
        found = trigger_objects(tokens, start, stop)
        (k, a), (m, b) = shares
        effect = compared(b, a) if _control_first(tokens, k, m) else compared(a, b)
        return (found, effect, False) if found else None
    opening, floor = floor, _share_start(tokens, floor, i)  # "In the A group, 66.7% of ..."
    if i - floor < 3 or number(tokens[floor]) is None or tokens[floor + 1].text != "%":
        return None
    if not any(t.lower in PEOPLE for t in tokens[floor:i]):
        return None
    found = trigger_objects(tokens, start, stop)
    if not found:
        return None
    rates = percentages(tokens, found[-1][1], stop)
    if not rates or not any(
        t.lower in {"versus", "vs", "compared", "and"} for t in tokens[found[-1][1] : rates[0][0]]
    ):
        return None
    first, second = number(tokens[floor]) or 0.0, rates[0][1]
    effect = compared(second, first) if _control_first(tokens, opening, i) else compared(first, second)
    return found, effect, False


def _share_start(tokens: Sequence[Token], floor: int, i: int) -> int:
    """Return where a share of patients begins after an opening phrase and its comma ("In the A
    group, 66.7% of the patients showed X"), else floor."""
    for k in range(floor + 1, i - 2):
        if tokens[k - 1].text == "," and number(tokens[k]) is not None and tokens[k + 1].text == "%":
            return k
    return floor


def _subject_shares(tokens: Sequence[Token], floor: int, i: int) -> tuple[tuple[int, float], ...] | None:
    """Return the two shares of patients a subject gives per arm ("five patients (16.2%) in the A
    group and one (3.3%) in the B group"): two percentages, each followed by its arm, joined by a
    comparing word; else None."""
    rates = percentages(tokens, floor, i)
    if len(rates) != 2:
        return None
    armed = [
        any(t.lower in ARM_PREPOSITIONS for t in tokens[k + 2 : min(i, k + SHARE_ARM_REACH)])
        for k, _ in rates
    ]
    joined = any(t.lower in {"and", "versus", "vs", "compared"} for t in tokens[rates[0][0] : rates[1][0]])
    return tuple(rates) if all(armed) and joined else None


def _bracketed(tokens: Sequence[Token], start: int, k: int) -> bool:
    """Return whether token k stands inside round or square brackets opened after token start."""
    depth = 0
    for t in tokens[start:k]:
        depth += t.text in {"(", "["}
        depth -= t.text in {")", "]"}
    return depth > 0


def value_claim(tokens: Sequence[Token], i: int, stop: int) -> tuple[list[Phrase], str, bool]:
    """Return the claim of "X was 11.2 months with A versus 4.5 months with B": X was higher or
    lower with A than with B; the copula is at i and the first value right after it. Numbers in
    brackets ("79.1% (1506/1905) in the A group") are counts or intervals, not the arms' values."""
    values = [
        (k, v)
        for k in range(i + 1, stop)
        if (v := number(tokens[k])) is not None
        and not _bracketed(tokens, i + 1, k)
        and tokens[k - 1].text not in SPREAD_SIGNS
    ]
    if len(values) < 2 or values[0][0] != i + 1:
        return [], "", False
    (first, a), (second, b) = values[0], values[1]
    k = first + 1
    while k < second and (tokens[k].text == "%" or tokens[k].lower in ARM_UNITS):
        k += 1
    if tokens[k].lower in cues.VERB_TRIGGERS:
        return [], "", False  # "X was 10% lower after A": a difference, not the arms' values
    between = {t.lower for t in tokens[first + 1 : second]}
    linked = between & {"versus", "vs", "compared", "and", "against"}
    if _respectively(tokens, second, stop) and linked:
        # "X was 53% and 87% in patients treated with A and B, respectively": the arms follow
        effect = compared(b, a) if _first_listed_control(tokens, second, stop) else compared(a, b)
        floor = subject_floor(tokens, i)
        return subject_phrases(tokens, _before_listed_arms(tokens, floor, i), floor), effect, True
    if not between & ARM_PREPOSITIONS and (paired := _paired(tokens, values, stop)) is not None:
        (second, b) = paired  # "93.9% and 84.3% in the A group and 94.4% and 88.4% in the B group"
        between = {t.lower for t in tokens[first + 1 : second]}
        linked = between & {"versus", "vs", "compared", "and", "against"}
    linked |= between & {","}  # "34.7% in the A arm, 40.2% in the B arm"
    arm = _subject_arm(tokens, i, second, stop) if linked and not between & ARM_PREPOSITIONS else None
    if arm is not None:
        # "X in the A group was 117 g/L and 113 g/L in the B group": the first arm in the subject
        effect = compared(b, a) if _control_first(tokens, arm, i) else compared(a, b)
        return subject_phrases(tokens, arm, subject_floor(tokens, i)), effect, True
    if not between & ARM_PREPOSITIONS or not linked:
        return [], "", False
    effect = compared(b, a) if _control_first(tokens, first, second) else compared(a, b)
    return subject_phrases(tokens, i, subject_floor(tokens, i)), effect, True


def _first_listed_control(tokens: Sequence[Token], k: int, stop: int) -> bool:
    """Return whether the first of the arms listed after token k is a control ("... with placebo
    and A, respectively"): a control word before the word that joins it to the next arm."""
    for t in tokens[k + 1 : stop]:
        if t.lower in CONTROL_WORDS:
            return True
        if t.lower in {"and", "versus", "vs", "vs.", ",", "or"} and t.i > k + 2:
            return False
    return False


def _before_listed_arms(tokens: Sequence[Token], floor: int, i: int) -> int:
    """Return where the subject before a copula at i ends when it lists the arms ("the time to
    expulsion in groups 1 and 2 was 9.5 and 14.7 days, respectively": before "in"), else i."""
    for j in range(floor + 1, i - 2):
        if tokens[j].lower in ARM_PREPOSITIONS | {"of"} and any(
            t.lower in LISTED_ARM_NOUNS for t in tokens[j + 1 : i]
        ):
            return j
    return i


def _subject_arm(tokens: Sequence[Token], i: int, second: int, stop: int) -> int | None:
    """Return where the first arm begins in the subject of a copula at i ("X in the A group was 117
    and 113 in the B group"): an arm preposition in the subject, when one also follows the second
    value (across its unit) at `second`; else None."""
    k = second + 1
    while k < min(stop, second + UNIT_REACH) and tokens[k].lower not in ARM_PREPOSITIONS:
        if number(tokens[k]) is not None or not (tokens[k].is_word or tokens[k].text in {"%", "/"}):
            return None  # a third value, or a break before any arm
        k += 1
    if k >= stop or tokens[k].lower not in ARM_PREPOSITIONS:
        return None
    floor = subject_floor(tokens, i)
    return next((j for j in range(floor + 1, i) if tokens[j].lower in ARM_PREPOSITIONS), None)


def _paired(tokens: Sequence[Token], values: list[tuple[int, float]], stop: int) -> tuple[int, float] | None:
    """Return the second arm's first value when each arm has several ("93.9% and 84.3% in the A
    group and 94.4% and 88.4% in the B group"): the value as many places on as the first arm has
    values before its arm is named, or None."""
    first = values[0][0]
    arm = next((k for k in range(first + 1, stop) if tokens[k].lower in ARM_PREPOSITIONS), None)
    n = sum(1 for k, _ in values if arm is not None and k < arm)
    return values[n] if 1 < n < len(values) else None


def _respectively(tokens: Sequence[Token], k: int, stop: int) -> bool:
    """Return whether "respectively" closes the clause after token k, before any third value."""
    for t in tokens[k + 1 : stop]:
        if t.lower == "respectively":
            return True
        spread = tokens[t.i - 1].text in SPREAD_SIGNS  # "14.7 ± 9.8 days": a spread, not a value
        if number(t) is not None and not spread and not any(x.text == "(" for x in tokens[k + 1 : t.i]):
            return False  # a third arm's value: not two arms
    return False
