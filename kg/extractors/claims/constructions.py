"""The claim readers, one per construction, registered in the order they are asked (see
`readers.py`). Each reads a claim of change at one trigger word: the phrases it acts on, the
effect it gives them, and whether they are its subject. The words are in `words/claims.json`."""

from __future__ import annotations

from collections.abc import Sequence

from kg.extractors.claims import forms
from kg.extractors.claims.readers import NO_CLAIM, Reading, Site, claim_reader
from kg.extractors.syntax.clauses import (
    COPULAS,
    NOUN_TRIGGERS,
    aux_before,
    first_auxiliary,
    subject_floor,
    trigger_objects,
)
from kg.extractors.syntax.grammar import ADVERBS, AUXILIARIES, DETERMINERS
from kg.extractors.syntax.phrases import object_phrase, subject_phrases
from kg.extractors.words import cues, mapping, table
from kg.text.tokens import Token

_W = table("claims")
COMPARATIVES = _W["comparatives"]
ADJECTIVE_NOUNS = mapping("claims")["adjective_nouns"]
PREDICATE_COMPARATIVES = mapping("claims")["predicate_comparatives"]
SUPERIORITY = mapping("claims")["superiority"]
MODALS = _W["modals"]
INTRANSITIVE = _W["intransitive"]
CARRY_WORDS = _W["carry"]
STUDY_NOUNS = _W["study_nouns"]
LINK_WORDS = _W["link_words"]
RAISING_VERBS = _W["raising_verbs"]
PROTECTIVE = _W["protective"]
DO_FORMS = frozenset({"did", "does", "do"})
PARTICIPLE_ENDINGS = ("ed", "en")
# every word whose change the generic readers read: the verb and noun triggers, and "associated"
TRIGGERS = frozenset(cues.VERB_TRIGGERS) | {"associated"}


def raised(tokens: Sequence[Token], aux: int) -> int:
    """Return where the verbs before a subject's "be" start when a raising verb governs it: "X
    were found to be more", "X appeared to be lower" (else aux)."""
    while aux >= 2 and tokens[aux].lower == "be" and tokens[aux - 1].lower == "to":
        k = aux - 2
        if tokens[k].lower not in RAISING_VERBS:
            break
        j = k - 1
        while j >= 0 and tokens[j].lower in ADVERBS:
            j -= 1
        aux = j if j >= 0 and tokens[j].lower in COPULAS else k
    return aux


def subject_claim(site: Site, aux: int, effect: str) -> Reading:
    """Return the claim on the subject before an auxiliary at aux."""
    aux = raised(site.tokens, aux)
    return Reading(subject_phrases(site.tokens, aux, subject_floor(site.tokens, aux)), effect, True)


def object_claim(site: Site, start: int, effect: str) -> Reading:
    """Return the claim on the objects from token start on."""
    return Reading(trigger_objects(site.tokens, start, site.stop), effect, False)


def _quality_compared(site: Site) -> bool:
    """Whether a comparative names a quality ("more effective", "more frequent"), not a change."""
    return site.nxt in ADJECTIVE_NOUNS and (site.prev not in COPULAS or site.nxt not in cues.FREQUENCY_WORDS)


@claim_reader("ratio", {"ratio"})
def ratio(site: Site) -> Reading | None:
    """ "hazard ratio 0.68 for death": below 1 lowers, above 1 raises."""
    if site.prev not in forms.RATIO_KINDS:
        return None
    return Reading(*forms.ratio_claim(site.tokens, site.i, site.stop))


@claim_reader("adverb-comparative", {"more", "less"})
def adverb_comparative(site: Site) -> Reading | None:
    """ "A reduced more X than B": the comparative says how much the verb before it changed X."""
    before = site.tokens[site.i - 1] if site.i > 0 else None
    if before is not None and before.tag.startswith("VB") and _lowering_verb(site.prev):
        return NO_CLAIM  # but "caused less X", "gained less weight": the comparative is the claim
    return None


def _lowering_verb(w: str) -> bool:
    """Return whether a verb trigger gives a direction that a comparative after it only grades."""
    return cues.VERB_TRIGGERS.get(w) in {"-", "imp", "wor"}


@claim_reader("effective-in", COMPARATIVES)
def effective_in(site: Site) -> Reading | None:
    """ "more effective than Y in maintaining relief of X": X is the claim."""
    if not _quality_compared(site):
        return None
    found = forms.effective_in(site.tokens, site.i, site.stop)
    return Reading(*found) if found is not None else None


@claim_reader("comparative-quality", COMPARATIVES)
def comparative_quality(site: Site) -> Reading | None:
    """ "more effective", "less frequent": the quality itself (effectiveness, frequency)."""
    if not _quality_compared(site):
        return None
    return Reading([(site.i + 1, site.i + 2)], cues.VERB_TRIGGERS.get(site.w, "?"), False)


@claim_reader("adverse-effect", forms.ADVERSE_NOUNS)
def adverse_effect(site: Site) -> Reading | None:
    """ "X is the most common adverse effect of Y": X rose with Y."""
    if site.prev not in {"adverse", "side"} or site.nxt not in {"of", "after", "with"}:
        return None
    return Reading(*forms.adverse_claim(site.tokens, site.i))


@claim_reader("low-high-risk", {"low", "high"})
def low_high_risk(site: Site) -> Reading | None:
    """ "a low risk of X", "high-dose A"."""
    if site.nxt not in cues.RISK_NOUNS | {"dose", "doses"}:
        return None
    return object_claim(site, site.i + 1, "-" if site.w == "low" else "+")


@claim_reader("effective-word", cues.EFFECTIVE_WORDS)
def effective_word(site: Site) -> Reading | None:
    """ "A was effective": no outcome of its own (the roles read what it was effective for)."""
    return NO_CLAIM


@claim_reader("protective-effect", {"effect", "effects", "protection"})
def protective_effect(site: Site) -> Reading | None:
    """ "a protective effect against X", "the preventive effect of A against X", "protection
    against X": X fell."""
    if site.w != "protection" and site.prev not in PROTECTIVE:
        return None
    reach = range(site.i + 1, min(site.stop, site.i + 6))
    k = next((k for k in reach if site.tokens[k].lower == "against"), None)
    return None if k is None else object_claim(site, k + 1, "-")


@claim_reader("effect-on", {"effect", "effects", "impact", "influence"})
def effect_on(site: Site) -> Reading | None:
    """ "an effect on X", "did not have an impact on X": its direction follows X; "adverse effects"
    alone is none."""
    if site.nxt == "on":
        return object_claim(site, site.i + 2, "imp")
    return NO_CLAIM if site.w.startswith("effect") else None


@claim_reader("likely-comparative", {"likely"})
def likely_comparative(site: Site) -> Reading | None:
    """ "A users were less likely to develop X"."""
    return Reading(*forms.likely_claim(site.tokens, site.i, site.stop))


@claim_reader("predicate-comparative", PREDICATE_COMPARATIVES)
def predicate_comparative(site: Site) -> Reading | None:
    """ "X were smaller in the A group" (never before a noun: "larger trials are needed")."""
    aux = aux_before(site.tokens, site.i)
    if aux is None or site.tokens[aux].lower not in COPULAS:
        return NO_CLAIM
    return subject_claim(site, aux, PREDICATE_COMPARATIVES[site.w])


def _effect(site: Site) -> str | None:
    """Return the effect of a generic trigger, "associated with" after an auxiliary raising."""
    if site.w == "associated":
        return "+" if site.nxt == "with" and aux_before(site.tokens, site.i) is not None else None
    return cues.VERB_TRIGGERS.get(site.w)


@claim_reader("design-word", TRIGGERS)
def design_word(site: Site) -> Reading | None:
    """ "a controlled trial" is a design, "carried out" a method: no claim."""
    if _effect(site) is None or site.nxt in STUDY_NOUNS or (site.w in CARRY_WORDS and site.nxt == "out"):
        return NO_CLAIM
    return None


@claim_reader("quantity", COMPARATIVES)
def quantity(site: Site) -> Reading | None:
    """ "15 or more letters", "no less than": a quantity, not a claim."""
    number = site.prev[:1].isdigit() or site.prev in {"or", "no", "than"}
    return NO_CLAIM if (number and site.w != "more") or site.prev == "or" else None


@claim_reader("comparative-subject", COMPARATIVES)
def comparative_subject(site: Site) -> Reading | None:
    """ "X was lower with A", "X occurred more often with A": the subject changed."""
    aux = aux_before(site.tokens, site.i)
    if site.nxt not in cues.FREQUENCY_WORDS and not (aux is not None and site.tokens[aux].lower in COPULAS):
        return None
    if aux is None and site.prev in forms.OCCUR_VERBS:
        aux = first_auxiliary(site.tokens, site.i - 1)
    return NO_CLAIM if aux is None else subject_claim(site, aux, cues.VERB_TRIGGERS[site.w])


@claim_reader("comparative-object", COMPARATIVES)
def comparative_object(site: Site) -> Reading | None:
    """ "A gave lower X": the object changed."""
    return object_claim(site, site.i + 1, _effect(site) or "?")


@claim_reader("noun-trigger", NOUN_TRIGGERS & TRIGGERS)
def noun_trigger(site: Site) -> Reading | None:
    """ "a reduction in X"; "slowed the decline in X": X fell less."""
    start = forms.past_finding_verb(site.tokens, site.i + 1, site.stop)  # "improvement was seen in X"
    if site.nxt == "from" and site.i + 3 < site.stop and site.tokens[site.i + 2].lower == "baseline":
        start = site.i + 3  # "greater improvements from baseline in X"
    if start >= site.stop or site.tokens[start].lower not in {"in", "of", "on", "to"}:
        return None
    effect = cues.VERB_TRIGGERS[site.w]
    if forms.lowered_by_verb(site.tokens, site.i) and effect in {"+", "-"}:
        effect = "+" if effect == "-" else "-"
    arm = _arm_then_for(site, start + 1)
    return object_claim(site, arm if arm is not None else start + 1, effect)


def _arm_then_for(site: Site, k: int) -> int | None:
    """Return where X starts in "improvements were found in the A group for X": the phrase after
    "in" is an arm (it ends in a group noun) and "for" follows it; else None."""
    j = k
    while j < site.stop and j < k + 6 and site.tokens[j].lower not in forms.ARM_NOUNS:
        j += 1
    if j + 1 < site.stop and site.tokens[j].lower in forms.ARM_NOUNS and site.tokens[j + 1].lower == "for":
        return j + 2
    return None


@claim_reader("association", LINK_WORDS)
def association(site: Site) -> Reading | None:
    """ "A was associated with X": X rose with A; a ratio or a comparative after "with" carries
    its own claim ("associated with a lower risk of X")."""
    if site.nxt not in {"to", "with"}:
        return None
    tokens, i = site.tokens, site.i
    if any(t.lower == "ratio" for t in tokens[i + 2 : i + 6]):
        return NO_CLAIM
    if (
        i + 2 < len(tokens)
        and tokens[i + 2].lower in COMPARATIVES | {"a", "an"}
        and any(tokens[k].lower in COMPARATIVES for k in range(i + 2, min(i + 4, len(tokens))))
    ):
        return NO_CLAIM
    return object_claim(site, i + 2, "+")


@claim_reader("passive", TRIGGERS)
def passive(site: Site) -> Reading | None:
    """ "X was reduced by A", "X can be cured by A" (the subject stands before the modal)."""
    aux = aux_before(site.tokens, site.i)
    if aux is None or not site.w.endswith(PARTICIPLE_ENDINGS) or site.tokens[aux].lower in MODALS:
        return None
    while aux > 0 and site.tokens[aux - 1].lower in MODALS | AUXILIARIES:
        aux -= 1
    return subject_claim(site, aux, _effect(site) or "?")


@claim_reader("bare-noun", NOUN_TRIGGERS & TRIGGERS)
def bare_noun(site: Site) -> Reading | None:
    """ "an increase" with no "in X": no claim."""
    if site.i == 0 or site.prev in DETERMINERS or not site.tokens[site.i - 1].is_word:
        return NO_CLAIM
    return None


@claim_reader("intransitive", INTRANSITIVE & TRIGGERS)
def intransitive(site: Site) -> Reading | None:
    """ "tumour size decreased after radiotherapy": the subject changed."""
    tokens, i, stop = site.tokens, site.i, site.stop
    aux = aux_before(tokens, i)
    if i == 0 or not tokens[i - 1].is_word or (aux is not None and tokens[aux].lower not in DO_FORMS):
        return None  # but "X did not improve in the A group": the verb after "did" is intransitive
    j = i + 1
    if j + 1 < stop and tokens[j].lower in {"more", "less"} and tokens[j + 1].tag == "RB":
        j += 2  # "X increased more rapidly during A"
    if trigger_objects(tokens, j, stop) or object_phrase(tokens, j, stop) is not None:
        return None
    if aux is not None:
        i = aux  # the subject ends before "did"
    return Reading(subject_phrases(tokens, i, subject_floor(tokens, i)), cues.VERB_TRIGGERS[site.w], True)


@claim_reader("verb-object", TRIGGERS)
def verb_object(site: Site) -> Reading | None:
    """ "A reduced X": the object changed (also "A reduced more X than B")."""
    start = (
        site.i + 2
        if site.nxt in {"more", "less"} and site.tokens[site.i].tag.startswith("VB")
        else site.i + 1
    )
    return object_claim(site, start, _effect(site) or "?")
