"""Read the claim forms that carry their direction in numbers or fixed phrases: ratios ("hazard
ratio 0.68 for X"), "X is an adverse effect of Y", lowering verbs on change nouns ("slowed the
decline in X"), "less likely to V X", comparisons on an end point ("superior to Y in terms of X",
"non-inferior to Y for X"). Values compared between arms are read in `arm_values.py`."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.extractors.syntax.clauses import (
    COPULAS,
    aux_before,
    in_brackets,
    subject_floor,
    trigger_objects,
)
from kg.extractors.syntax.grammar import ADVERBS, DETERMINERS
from kg.extractors.syntax.phrases import Phrase, object_phrase, subject_phrases
from kg.extractors.words import cues
from kg.extractors.words import table as _table
from kg.text.tokens import Token

_WORDS = _table("claims")

# verbs after which "more often", "more frequently" compare how often the subject occurred
OCCUR_VERBS: frozenset[str] = _WORDS["occur_verbs"]
# "X is the most common adverse effect of Y"
ADVERSE_NOUNS: frozenset[str] = _WORDS["adverse_nouns"]
# "hazard ratio 0.68 for death", "odds ratio 2.0 for infection"
RATIO_KINDS: frozenset[str] = _WORDS["ratio_kinds"]
# "similar with A and B", "comparable between the groups": the arms a value is alike in
ARMS_ALIKE: frozenset[str] = _WORDS["arms_alike"]
ARM_NOUNS: frozenset[str] = _WORDS["arm_nouns"]
# a preposition before the arms a subject names, and the words that join two arms compared
SUBJECT_ARM_PREPOSITIONS: frozenset[str] = _WORDS["subject_arm_prepositions"]
ARM_LINKS: frozenset[str] = _WORDS["arm_links"]
# the adjectives of a difference's significance ("no significant X difference")
SIGNIFICANCE_ADJECTIVES: frozenset[str] = _WORDS["negation_adjectives"] | {"statistical", "clinical"}
# "no differences were found / observed between the groups in X"
FINDING_VERBS: frozenset[str] = _WORDS["finding_verbs"]
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)?")


def number(t: Token) -> float | None:
    """Return the value of a number token ("0.68", "6,6" with a decimal comma), or None."""
    return float(t.text.replace(",", ".")) if NUMBER_RE.fullmatch(t.text) else None


def compared(a: float, b: float) -> str:
    """Return the effect of a value a against a reference b: "+" above, "-" below, "0" equal."""
    return "+" if a > b else "-" if a < b else "0"


def ratio_claim(tokens: Sequence[Token], i: int, stop: int) -> tuple[list[Phrase], str, bool]:
    """Return the claim of "hazard ratio 0.68 for death": below 1 lowers, above 1 raises."""
    k = i + 1
    while k < stop and tokens[k].lower in {"of", ",", "=", ":", "was", "were", "is", "("}:
        k += 1
    value = number(tokens[k]) if k < stop and "," not in tokens[k].text else None
    if value is None:
        return _ratio_of_was(tokens, i, stop)
    k += 1
    if k < stop and tokens[k].lower in {"for", "of"}:
        return trigger_objects(tokens, k + 1, stop), compared(value, 1.0), False
    return [], "", False


def _ratio_of_was(tokens: Sequence[Token], i: int, stop: int) -> tuple[list[Phrase], str, bool]:
    """Return the claim of "the hazard ratio for X (in A compared with B) was 0.61": the value
    after the first copula of the clause, X after "for" or "of"."""
    if i + 2 >= stop or tokens[i + 1].lower not in {"for", "of"}:
        return [], "", False
    found = trigger_objects(tokens, i + 2, stop)
    cop = next(
        (k for k in range(i + 2, min(stop, i + RATIO_VALUE_REACH)) if tokens[k].lower in COPULAS), None
    )
    value = number(tokens[cop + 1]) if cop is not None and cop + 1 < stop else None
    if not found or value is None:
        return [], "", False
    return found, compared(value, 1.0), False


def lowered_by_verb(tokens: Sequence[Token], i: int) -> bool:
    """Return whether the noun trigger at i is the object of a lowering verb ("slowed the decline
    in", "prevented the loss of", "attenuated the rise in")."""
    j = i - 1
    while j >= 0 and i - j <= 3 and (tokens[j].lower in DETERMINERS or tokens[j].lower in ADVERBS):
        j -= 1
    return j >= 0 and j < i - 1 and cues.VERB_TRIGGERS.get(tokens[j].lower) == "-"


def adverse_claim(tokens: Sequence[Token], i: int) -> tuple[list[Phrase], str, bool]:
    """Return the claim of "X is the most common adverse effect of Y": X rises with Y."""
    floor = subject_floor(tokens, i)
    for k in range(i - 2, max(floor, i - 7) - 1, -1):
        if tokens[k].lower in COPULAS:
            return subject_phrases(tokens, k, subject_floor(tokens, k)), "+", True
    return [], "", False


LIKELY_COMPARATIVES = {"more": "+", "less": "-"}
# how far after "hazard ratio" its "was 0.61" may stand ("the hazard ratio for X in A versus B was")
RATIO_VALUE_REACH = 16


# how far after "more effective" its "in V-ing X" may stand ("than placebo in reducing X")
EFFECTIVE_REACH = 8


def effective_in(tokens: Sequence[Token], i: int, stop: int) -> tuple[list[Phrase], str, bool] | None:
    """Return the claim of "more effective (than Y) in V-ing X" (the comparative at i), or None
    when no "in V-ing" follows: X changes as a verb of change says ("in reducing X"; the verb's own
    claim on X shares a negation before the comparative: "no more effective ... in reducing X");
    another verb ("in maintaining relief of X") makes X rise with "more" and fall with "less"."""
    for k in range(i + 2, min(stop - 1, i + EFFECTIVE_REACH)):
        if tokens[k].lower in {"in", "at"} and tokens[k + 1].lower.endswith("ing"):
            verb = cues.VERB_TRIGGERS.get(tokens[k + 1].lower)
            effect = verb if verb in {"+", "-", "imp", "wor"} else LIKELY_COMPARATIVES.get(tokens[i].lower)
            return (trigger_objects(tokens, k + 2, stop), effect, False) if effect else None
        if tokens[k].text in {",", ";"}:
            return None
    return None


def after_likely(tokens: Sequence[Token], i: int) -> bool:
    """Return whether the verb at i follows "more likely to" / "less likely to" (the comparative
    carries the claim, not the verb alone)."""
    return (
        i >= 3
        and tokens[i - 1].lower == "to"
        and tokens[i - 2].lower == "likely"
        and tokens[i - 3].lower in LIKELY_COMPARATIVES
    )


def likely_claim(tokens: Sequence[Token], i: int, stop: int) -> tuple[list[Phrase], str, bool]:
    """Return the claim of "less likely to carry X", "more likely to develop X" ("likely" at i): X
    rises with "more", falls with "less"; a verb that lowers turns it ("less likely to lose X")."""
    if (
        i < 1
        or tokens[i - 1].lower not in LIKELY_COMPARATIVES
        or i + 2 >= stop
        or tokens[i + 1].lower != "to"
    ):
        return [], "", False
    effect = LIKELY_COMPARATIVES[tokens[i - 1].lower]
    if cues.VERB_TRIGGERS.get(tokens[i + 2].lower) == "-":
        effect = "-" if effect == "+" else "+"
    return trigger_objects(tokens, i + 3, stop), effect, False


def compared_on(tokens: Sequence[Token], i: int, stop: int) -> list[Phrase]:
    """Return the end points a comparison at i is made on ("non-inferior to Y for X", "superior to
    Y in terms of X"): "for", "regarding", "with respect to", "in terms of" name them; "in" or "on"
    only when none of those does."""
    strong = [
        k
        for k in range(i + 1, stop)
        if tokens[k].lower in {"for", "regarding"}
        or (tokens[k].lower, tokens[k - 1].lower) in {("to", "respect"), ("to", "regard"), ("of", "terms")}
    ]
    weak = [k for k in range(i + 1, stop) if tokens[k].lower in {"in", "on"}]
    for k in strong or weak:
        found = trigger_objects(tokens, _past_change_noun(tokens, k + 1, stop), stop)
        if found:
            return found
    return []


def superiority(tokens: Sequence[Token], i: int, stop: int, effect: str) -> tuple[list[Phrase], str, bool]:
    """Return the claim of "X was superior to Y in terms of Z" or "superior Z" (Z improved with X;
    "inferior" worsened)."""
    aux = aux_before(tokens, i)
    if (
        i + 1 < stop
        and tokens[i + 1].lower in {"for", "with"}
        and aux is not None
        and tokens[aux].lower in COPULAS
    ):
        # "filter survival times were superior for citrate": the subject improved with it
        return subject_phrases(tokens, aux, subject_floor(tokens, aux)), effect, True
    if i + 1 < stop and tokens[i + 1].lower != "to":
        first = object_phrase(tokens, i + 1, stop)
        return ([first] if first is not None and first[0] == i + 1 else []), effect, False
    return compared_on(tokens, i, stop), effect, False


def non_inferiority(tokens: Sequence[Token], i: int, stop: int) -> tuple[list[Phrase], str, bool]:
    """Return the end point of "non-inferior to Y for X" (X did not change)."""
    aux = aux_before(tokens, i)
    if (
        aux is not None
        and tokens[aux].lower in COPULAS
        and ((i + 1 < stop and among_arms(tokens, i + 1, stop)) or _arms_in_subject(tokens, aux, i, stop))
    ):
        # "the risk of X was similar with A and B", "X was comparable between the groups", "X in
        # the A and B groups were comparable"
        return arm_subject(tokens, aux), "0", True
    return compared_on(tokens, i, stop), "0", False


def _arms_in_subject(tokens: Sequence[Token], aux: int, i: int, stop: int) -> bool:
    """Return whether a predicate at i ends its clause and its subject (before the copula at aux)
    names what is compared: "X of A versus B were similar", "X in the A and B groups were
    comparable (29 vs. 20 percent)"."""
    if i + 1 < stop and tokens[i + 1].text not in {"(", ",", ".", "[", ":"}:
        return False
    floor = subject_floor(tokens, aux)
    return _arm_split(tokens, floor, aux) is not None


def _arm_split(
    tokens: Sequence[Token], floor: int, aux: int, links: frozenset[str] = ARM_LINKS
) -> int | None:
    """Return where a subject's arms begin ("of A versus B", "in the A and B groups", "the rate of X
    in the A versus B groups"), after what is measured, or None: the last preposition followed by
    two arms joined by one of the links, or by a plural arm noun."""
    inside = in_brackets(tokens)
    for k in range(aux - 2, floor, -1):
        if tokens[k].lower not in SUBJECT_ARM_PREPOSITIONS or inside[k]:
            continue  # "X (95 months with A vs. 96 months with B) was similar": values, not arms
        after = {t.lower for t in tokens[k + 1 : aux]}
        if after & links or after & {"groups", "arms"}:
            return k
    return None


def arm_subject(tokens: Sequence[Token], aux: int, links: frozenset[str] = ARM_LINKS) -> list[Phrase]:
    """Return the subject phrases before a copula at aux, without the arms it names ("X of A
    versus B" is X)."""
    floor = subject_floor(tokens, aux)
    split = _arm_split(tokens, floor, aux, links)
    return subject_phrases(tokens, split if split is not None else aux, floor)


def _negated(tokens: Sequence[Token], aux: int, i: int) -> bool:
    """Return whether a negation stands between the copula at aux and the predicate at i."""
    return any(t.lower in cues.NEGATIONS for t in tokens[aux:i])


def among_arms(tokens: Sequence[Token], k: int, stop: int) -> bool:
    """Return whether the words from k name the arms a value is alike in: "with A and B", "between
    the groups", "among", "across", or "in both groups"."""
    w = tokens[k].lower
    if w in ARMS_ALIKE:
        return True
    return w == "in" and any(t.lower in ARM_NOUNS for t in tokens[k + 1 : min(stop, k + 5)])


def past_finding_verb(tokens: Sequence[Token], k: int, stop: int) -> int:
    """Return the index after "was found", "were observed" at k ("no differences were found
    between ..."), else k."""
    if k + 1 < stop and tokens[k].lower in COPULAS and tokens[k + 1].lower in FINDING_VERBS:
        return k + 2
    return k


def _past_change_noun(tokens: Sequence[Token], k: int, stop: int) -> int:
    """Return the index after "(the) (mean) change in" at k, else k: "non-inferior in mean change
    in visual acuity" is about visual acuity."""
    j = k
    while (
        j < stop and j < k + 3 and (tokens[j].lower in DETERMINERS or tokens[j].lower in {"mean", "median"})
    ):
        j += 1
    if j + 1 < stop and tokens[j].lower in cues.NO_CHANGE_NOUNS and tokens[j + 1].lower in {"in", "of"}:
        return j + 2
    return k


def different_claim(tokens: Sequence[Token], i: int, stop: int) -> tuple[list[Phrase], str, bool]:
    """Return the claim of "X was not (significantly) different between A and B" ("different" at
    i): X did not change; without a negation the difference has no stated direction."""
    aux = aux_before(tokens, i)
    if (
        aux is None
        or tokens[aux].lower not in COPULAS
        or not (
            (i + 1 < stop and among_arms(tokens, i + 1, stop))
            or (_negated(tokens, aux, i) and _arms_in_subject(tokens, aux, i, stop))
        )
    ):
        return [], "", False
    negated = _negated(tokens, aux, i)
    return arm_subject(tokens, aux), "0" if negated else "?", True
