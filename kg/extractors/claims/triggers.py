"""Find claims of change in a sentence: a trigger ("reduced", "improvement in", "more frequent"),
the outcome phrase it acts on, the direction it gives, and a negation before it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from kg.extractors.claims.context import negation_before
from kg.extractors.claims.forms import (
    ADVERSE_NOUNS,
    OCCUR_VERBS,
    RATIO_KINDS,
    adverse_claim,
    after_likely,
    effective_in,
    likely_claim,
    lowered_by_verb,
    rate_claim,
    ratio_claim,
    value_claim,
)
from kg.extractors.syntax.clauses import (
    COPULAS,
    NOUN_TRIGGERS,
    aux_before,
    clause_floor,
    first_auxiliary,
    sentence_stops,
    subject_floor,
    trigger_objects,
)
from kg.extractors.syntax.grammar import AUXILIARIES, DETERMINERS
from kg.extractors.syntax.phrases import Phrase, distribute, object_phrase, subject_phrases
from kg.extractors.words import cues
from kg.text.tokens import Token

COMPARATIVES = {"more", "higher", "greater", "longer", "less", "lower", "fewer", "shorter"}
# comparatives that claim a change only as a predicate ("X were smaller in the A group"), never
# before a noun ("larger trials are needed")
# "superior to Y in terms of X", "superior X": X improved (its direction follows X)
SUPERIORITY = {"superior": "imp", "inferior": "wor"}
PREDICATE_COMPARATIVES = {"smaller": "-", "larger": "+", "worse": "wor", "better": "imp"}
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
# "carries a risk of X": X rises; "carried out" is no claim
CARRY_WORDS = {"carry", "carries", "carried", "carrying"}
# nouns of study designs: a trigger word before one is an adjective ("controlled trial")
STUDY_NOUNS = {"trial", "trials", "study", "studies", "comparison", "comparisons", "analysis", "design"}
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
    reader: str = ""  # the construction that read it ("passive", "rates-in-arms"), as tkg:foundBy


def _trigger_claims(tokens: Sequence[Token], i: int, stop: int) -> tuple[list[Phrase], str, bool, str]:
    """Return the phrases a trigger at token i acts on, its effect, whether they are its subject,
    and the name of the construction that read them; stop is where the clause after the trigger
    ends."""
    w = tokens[i].lower
    nxt = tokens[i + 1].lower if i + 1 < len(tokens) else ""
    if w == "ratio" and i > 0 and tokens[i - 1].lower in RATIO_KINDS:
        return (*ratio_claim(tokens, i, stop), "ratio")
    if w in LINK_WORDS:
        pass
    elif (
        w in COMPARATIVES and nxt in ADJECTIVE_NOUNS and not (i > 0 and tokens[i - 1].lower in COPULAS)
    ) or (w in COMPARATIVES and nxt in ADJECTIVE_NOUNS and nxt not in cues.FREQUENCY_WORDS):
        found = effective_in(tokens, i, stop)
        if found is not None:
            return (
                *found,
                "effective-in",
            )  # "more effective than Y in maintaining relief of X": X is the claim
        return [(i + 1, i + 2)], cues.VERB_TRIGGERS.get(w, "?"), False, "comparative-quality"
    if (
        w in ADVERSE_NOUNS
        and i > 0
        and tokens[i - 1].lower in {"adverse", "side"}
        and nxt in {"of", "after", "with"}
    ):
        return (*adverse_claim(tokens, i), "adverse-effect")
    if w in COPULAS and i + 2 < stop and tokens[i + 1].text[:1].isdigit():
        found = value_claim(tokens, i, stop)
        if found[0]:
            return (*found, "values-in-arms")
    if w in OCCUR_VERBS and nxt == "in":
        return (*rate_claim(tokens, i, stop), "rates-in-arms")
    if w in cues.NO_CHANGE_VERBS:
        aux = aux_before(tokens, i)
        return (
            subject_phrases(tokens, aux if aux is not None else i, subject_floor(tokens, i)),
            "0",
            True,
            "no-change-verb",
        )
    if w in cues.NON_INFERIORITY:
        return (*_non_inferiority(tokens, i, stop), "non-inferiority")
    if w in SUPERIORITY:
        return (*_superiority(tokens, i, stop), "superiority")
    if w in cues.NO_CHANGE_NOUNS:
        back = [t.lower for t in tokens[max(0, i - 3) : i]]
        if "no" in back and nxt in {"in", "on", "between", "for", "of"}:
            return trigger_objects(tokens, i + 2, stop), "0", False, "no-difference"
    if w in {"low", "high"} and nxt in cues.RISK_NOUNS | {"dose", "doses"}:
        return trigger_objects(tokens, i + 1, stop), "-" if w == "low" else "+", False, "low-high-risk"
    if w in cues.EFFECTIVE_WORDS:
        return [], "", False, ""
    if w in {"effect", "effects"}:  # "effect on X" (its direction follows X); "adverse effects" is none
        return (trigger_objects(tokens, i + 2, stop) if nxt == "on" else []), "imp", False, "effect-on"
    if w == "likely":
        return (*likely_claim(tokens, i, stop), "likely-comparative")
    if w in PREDICATE_COMPARATIVES:
        aux = aux_before(tokens, i)
        if aux is None or tokens[aux].lower not in COPULAS:
            return [], "", False, ""
        return (
            subject_phrases(tokens, aux, subject_floor(tokens, aux)),
            PREDICATE_COMPARATIVES[w],
            True,
            "predicate-comparative",
        )
    effect = cues.VERB_TRIGGERS.get(w)
    if w == "associated" and nxt == "with" and aux_before(tokens, i) is not None:
        effect = "+"  # "X was associated with Y" (a comparative after "with" carries its own claim)
    if effect is None or nxt in STUDY_NOUNS or (w in CARRY_WORDS and nxt == "out"):
        return [], "", False, ""  # "a controlled trial" is a design, not a claim
    if w in COMPARATIVES:
        if (
            i > 0
            and (tokens[i - 1].text[:1].isdigit() or tokens[i - 1].lower in {"or", "no", "than"})
            and w != "more"
        ):
            return [], "", False, ""
        if i > 0 and tokens[i - 1].lower == "or":
            return [], "", False, ""  # "15 or more letters" is a quantity, not a claim
        aux = aux_before(tokens, i)
        copula = aux is not None and tokens[aux].lower in COPULAS
        if nxt in cues.FREQUENCY_WORDS or copula:
            if aux is None and i > 0 and tokens[i - 1].lower in OCCUR_VERBS:
                aux = first_auxiliary(tokens, i - 1)  # "X occurred / were reported more often with Y"
            if aux is None:
                return [], "", False, ""
            return (
                subject_phrases(tokens, aux, subject_floor(tokens, aux)),
                effect,
                True,
                "comparative-subject",
            )
        return trigger_objects(tokens, i + 1, stop), effect, False, "comparative-object"
    if w in NOUN_TRIGGERS and nxt in {"in", "of", "on", "to"}:
        if lowered_by_verb(tokens, i) and effect in {"+", "-"}:
            effect = "+" if effect == "-" else "-"  # "slowed the decline in X": X fell less
        return trigger_objects(tokens, i + 2, stop), effect, False, "noun-trigger"
    aux = aux_before(tokens, i)
    if w in LINK_WORDS and nxt in {"to", "with"} and any(t.lower == "ratio" for t in tokens[i + 2 : i + 6]):
        return [], "", False, ""  # "associated with a hazard ratio of 0.68 for X": the ratio carries it
    if w in LINK_WORDS and nxt in {"to", "with"}:
        if (
            i + 2 < len(tokens)
            and tokens[i + 2].lower in COMPARATIVES | {"a", "an"}
            and any(tokens[k].lower in COMPARATIVES for k in range(i + 2, min(i + 4, len(tokens))))
        ):
            return [], "", False, ""  # "associated with a lower risk of X": the comparative carries it
        return trigger_objects(tokens, i + 2, stop), "+", False, "association"
    if aux is not None and w.endswith(PARTICIPLE_ENDINGS) and tokens[aux].lower not in MODALS:
        while aux > 0 and tokens[aux - 1].lower in MODALS | AUXILIARIES:
            aux -= 1  # "X can be cured by Y": the subject stands before the modal
        return subject_phrases(tokens, aux, subject_floor(tokens, aux)), effect, True, "passive"
    if w in NOUN_TRIGGERS and (i == 0 or tokens[i - 1].lower in DETERMINERS or not tokens[i - 1].is_word):
        return [], "", False, ""  # "an increase" with no "in X"
    objects = trigger_objects(tokens, i + 1, stop)
    if (
        not objects
        and w in INTRANSITIVE
        and aux is None
        and i > 0
        and tokens[i - 1].is_word
        and (object_phrase(tokens, i + 1, stop) is None)
    ):
        # intransitive: "tumour size decreased after radiotherapy"
        return subject_phrases(tokens, i, subject_floor(tokens, i)), effect, True, "intransitive"
    return objects, effect, False, "verb-object"


def find_claims(tokens: Sequence[Token], text: str, blocked: set[int]) -> list[Claim]:
    """Return the claims of a sentence; tokens in blocked (inside therapy names) are no triggers."""
    claims: list[Claim] = []
    stops = sentence_stops(tokens)
    for t in tokens:
        if not t.is_word:
            continue
        if "-" in t.text and t.lower.rpartition("-")[2] in cues.HARM_SUFFIXES and t.i in blocked:
            # "linezolid-related peripheral neuropathy": the drug raised what follows
            phrases = trigger_objects(tokens, t.i + 1, stops[t.i + 1])
            effect, passive, reader = "+", False, "exposure-suffix"
        elif t.i in blocked or after_likely(tokens, t.i):
            continue
        else:
            phrases, effect, passive, reader = _trigger_claims(tokens, t.i, stops[t.i + 1])
        if not phrases:
            continue
        floor = clause_floor(tokens, t.i)
        neg = negation_before(tokens, t.i, floor, text)
        if neg is None and effect == "0":
            k = next((k for k in range(max(0, t.i - 3), t.i) if tokens[k].lower in cues.NEGATIONS), t.i)
            neg = text[tokens[k].start : t.end]  # "no significant difference", "non-inferior"
        for s, e, extra in distribute(phrases, tokens):
            claims.append(Claim(s, e, extra, effect, t.i, passive, neg, reader))
    # "no more effective than placebo in reducing X": the nested trigger shares the negation
    claims = [
        replace(c, negation=_inherited_negation(tokens, c, claims)) if c.negation is None else c
        for c in claims
    ]
    # a trigger inside another claim's outcome phrase modifies it ("the risk of worsening X")
    claims = [c for c in claims if not any(o.start <= c.trigger < o.end and o is not c for o in claims)]
    return _nearest(claims)


def _compared_on(tokens: Sequence[Token], i: int, stop: int) -> list[Phrase]:
    """Return the end points a comparison at i is made on ("non-inferior to Y for X", "superior to
    Y in terms of X"): "for", "regarding", "with respect to", "in terms of" name them; "in" or "on"
    only when none of those does."""
    strong = [
        k
        for k in range(i + 1, stop)
        if tokens[k].lower in {"for", "regarding"}
        or (tokens[k].lower, tokens[k - 1].lower) in {("to", "respect"), ("of", "terms")}
    ]
    weak = [k for k in range(i + 1, stop) if tokens[k].lower in {"in", "on"}]
    for k in strong or weak:
        found = trigger_objects(tokens, _past_change_noun(tokens, k + 1, stop), stop)
        if found:
            return found
    return []


def _superiority(tokens: Sequence[Token], i: int, stop: int) -> tuple[list[Phrase], str, bool]:
    """Return the claim of "X was superior to Y in terms of Z" or "superior Z" (Z improved with X;
    "inferior" worsened)."""
    effect = SUPERIORITY[tokens[i].lower]
    if i + 1 < stop and tokens[i + 1].lower != "to":
        first = object_phrase(tokens, i + 1, stop)
        return ([first] if first is not None and first[0] == i + 1 else []), effect, False
    return _compared_on(tokens, i, stop), effect, False


def _non_inferiority(tokens: Sequence[Token], i: int, stop: int) -> tuple[list[Phrase], str, bool]:
    """Return the end point of "non-inferior to Y for X" (X did not change)."""
    found = _compared_on(tokens, i, stop)
    if found:
        return found, "0", False
    aux = aux_before(tokens, i)
    if aux is not None and tokens[aux].lower in COPULAS and i + 1 < stop and tokens[i + 1].lower == "with":
        # "the risk of X was similar with A and B": X did not differ
        return subject_phrases(tokens, aux, subject_floor(tokens, aux)), "0", True
    return [], "", False


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


def _inherited_negation(tokens: Sequence[Token], c: Claim, claims: list[Claim]) -> str | None:
    """Return the negation of the claim that a trigger after "in" completes, if any."""
    if c.trigger == 0 or tokens[c.trigger - 1].lower != "in":
        return None
    for o in claims:
        if o.negation is not None and c.trigger - 7 <= o.trigger < c.trigger - 1:
            return o.negation
    return None


def _distance(c: Claim) -> int:
    """Return how far a claim's trigger stands from its outcome phrase."""
    return min(abs(c.trigger - c.start), abs(c.trigger - c.end))


def _nearest(claims: list[Claim]) -> list[Claim]:
    """Keep, for each outcome phrase, the claim whose trigger stands nearest to it."""
    best: dict[tuple[int, int], Claim] = {}
    for c in claims:
        key = (c.start, c.end)
        old = best.get(key)
        if old is None or (c.effect != "?" and old.effect == "?"):
            best[key] = c  # a stated direction beats "a change in X" of no direction
        elif not (c.effect == "?" and old.effect != "?") and _distance(c) < _distance(old):
            best[key] = c
    return sorted(best.values(), key=lambda c: c.start)
