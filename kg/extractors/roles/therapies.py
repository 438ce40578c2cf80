"""Decide the role of each therapy in a sentence: the one claimed, a comparator, a co-therapy,
an aside; and which coordinated therapies a claim is about."""

from __future__ import annotations

from collections.abc import Sequence

from kg.extractors.claims.arm_values import CONTROL_WORDS
from kg.extractors.claims.constructions import SUPERIORITY
from kg.extractors.claims.triggers import Claim
from kg.extractors.syntax.clauses import clause_floor
from kg.extractors.syntax.grammar import ADVERBS, DETERMINERS
from kg.extractors.words import cues
from kg.extractors.words import table as _table
from kg.model import Mention
from kg.text.tokens import Token

_WORDS = _table("roles")

# "non-inferior to", "superior to": the therapy after "to" is the comparison arm
COMPARED_TO = cues.NON_INFERIORITY | SUPERIORITY.keys()
# the words before a comparison arm's own "with" ("compared with A", "than with A")
COMPARING_WORDS = frozenset({"compared", "comparison", "than", "versus", "vs", "vs.", "relative", "against"})
GROUP_JOINERS: frozenset[str] = _WORDS["group_joiners"]


EXAMPLE_WORDS: frozenset[str] = _WORDS["example_words"]


CONTROL_MARKS: frozenset[str] = _WORDS["control_marks"]
# the words a control arm's name is made of ("usual care", "standard treatment")
CONTROL_NAME_WORDS: frozenset[str] = CONTROL_WORDS | _WORDS["control_heads"]


def is_control(m: Mention) -> bool:
    """Return whether a therapy names a control arm ("placebo", "sham acupuncture", "usual care"),
    which a trial compares with and never claims for."""
    words = m.label.lower().split()
    return bool(words) and (
        any(w in CONTROL_MARKS for w in words) or all(w in CONTROL_NAME_WORDS for w in words)
    )


def is_cotherapy(tokens: Sequence[Token], span: range, earlier: Sequence[range] = ()) -> bool:
    """Return whether a therapy is given alongside or before the one claimed ("given with
    methotrexate", "adding vasopressin to norepinephrine", "ticagrelor after 3 months of dual
    antiplatelet therapy")."""
    s = span.start
    floor = clause_floor(tokens, s)
    if any(floor <= r.start for r in earlier):
        back = [t.lower for t in tokens[max(floor, s - 5) : s]]
        if any(w in cues.PRIOR_MARKERS for w in back):
            return True
    if s >= 2 and (tokens[s - 2].lower, tokens[s - 1].lower) in cues.COTHERAPY_MARKERS:
        return True
    back = [t.lower for t in tokens[max(0, s - 3) : s]]
    if any(w in cues.SWITCH_WORDS for w in back) and (not back or back[-1] != "to"):
        return True  # "conversion from tacrolimus to belatacept", "replacing an ACE inhibitor with X"
    if s >= 1 and tokens[s - 1].lower == "to":
        back = [t.lower for t in tokens[max(0, s - 8) : s - 1]]
        return any(w in cues.ADDING_WORDS for w in back)
    return False


def listed_after(tokens: Sequence[Token], prev: range, span: range) -> bool:
    """Return whether a therapy follows the previous one in a list ("to bortezomib, melphalan,
    and prednisone"), so that it shares the previous one's role."""
    between = tokens[prev.stop : span.start]
    return bool(between) and all(t.lower in {",", "and", "or"} for t in between)


def is_comparator(tokens: Sequence[Token], span: range, previous: bool) -> bool:
    """Return whether a therapy is the comparison arm ("than insulin", "compared with placebo")."""
    j = span.start - 1
    steps = 0
    while j >= 0 and steps < 4 and tokens[j].text not in {";", "(", ")"}:
        w = tokens[j].lower
        if w in cues.COMPARATOR_MARKERS or (w == "to" and j > 0 and tokens[j - 1].lower in COMPARED_TO):
            return True
        if w == "not" and j > 0 and tokens[j - 1].lower == "but":
            return True  # "A, but not B, reduced X"
        if w == "as" and j > 1 and tokens[j - 1].tag == "JJ" and tokens[j - 2].lower == "as":
            return True  # "A was as effective as B"
        if w in {"and", "or"} and previous:
            return True
        if w == "and" and any(tokens[k].lower == "between" for k in range(max(0, j - 4), j)):
            return True
        if w == ",":
            break
        if w == "with" and j > 0 and tokens[j - 1].lower not in COMPARING_WORDS | COMPARED_TO:
            break  # "longer versus placebo with A": A has its own "with", the marker is placebo's
        j -= 1
        steps += 1
    k = span.stop
    # "X plus Y versus Y alone"; but "pembrolizumab alone reduced..." opens its clause as the actor
    opens = (
        span.start == 0
        or tokens[span.start - 1].text in {",", "("}
        or tokens[span.start - 1].lower in DETERMINERS
    )
    return k < len(tokens) and tokens[k].lower == "alone" and not opens


APPOSITION_OPENERS: frozenset[str] = _WORDS["apposition_openers"]
# the words before a therapy that is a claim's setting ("after surgery", "undergoing caesarean section")
SETTING_WORDS: frozenset[str] = _WORDS["setting_words"]


COPULA_WORDS: frozenset[str] = _WORDS["copula_words"]
# tags that end a copula's predicate noun phrase before a therapy ("more in", "higher with")
PREDICATE_BREAK_TAGS = frozenset({"IN", "TO", "JJR", "RBR"})


def is_setting(tokens: Sequence[Token], span: range) -> bool:
    """Return whether a therapy is the setting of a claim, not its actor: "postoperative pain after
    surgery", "in patients undergoing caesarean section" (a word of setting right before it, across
    its modifiers)."""
    j = span.start - 1
    while j >= 0 and span.start - j <= 3 and tokens[j].tag in {"JJ", "DT"}:
        j -= 1  # "during cardiac surgery", "after the operation"
    return j >= 0 and tokens[j].lower in SETTING_WORDS


def is_aside(tokens: Sequence[Token], span: range, others: Sequence[range]) -> bool:
    """Return whether a therapy only describes another one: in an apposition or relative clause
    after it ("Mepolizumab, a monoclonal antibody against IL-5, reduced") or as the predicate of
    a copula ("Clozapine is the only antipsychotic with...")."""
    ends = {r.stop for r in others if r.stop <= span.start}
    j = span.start - 1
    while j >= 0 and span.start - j <= 8 and tokens[j].text not in {",", ";", "(", ")"}:
        w = tokens[j].lower
        if w in COPULA_WORDS:
            if any(tokens[x].tag in PREDICATE_BREAK_TAGS for x in range(j + 1, span.start)):
                return False  # "X were found to be more in the <therapy> group": no predicate noun
            k = j - 1
            while k >= 0 and tokens[k].lower in ADVERBS:
                k -= 1
            return k + 1 in ends  # "<therapy> is a/the <therapy>"
        j -= 1
    if j <= 0 or tokens[j].text != "," or j not in ends:
        return False
    opener = tokens[j + 1].lower
    if opener not in APPOSITION_OPENERS:
        return False
    k = span.stop
    while k < len(tokens) and tokens[k].text not in {",", ";"}:
        k += 1
    return k < len(tokens) and tokens[k].text == ","  # the aside closes before the claim


def therapy_groups(tokens: Sequence[Token], therapies: list[tuple[range, Mention]]) -> list[list[int]]:
    """Group coordinated therapies ("tizanidine and oral baclofen"): indices into therapies."""
    groups: list[list[int]] = []
    for k, (span, _) in enumerate(therapies):
        if groups:
            prev = therapies[groups[-1][-1]][0]
            between = tokens[prev.stop : span.start]
            depth, joinable = 0, True
            first = therapies[groups[-1][0]][0].start
            combining = first > 0 and tokens[first - 1].lower in cues.COMBINING_WORDS
            for b in between:
                if (combining and b.lower == "with") or b.lower in EXAMPLE_WORDS:
                    continue  # "X such as Y", "X including Y": the class and its examples
                depth += b.text == "("
                if depth == 0 and b.lower not in GROUP_JOINERS:
                    joinable = False
                depth -= b.text == ")"
            if joinable and between:
                groups[-1].append(k)
                continue
        groups.append([k])
    return [part for g in groups for part in _listed(tokens, therapies, g)]


def _listed(
    tokens: Sequence[Token], therapies: list[tuple[range, Mention]], group: list[int]
) -> list[list[int]]:
    """Return a group as one list when a conjunction joins it ("A, B and C"), else split: a bare
    comma ends an opening phrase ("in women receiving A, B reduced X")."""
    if len(group) < 2:
        return [group]
    first, last = therapies[group[0]][0], therapies[group[-1]][0]
    if any(t.lower in (GROUP_JOINERS | EXAMPLE_WORDS) - {","} for t in tokens[first.stop : last.start]):
        return [group]
    return [[k] for k in group]


def subject_for(claim: Claim, groups: list[list[int]], therapies: list[tuple[range, Mention]]) -> list[int]:
    """Return the therapies that a claim is about: the nearest group before an active trigger,
    the nearest after a passive one, else the nearest on the other side."""
    before = [g for g in groups if therapies[g[0]][0].start <= claim.trigger]
    after = [g for g in groups if therapies[g[0]][0].start > claim.trigger]
    if claim.passive:
        order = ([after[0]] if after else []) + ([before[-1]] if before else [])
    else:
        order = ([before[-1]] if before else []) + ([after[0]] if after else [])
    return order[0] if order else []


# how far before a comparison marker the control arm it compares may be named
CONTROL_REACH = 8


def control_compared(tokens: Sequence[Token], span: range) -> bool:
    """Return whether a comparator therapy is compared with a control arm named before it: "X was
    higher in the placebo group than in the A group" (X was lower with A)."""
    j = span.start - 1
    while j >= 0 and span.start - j <= 4 and tokens[j].lower not in cues.COMPARATOR_MARKERS:
        j -= 1
    if j < 0 or tokens[j].lower not in cues.COMPARATOR_MARKERS:
        return False
    return any(t.lower in CONTROL_WORDS for t in tokens[max(0, j - CONTROL_REACH) : j])
