"""The claim readers of comparisons between a trial's arms: values and rates per arm ("X was 22%
with A and 30% with B"), no difference ("no difference between A and B in X", "X did not differ",
"X was not different between the groups"), non-inferiority and superiority, "more patients in the A
group had X", "X favoured A over B", "A had poorer X". Registered like those of
`constructions.py`; `readers.json` gives the order in which all are asked."""

from __future__ import annotations

from collections.abc import Sequence

from kg.extractors.claims import arm_values, forms
from kg.extractors.claims.constructions import SUPERIORITY, object_claim, subject_claim
from kg.extractors.claims.readers import NO_CLAIM, Reading, Site, claim_reader
from kg.extractors.syntax.clauses import COPULAS, aux_before, subject_floor, trigger_objects
from kg.extractors.syntax.grammar import ADVERBS
from kg.extractors.syntax.phrases import subject_phrases
from kg.extractors.words import cues, table
from kg.text.tokens import Token

_W = table("claims")
SHOWING_VERBS = _W["showing_verbs"]
FAVOUR_VERBS = _W["favour_verbs"]
# "rated X higher": the verbs of a rating, how far before the comparative, and what it says
RATING_VERBS = _W["rating_verbs"]
RATING_REACH = 8
RATED_COMPARATIVES = {"higher": "+", "lower": "-", "better": "imp", "worse": "wor", "poorer": "wor"}
# the signs of a negative difference ("-0.43%", "–0.43%", "−0.43%")
NEGATIVE_SIGNS = frozenset({"-", "–", "−"})
# how far before "difference" the "no" of "no significant (P = .5) X difference" may stand
DIFFERENCE_REACH = 12
# what ends the clause right after a trigger ("showed no significant difference (p = 0.9)")
CLAUSE_ENDS = frozenset({"(", ".", ",", ";", "["})
# the prepositions before the first of two arms a subject names ("the response time for A")
FIRST_ARM_PREPOSITIONS = frozenset({"for", "of", "with", "in"})


@claim_reader("values-in-arms", COPULAS)
def values_in_arms(site: Site) -> Reading | None:
    """ "X was 22% with A and 30% with B": the values of two arms compared."""
    if not (site.i + 2 < site.stop and site.tokens[site.i + 1].text[:1].isdigit()):
        return None
    found = arm_values.value_claim(site.tokens, site.i, site.stop)
    return Reading(*found) if found[0] else None


@claim_reader("rates-in-arms", forms.OCCUR_VERBS)
def rates_in_arms(site: Site) -> Reading | None:
    """ "X occurred in 4% of A versus 7% of B"."""
    return Reading(*arm_values.rate_claim(site.tokens, site.i, site.stop)) if site.nxt == "in" else None


@claim_reader("no-change-verb", cues.NO_CHANGE_VERBS)
def no_change_verb(site: Site) -> Reading | None:
    """ "X did not differ between the arms"; "X for A did not differ from that of B" (the subject
    ends before the first arm)."""
    aux = aux_before(site.tokens, site.i)
    end = aux if aux is not None else site.i
    if site.nxt == "from":
        floor = subject_floor(site.tokens, end)
        split = next(
            (k for k in range(end - 2, floor, -1) if site.tokens[k].lower in FIRST_ARM_PREPOSITIONS), None
        )
        if split is not None:
            return Reading(subject_phrases(site.tokens, split, floor), "0", True)
    return subject_claim(site, end, "0")


@claim_reader("non-inferiority", cues.NON_INFERIORITY)
def non_inferiority(site: Site) -> Reading | None:
    """ "A was non-inferior to B for X", "the risk of X was similar with A and B"."""
    return Reading(*forms.non_inferiority(site.tokens, site.i, site.stop))


@claim_reader("superiority", SUPERIORITY)
def superiority(site: Site) -> Reading | None:
    """ "A was superior to B in terms of X", "superior X"."""
    return Reading(*forms.superiority(site.tokens, site.i, site.stop, SUPERIORITY[site.w]))


@claim_reader("different-between", {"different"})
def different_between(site: Site) -> Reading | None:
    """ "X was not significantly different between the A and B groups"."""
    found = forms.different_claim(site.tokens, site.i, site.stop)
    return Reading(*found) if found[0] else None


@claim_reader("no-difference", cues.NO_CHANGE_NOUNS)
def no_difference(site: Site) -> Reading | None:
    """ "no (significant) difference in X"; "no difference between A and B in X", "no differences
    were found between the groups regarding X": X is what the arms are compared on."""
    back = [t.lower for t in site.tokens[max(0, site.i - 3) : site.i]]
    if "no" not in back:
        return _modified_difference(site)
    if site.nxt == "of" and (found := forms.compared_on(site.tokens, site.i + 2, site.stop)):
        return Reading(found, "0", False)  # "no effect of A on X", "no effect of A was seen on X"
    if site.nxt in {"in", "on", "for", "of"}:
        return object_claim(site, site.i + 2, "0")
    start = forms.past_finding_verb(site.tokens, site.i + 1, site.stop)
    if site.nxt in CLAUSE_ENDS:
        return _shown_by_subject(site)  # "X for A and B showed no significant difference (p = 0.9)"
    if site.nxt == "between" or start > site.i + 1:
        found = forms.compared_on(site.tokens, start - 1, site.stop)
        return Reading(found, "0", False) if found else _shown_by_subject(site)
    return None


def _modified_difference(site: Site) -> Reading | None:
    """Return the claim of "no (significant) X difference between A and B" ("no significant
    (P = .507) mortality rate difference"): the nouns before "difference" are X; else None."""
    tokens, k = site.tokens, site.i - 1
    start, crossed = k + 1, False
    while k >= 0 and site.i - k <= DIFFERENCE_REACH:
        if tokens[k].text == ")":  # "(P = .507)": its statistics, not the phrase
            while k > 0 and tokens[k].text != "(":
                k -= 1
            crossed = True
        elif tokens[k].tag.startswith(("NN", "JJ")) and tokens[k].lower not in forms.SIGNIFICANCE_ADJECTIVES:
            start = start if crossed else k
        elif tokens[k].lower not in forms.SIGNIFICANCE_ADJECTIVES | ADVERBS:
            break
        k -= 1
    if k < 0 or tokens[k].lower != "no" or start >= site.i or not tokens[site.i - 1].tag.startswith("NN"):
        return None
    return Reading([(start, site.i)], "0", False)


def _shown_by_subject(site: Site) -> Reading:
    """Return the claim of "X showed no difference between the groups": the subject of the verb
    before "no" did not change (no claim without such a verb)."""
    j = site.i - 1
    while j > 0 and site.tokens[j].lower in {"no", "significant", "statistically"} | ADVERBS:
        j -= 1
    if j > 0 and site.tokens[j].lower in SHOWING_VERBS:
        # "X for A and B showed no difference": the arms the subject names are not X
        return Reading(forms.arm_subject(site.tokens, j, forms.ARM_LINKS | {"and"}), "0", True)
    return NO_CLAIM


@claim_reader("favoured", FAVOUR_VERBS)
def favoured(site: Site) -> Reading | None:
    """ "survival favoured A over B": the subject improved with A."""
    if site.i == 0 or aux_before(site.tokens, site.i) is not None:
        return None
    return Reading(subject_phrases(site.tokens, site.i, subject_floor(site.tokens, site.i)), "imp", True)


@claim_reader("had-better", {"better", "poorer", "worse"})
def had_better(site: Site) -> Reading | None:
    """ "A had significantly poorer X than B", "A performed better on X": X improved or worsened."""
    j = site.i - 1
    while j >= 0 and site.tokens[j].lower in ADVERBS:
        j -= 1
    if j < 0 or site.tokens[j].lower not in SHOWING_VERBS:
        return None
    effect = "wor" if site.w in {"poorer", "worse"} else "imp"
    if site.nxt == "than":  # "performed better than the B group on X"
        return Reading(forms.compared_on(site.tokens, site.i, site.stop), effect, False)
    return object_claim(site, site.i + 2 if site.nxt in {"on", "in"} else site.i + 1, effect)


@claim_reader("in-favour-of", {"favour", "favor"})
def in_favour_of(site: Site) -> Reading | None:
    """ "the mean difference in X was 6.8 (95% CI ...) in favour of A", "X improved, in favour of
    A": X improved with A."""
    if site.prev != "in" or site.nxt != "of":
        return None
    tokens, floor = site.tokens, subject_floor(site.tokens, site.i)
    for k in range(floor, site.i - 2):
        if tokens[k].lower in cues.NO_CHANGE_NOUNS and tokens[k + 1].lower in {"in", "of", "for"}:
            found = trigger_objects(tokens, k + 2, site.i)  # "the difference in X ... in favour of A"
            return Reading(found, _signed(tokens, found[-1][1], site.i), False) if found else None
    aux = next((k for k in range(floor, site.i) if tokens[k].lower in COPULAS), None)
    return Reading(subject_phrases(tokens, aux, floor), "imp", True) if aux is not None else None


def _signed(tokens: Sequence[Token], start: int, stop: int) -> str:
    """Return the effect a difference's sign gives ("-0.43% in favour of A": "-"; "6.8 in favour of
    A": "+"), its first number outside brackets from start to stop; "imp" when none is given."""
    depth = 0
    for t in tokens[start:stop]:
        depth += (t.text in {"(", "["}) - (t.text in {")", "]"})
        if depth == 0 and t.text[:1] in NEGATIVE_SIGNS and t.text[1:2].isdigit():
            return "-"
        if depth == 0 and t.text[:1].isdigit():
            previous = tokens[t.i - 1].text if t.i > 0 else ""
            return "-" if previous in NEGATIVE_SIGNS else "+"
    return "imp"


@claim_reader("rated-comparative", RATED_COMPARATIVES)
def rated_comparative(site: Site) -> Reading | None:
    """ "patients in the A group rated X significantly higher than those in the B group", "A scored
    Y lower": what was rated rose or fell with the subject's arm."""
    j = site.i - 1
    while j >= 0 and site.tokens[j].lower in ADVERBS | {"significantly", "statistically"}:
        j -= 1
    k = next(
        (k for k in range(j, max(-1, j - RATING_REACH), -1) if site.tokens[k].lower in RATING_VERBS), None
    )
    if k is None or k >= j:
        return None
    found = trigger_objects(site.tokens, k + 1, j + 1)
    return Reading(found, RATED_COMPARATIVES[site.w], False) if found else None


@claim_reader("more-patients", arm_values.PEOPLE_COMPARATIVES)
def more_patients(site: Site) -> Reading | None:
    """ "more patients in the A group had X", "fewer patients receiving A required X"."""
    found = arm_values.people_claim(site.tokens, site.i, site.stop)
    return Reading(*found) if found is not None else None


@claim_reader("share-of-patients", arm_values.PATIENT_VERBS)
def share_of_patients(site: Site) -> Reading | None:
    """ "69% of the patients in the A arm suffered from X versus 63% in the B arm"."""
    found = arm_values.share_claim(site.tokens, site.i, site.stop)
    return Reading(*found) if found is not None else None
