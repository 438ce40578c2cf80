"""Find claims of change in a sentence: a trigger ("reduced", "improvement in", "more frequent"),
the outcome phrase it acts on, the direction it gives, and a negation before it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from kg.extractors import cues
from kg.extractors.context import negation_before
from kg.extractors.grammar import ADVERBS, AUXILIARIES, CLAUSE_BREAKS, DETERMINERS, PEOPLE
from kg.extractors.phrases import Phrase, coordinated_objects, distribute, object_phrase, subject_phrases
from kg.text.tokens import Token

NOUN_TRIGGERS = {
    "effect",
    "effects",
    "improvement",
    "improvements",
    "reduction",
    "reductions",
    "increase",
    "increases",
    "decrease",
    "decreases",
    "gains",
    "gain",
    "benefit",
    "benefits",
    "rise",
    "decline",
    "change",
    "changes",
    "worsening",
    "prevention",
}
COMPARATIVES = {"more", "higher", "greater", "longer", "less", "lower", "fewer", "shorter"}
COPULAS = {"is", "are", "was", "were", "be", "been", "being"}
# "the odds were more favourable": an adjective after a comparative names the quality compared
ADJECTIVE_NOUNS = {
    "effective": "effectiveness",
    "efficacious": "efficacy",
    "safe": "safety",
    "tolerable": "tolerability",
    "frequent": "frequency",
}
PARTICIPLE_ENDINGS = ("ed", "en")
# a verb right after a modal is a base form ("might shorten"), never a participle
MODALS = {"may", "might", "can", "could", "will", "would", "should", "must", "shall", "do", "does", "did"}
# verbs that also change their subject: "tumour size decreased after radiotherapy"
INTRANSITIVE = {
    "decreased",
    "increased",
    "improved",
    "declined",
    "fell",
    "rose",
    "worsened",
    "deteriorated",
    "decreases",
    "increases",
    "improves",
    "declines",
}
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
# "carries a risk of X": X rises; "carried out" is no claim
CARRY_WORDS = {"carry", "carries", "carried", "carrying"}
# nouns of study designs: a trigger word before one is an adjective ("controlled trial")
STUDY_NOUNS = {"trial", "trials", "study", "studies", "comparison", "comparisons", "analysis", "design"}
# "hazard ratio 0.68 for death", "odds ratio 2.0 for infection"
RATIO_KINDS = {"hazard", "odds", "risk", "rate", "incidence", "relative"}
# "was linked to X", "was associated with X": X rose with the therapy
LINK_WORDS = {"linked", "associated"}


@dataclass(frozen=True)
class Claim:
    """An outcome phrase (token range plus any distributed words) changed by a trigger."""

    start: int
    end: int
    extra: str
    effect: str
    trigger: int
    passive: bool
    negation: str | None = None


def clause_floor(tokens: Sequence[Token], i: int) -> int:
    """Return the index of the first token of the clause that contains token i."""
    j = i - 1
    while j >= 0 and tokens[j].lower not in CLAUSE_BREAKS and tokens[j].text not in {",", "("}:
        j -= 1
    return j + 1


def subject_floor(tokens: Sequence[Token], i: int) -> int:
    """Return where the subject of the clause holding token i may start: after a clause break or
    "that", but across commas ("Dizziness, somnolence and oedema were...")."""
    j = i - 1
    while (
        j >= 0
        and tokens[j].lower not in CLAUSE_BREAKS | {"that", "which", "whereas"}
        and tokens[j].text != "("
    ):
        if tokens[j].text == ")":  # "Overall survival (OS) was": the parenthesis is inside
            k = j - 1
            while k >= 0 and tokens[k].text not in {"(", ")"}:
                k -= 1
            if k >= 0 and tokens[k].text == "(":
                j = k
        j -= 1
    return j + 1


def sentence_stop(tokens: Sequence[Token], i: int) -> int:
    """Return the index where the clause that starts after token i ends."""
    j = i
    while j < len(tokens) and tokens[j].lower not in CLAUSE_BREAKS and tokens[j].text not in {";", "["}:
        j += 1
    return j


def _aux_before(tokens: Sequence[Token], i: int) -> int | None:
    """Return the auxiliary ("was", "were") before token i across adverbs and "not", if any."""
    j = i - 1
    while j >= 0 and (tokens[j].lower in ADVERBS or tokens[j].lower in {"not", "n't", "the"}):
        j -= 1
    return j if j >= 0 and tokens[j].lower in AUXILIARIES else None


def _objects(tokens: Sequence[Token], i: int, stop: int) -> list[Phrase]:
    """Return the coordinated object phrases that start after token i."""
    first = object_phrase(tokens, i, stop)
    if first is None:
        return []
    if (
        first[1] + 1 < stop
        and tokens[first[1]].lower in NOUN_TRIGGERS
        and tokens[first[1] + 1].lower in {"in", "of", "on"}
    ):
        return []  # "produced a similar reduction in X": the noun trigger carries the claim
    objs = coordinated_objects(tokens, first, stop)
    last = objs[-1][1]
    if last + 1 < len(tokens) and tokens[last].lower == "in" and tokens[last + 1].lower in cues.VERB_TRIGGERS:
        return []  # "efficacy in controlling X": the nested trigger carries the claim
    return objs


def _ratio_claim(tokens: Sequence[Token], i: int, stop: int) -> tuple[list[Phrase], str, bool]:
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
        return _objects(tokens, k + 1, stop), effect, False
    return [], "", False


def _lowered_by_verb(tokens: Sequence[Token], i: int) -> bool:
    """Return whether the noun trigger at i is the object of a lowering verb ("slowed the decline
    in", "prevented the loss of", "attenuated the rise in")."""
    j = i - 1
    while j >= 0 and i - j <= 3 and (tokens[j].lower in DETERMINERS or tokens[j].lower in ADVERBS):
        j -= 1
    return j >= 0 and j < i - 1 and cues.VERB_TRIGGERS.get(tokens[j].lower) == "-"


def _percentages(tokens: Sequence[Token], start: int, stop: int) -> list[tuple[int, float]]:
    """Return (index, value) of each "N%" between start and stop."""
    return [
        (k, float(tokens[k].text.replace(",", ".")))
        for k in range(start, stop - 1)
        if re.fullmatch(r"\d+(?:[.,]\d+)?", tokens[k].text) and tokens[k + 1].text == "%"
    ]


def _adverse_claim(tokens: Sequence[Token], i: int) -> tuple[list[Phrase], str, bool]:
    """Return the claim of "X is the most common adverse effect of Y": X rises with Y."""
    floor = subject_floor(tokens, i)
    for k in range(i - 2, max(floor, i - 7) - 1, -1):
        if tokens[k].lower in COPULAS:
            return subject_phrases(tokens, k, subject_floor(tokens, k)), "+", True
    return [], "", False


def _rate_claim(tokens: Sequence[Token], i: int, stop: int) -> tuple[list[Phrase], str, bool]:
    """Return the claim of "X occurred in 4% of patients given A versus 7% of those given B": the
    subject X changed in the direction of the first arm's rate against the second's."""
    rates = _percentages(tokens, i + 2, stop)
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


def _trigger_claims(tokens: Sequence[Token], i: int) -> tuple[list[Phrase], str, bool]:
    """Return the phrases a trigger at token i acts on, its effect and whether they are its subject."""
    w = tokens[i].lower
    nxt = tokens[i + 1].lower if i + 1 < len(tokens) else ""
    stop = sentence_stop(tokens, i + 1)
    if w == "ratio" and i > 0 and tokens[i - 1].lower in RATIO_KINDS:
        return _ratio_claim(tokens, i, stop)
    if w in LINK_WORDS:
        pass
    elif (
        w in COMPARATIVES and nxt in ADJECTIVE_NOUNS and not (i > 0 and tokens[i - 1].lower in COPULAS)
    ) or (w in COMPARATIVES and nxt in ADJECTIVE_NOUNS and nxt not in cues.FREQUENCY_WORDS):
        return [(i + 1, i + 2)], cues.VERB_TRIGGERS.get(w, "?"), False
    if (
        w in ADVERSE_NOUNS
        and i > 0
        and tokens[i - 1].lower in {"adverse", "side"}
        and nxt in {"of", "after", "with"}
    ):
        return _adverse_claim(tokens, i)
    if w in OCCUR_VERBS and nxt == "in":
        return _rate_claim(tokens, i, stop)
    if w in cues.NO_CHANGE_VERBS:
        aux = _aux_before(tokens, i)
        return subject_phrases(tokens, aux if aux is not None else i, subject_floor(tokens, i)), "0", True
    if w in cues.NON_INFERIORITY:
        for k in range(i + 1, stop):
            prev = tokens[k - 1].lower
            if tokens[k].lower in {"for", "regarding"} or (tokens[k].lower, prev) in {
                ("to", "respect"),
                ("of", "terms"),
            }:
                return _objects(tokens, k + 1, stop), "0", False
        return [], "", False
    if w in cues.NO_CHANGE_NOUNS:
        back = [t.lower for t in tokens[max(0, i - 3) : i]]
        if "no" in back and nxt in {"in", "on", "between", "for", "of"}:
            return _objects(tokens, i + 2, stop), "0", False
    if w in {"low", "high"} and nxt in cues.RISK_NOUNS | {"dose", "doses"}:
        return _objects(tokens, i + 1, stop), "-" if w == "low" else "+", False
    if w in cues.EFFECTIVE_WORDS:
        return [], "", False
    if w in {"effect", "effects"}:  # "effect on X" (its direction follows X); "adverse effects" is none
        return (_objects(tokens, i + 2, stop) if nxt == "on" else []), "imp", False
    effect = cues.VERB_TRIGGERS.get(w)
    if w == "associated" and nxt == "with" and _aux_before(tokens, i) is not None:
        effect = "+"  # "X was associated with Y" (a comparative after "with" carries its own claim)
    if effect is None or nxt in STUDY_NOUNS or (w in CARRY_WORDS and nxt == "out"):
        return [], "", False  # "a controlled trial" is a design, not a claim
    if w in COMPARATIVES:
        if (
            i > 0
            and (tokens[i - 1].text[:1].isdigit() or tokens[i - 1].lower in {"or", "no", "than"})
            and w != "more"
        ):
            return [], "", False
        if i > 0 and tokens[i - 1].lower == "or":
            return [], "", False  # "15 or more letters" is a quantity, not a claim
        aux = _aux_before(tokens, i)
        copula = aux is not None and tokens[aux].lower in COPULAS
        if nxt in cues.FREQUENCY_WORDS or copula:
            if aux is None and i > 0 and tokens[i - 1].lower in OCCUR_VERBS:
                aux = i - 1  # "X occurred more often with Y", "X were reported more often"
                while aux > 0 and tokens[aux - 1].lower in AUXILIARIES:
                    aux -= 1
            if aux is None:
                return [], "", False
            return subject_phrases(tokens, aux, subject_floor(tokens, aux)), effect, True
        return _objects(tokens, i + 1, stop), effect, False
    if w in NOUN_TRIGGERS and nxt in {"in", "of", "on", "to"}:
        if _lowered_by_verb(tokens, i) and effect in {"+", "-"}:
            effect = "+" if effect == "-" else "-"  # "slowed the decline in X": X fell less
        return _objects(tokens, i + 2, stop), effect, False
    aux = _aux_before(tokens, i)
    if w in LINK_WORDS and nxt in {"to", "with"} and any(t.lower == "ratio" for t in tokens[i + 2 : i + 6]):
        return [], "", False  # "associated with a hazard ratio of 0.68 for X": the ratio carries it
    if w in LINK_WORDS and nxt in {"to", "with"}:
        if (
            i + 2 < len(tokens)
            and tokens[i + 2].lower in COMPARATIVES | {"a", "an"}
            and any(tokens[k].lower in COMPARATIVES for k in range(i + 2, min(i + 4, len(tokens))))
        ):
            return [], "", False  # "associated with a lower risk of X": the comparative carries it
        return _objects(tokens, i + 2, stop), "+", False
    if aux is not None and w.endswith(PARTICIPLE_ENDINGS) and tokens[aux].lower not in MODALS:
        return subject_phrases(tokens, aux, subject_floor(tokens, aux)), effect, True
    if w in NOUN_TRIGGERS and (i == 0 or tokens[i - 1].lower in DETERMINERS or not tokens[i - 1].is_word):
        return [], "", False  # "an increase" with no "in X"
    objects = _objects(tokens, i + 1, stop)
    if (
        not objects
        and w in INTRANSITIVE
        and aux is None
        and i > 0
        and tokens[i - 1].is_word
        and (object_phrase(tokens, i + 1, stop) is None)
    ):
        # intransitive: "tumour size decreased after radiotherapy"
        return subject_phrases(tokens, i, subject_floor(tokens, i)), effect, True
    return objects, effect, False


def find_claims(tokens: Sequence[Token], text: str, blocked: set[int]) -> list[Claim]:
    """Return the claims of a sentence; tokens in blocked (inside therapy names) are no triggers."""
    claims: list[Claim] = []
    for t in tokens:
        if not t.is_word:
            continue
        if "-" in t.text and t.lower.rpartition("-")[2] in cues.HARM_SUFFIXES and t.i in blocked:
            # "linezolid-related peripheral neuropathy": the drug raised what follows
            phrases, effect, passive = _objects(tokens, t.i + 1, sentence_stop(tokens, t.i + 1)), "+", False
        elif t.i in blocked:
            continue
        else:
            phrases, effect, passive = _trigger_claims(tokens, t.i)
        if not phrases:
            continue
        floor = clause_floor(tokens, t.i)
        neg = negation_before(tokens, t.i, floor, text)
        if neg is None and effect == "0":
            k = next((k for k in range(max(0, t.i - 3), t.i) if tokens[k].lower in cues.NEGATIONS), t.i)
            neg = text[tokens[k].start : t.end]  # "no significant difference", "non-inferior"
        for s, e, extra in distribute(phrases, tokens):
            claims.append(Claim(s, e, extra, effect, t.i, passive, neg))
    # "no more effective than placebo in reducing X": the nested trigger shares the negation
    claims = [
        replace(c, negation=_inherited_negation(tokens, c, claims)) if c.negation is None else c
        for c in claims
    ]
    # a trigger inside another claim's outcome phrase modifies it ("the risk of worsening X")
    claims = [c for c in claims if not any(o.start <= c.trigger < o.end and o is not c for o in claims)]
    return _nearest(claims)


def _inherited_negation(tokens: Sequence[Token], c: Claim, claims: list[Claim]) -> str | None:
    """Return the negation of the claim that a trigger after "in" completes, if any."""
    if c.trigger == 0 or tokens[c.trigger - 1].lower != "in":
        return None
    for o in claims:
        if o.negation is not None and c.trigger - 7 <= o.trigger < c.trigger - 1:
            return o.negation
    return None


def _nearest(claims: list[Claim]) -> list[Claim]:
    """Keep, for each outcome phrase, the claim whose trigger stands nearest to it."""
    best: dict[tuple[int, int], Claim] = {}
    for c in claims:
        key = (c.start, c.end)
        dist = min(abs(c.trigger - c.start), abs(c.trigger - c.end))
        old = best.get(key)
        if old is None or dist < min(abs(old.trigger - old.start), abs(old.trigger - old.end)):
            best[key] = c
    return sorted(best.values(), key=lambda c: c.start)
