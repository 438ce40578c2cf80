"""Resolve the arms a trial report names by role or by label ("the intervention group", "group B",
"between the two groups") to the treatments its methods give them.

Results sentences of trial abstracts rarely name the treatment: "Pain was lower in the intervention
group than in the control group", "There was no difference in mortality between the two groups".
The arms are the therapies the sentences up to the reference give ("randomised to metformin or
placebo", "group A received metformin", "metformin (group A)": `sentence_facts`, `roles_of`); a
sentence that names no therapy but refers to an arm gets a therapy mention of that arm at the
reference, with source `SOURCE` (`PAIR_SOURCE` for a reference to both arms), so that the claim
readers read it as they read a named arm. The findings read this way are *arm
results*: the annotation guidelines leave generic back-references unannotated, so they are kept
apart from the findings (kg/graph/arm_results.py).

A control arm's label ("group C" defined as placebo) is read as the word "control", so that the
readers treat it as they treat "the control group". The words are in `words/references.json`."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from kg.extractors.claims.arm_values import CONTROL_WORDS
from kg.extractors.claims.outcomes import token_span
from kg.extractors.roles.arms import arm_phrases
from kg.extractors.words import table
from kg.model import Finding, Mention, SentenceResult
from kg.text.tokens import Token

SOURCE = "arm-reference"
# the source of a reference to both arms ("between the two groups"), which only states no difference
PAIR_SOURCE = "arm-pair-reference"
# the arms a sentence compares without naming them ("There was no significant difference in X"),
# which also only states no difference
IMPLICIT_SOURCE = "arm-implicit-reference"
# the sources of the references that stand for both arms
BOTH_ARMS = frozenset({PAIR_SOURCE, IMPLICIT_SOURCE})
REFERENCE_SOURCES = BOTH_ARMS | {SOURCE}
# a label after "group" ("group A", "group 2", "group II", "group K2")
LABEL = re.compile(r"(?:[A-Z]{1,3}\d{0,2}(?:\.\d)?|\d{1,2}|[IVX]{1,4})")
# how far a definition may look for the treatment after its label ("Group A (n = 30) received X")
REACH = 8
_W = table("references")
# the hyphens of "between-group" in real text
HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-"})
# a word every reference holds: a label's or a role's group noun, the plural noun of both arms
REFERENCE_WORDS: frozenset[str] = _W["group_nouns"] | _W["plural_group_nouns"] | _W["pair_words"]


@dataclass(frozen=True)
class Roles:
    """How a document names its arms: labels (lower case) -> the arm's therapy (None: a control
    arm), the one active arm when it has one, and the arm "between the groups" names."""

    labels: Mapping[str, Mention | None] = field(default_factory=dict)
    active: Mention | None = None
    pair: Mention | None = None

    def __bool__(self) -> bool:
        return bool(self.labels) or self.active is not None or self.pair is not None


def _therapies(r: SentenceResult, tokens: Sequence[Token]) -> list[tuple[range, Mention]]:
    """Return a sentence's named therapies (no control, no reference) with their token spans."""
    return [
        (token_span(tokens, m), m)
        for m in r.mentions
        if m.kind == "therapy" and m.source not in REFERENCE_SOURCES and m.label.lower() not in CONTROL_WORDS
    ]


def _label_spans(tokens: Sequence[Token]) -> Iterator[tuple[str, int, int]]:
    """Yield each arm label of a sentence (lower case) with its token span: "group A"."""
    for j in range(len(tokens) - 1):
        if tokens[j].lower in _W["group_nouns"] and LABEL.fullmatch(tokens[j + 1].text):
            yield tokens[j + 1].lower, j, j + 2


def _listed_labels(tokens: Sequence[Token]) -> Iterator[tuple[str, int, int]]:
    """Yield the labels that a plural group noun lists ("groups 1 and 2", "groups A, B and C"), each
    with its own token span."""
    for j in range(len(tokens) - 3):
        if tokens[j].lower not in _W["plural_group_nouns"] or not LABEL.fullmatch(tokens[j + 1].text):
            continue
        k = j + 1
        while k < len(tokens) and LABEL.fullmatch(tokens[k].text):
            yield tokens[k].lower, k, k + 1
            if k + 2 < len(tokens) and tokens[k + 1].lower in {"and", ",", "&", "or"}:
                k += 2
            else:
                break


Binding = tuple[bool, Mention | None]  # whether a label is defined here, and its arm (None: control)


def _arm_at(
    tokens: Sequence[Token], therapies: Sequence[tuple[range, Mention]], k: int, end: bool
) -> Binding:
    """Return the arm named at token k: a therapy that ends (or starts) there, or a control word."""
    named = next((m for span, m in therapies if (span.stop - 1 if end else span.start) == k), None)
    if named is not None:
        return True, named
    return (True, None) if tokens[k].lower in CONTROL_WORDS else (False, None)


def _bound_before(tokens: Sequence[Token], therapies: Sequence[tuple[range, Mention]], s: int) -> Binding:
    """Return the arm a label in brackets or after "to" gives the words before it: "metformin 500 mg
    daily (group A)", "placebo (group B)", "metformin was prescribed to group 1"."""
    if s == 0 or not (tokens[s - 1].text == "(" or tokens[s - 1].lower in _W["label_prepositions"]):
        return False, None
    for k in range(s - 2, max(-1, s - 2 - REACH), -1):
        if tokens[k].text in {";", ":", "(", ")"} or (k < s - 2 and tokens[k].lower in _W["group_nouns"]):
            break
        found = _arm_at(tokens, therapies, k, end=True)
        if found[0]:
            return found
    return False, None


def _bound(tokens: Sequence[Token], therapies: Sequence[tuple[range, Mention]], s: int, e: int) -> Binding:
    """Return whether a label at tokens[s:e] is defined here, and its arm (None for a control):
    "metformin (group A)", "placebo (group B)", "group A received metformin", "group A (metformin)"."""
    found = _bound_before(tokens, therapies, s)
    if found[0]:
        return found
    if (
        e + 1 < len(tokens)
        and tokens[e].text == "("
        and (found := _arm_at(tokens, therapies, e + 1, end=False))[0]
    ):
        return found
    k, depth = e, 0
    while k < len(tokens) and k < e + REACH:
        t = tokens[k]
        depth += (t.text == "(") - (t.text == ")")
        if depth <= 0 and (found := _arm_at(tokens, therapies, k, end=False))[0]:
            return found
        if depth <= 0 and t.text != ")" and t.lower not in _W["definition_links"] and not t.text[0].isdigit():
            break
        k += 1
    return False, None


def _main_arm(counts: Mapping[str, int], candidates: Sequence[str], given: bool) -> str | None:
    """Return the arm a document is about: its only arm given, or one named in at least two
    sentences and in twice as many as any other."""
    ranked = sorted(candidates, key=lambda k: -counts[k])
    if len(ranked) == 1 and (given or counts[ranked[0]] >= 2):
        return ranked[0]
    if ranked and counts[ranked[0]] >= 2 and counts[ranked[0]] >= 2 * counts[ranked[1]]:
        return ranked[0]
    return None


@dataclass(frozen=True)
class Facts:
    """What one sentence says of a trial's arms: the therapies it names, those it gives
    ("randomised to X"), and the labels it defines ("group A received X")."""

    named: tuple[Mention, ...] = ()
    given: tuple[Mention, ...] = ()
    labels: tuple[tuple[str, Mention | None], ...] = ()


def sentence_facts(r: SentenceResult, tokens: Sequence[Token]) -> Facts:
    """Return what a sentence (its result and tagged tokens) says of a trial's arms."""
    therapies = _therapies(r, tokens)
    if not therapies:
        return Facts()
    given = [m for s, e in arm_phrases(tokens) for span, m in therapies if span.start < e and s < span.stop]
    labels = []
    for key, a, b in _label_spans(tokens):
        found, arm = _bound(tokens, therapies, a, b)
        if found:
            labels.append((key, arm))
    return Facts(tuple(m for _, m in therapies), tuple(given), tuple(labels))


def roles_of(facts: Sequence[Facts]) -> Roles:
    """Return how consecutive sentences name their arms: the arms are the therapies they give,
    else every therapy they name; of two definitions of a label, the later one holds."""
    given: dict[str, Mention] = {}
    named: dict[str, Mention] = {}
    counts: dict[str, int] = {}
    labels: dict[str, Mention | None] = {}
    for f in facts:
        for key in {m.label.lower() for m in f.named}:
            counts[key] = counts.get(key, 0) + 1
        for m in f.named:
            named.setdefault(m.label.lower(), m)
        for m in f.given:
            given.setdefault(m.label.lower(), m)
        labels.update(f.labels)
    arms = given or named
    main = _main_arm(counts, list(arms), bool(given))
    active = named[main] if main is not None else None
    pair = active or (next(iter(arms.values())) if len(arms) == 2 and given else None)
    if pair is None and arms:
        # "no difference between the groups" of a trial whose arms are only named: only "no
        # difference" stands of a pair, so its most named arm stands for it
        most = max(arms, key=lambda k: counts.get(k, 0))
        pair = arms[most] if counts.get(most, 0) >= 2 else None
    return Roles(labels, active, pair)


def _pair_reference(tokens: Sequence[Token], j: int) -> int | None:
    """Return the end of a reference to both arms that starts at j ("between the two groups",
    "between treatment and control groups", "between-group", "the two groups", "in any group"), or
    None."""
    w = tokens[j].lower.translate(HYPHENS)
    if w in _W["pair_words"]:
        return j + 1
    k = j + 1
    if w in _W["between_words"]:
        while k < len(tokens) and k < j + 6 and tokens[k].lower in _W["pair_modifiers"]:
            k += 1
    elif (w == "the" and k < len(tokens) and tokens[k].lower in {"two", "2"}) or w == "both":
        k += w == "the"  # "the two groups"; "similar in both groups" (only no difference stands)
    elif w in _W["any_words"] and k < len(tokens) and tokens[k].lower in REFERENCE_WORDS:
        return k + 1  # "no change in either group", "in any group"
    else:
        return None
    if k < len(tokens) and tokens[k].lower in _W["plural_group_nouns"]:
        return k + 1
    return None


def states(f: Finding) -> bool:
    """Return whether an arm result may stand: a change stated of an arm (a reference to both arms
    only states that they did not differ: "X improved, with no difference between groups")."""
    if f.direction == "unspecified":
        return False
    return f.direction == "no_change" or f.therapy.source not in BOTH_ARMS


def compares_arms(tokens: Sequence[Token]) -> bool:
    """Return whether a sentence may compare a trial's arms by reference: it has a word that every
    reference holds ("group", "arms", "between-group"), and states none of their characteristics
    at baseline ("no difference in age or sex between the groups")."""
    words = {t.lower.translate(HYPHENS) for t in tokens}
    return bool(words & (REFERENCE_WORDS | _W["intervention_nouns"])) and not words & _W["baseline_words"]


def _names_intervention(tokens: Sequence[Token], j: int) -> bool:
    """Return whether token j names a trial's intervention itself: "The intervention had no effect
    on X", "the intervention reduced X" (not "the intervention group", "intervention practices")."""
    if tokens[j].lower not in _W["intervention_nouns"]:
        return False
    after = tokens[j + 1].lower if j + 1 < len(tokens) else ""
    if after in _W["group_nouns"] | _W["plural_group_nouns"] or (
        j + 1 < len(tokens) and tokens[j + 1].is_word and tokens[j + 1].tag.startswith("NN")
    ):
        return False
    if j == 0:
        return True
    # the subject of its clause: "The intervention reduced X", "..., but the intervention had no effect"
    k = j - 1 if tokens[j - 1].lower in _W["intervention_determiners"] else j
    return k == 0 or (k < j and tokens[k - 1].lower in _W["clause_openers"])


def _control(t: Token) -> Token:
    """Return a token read as the word "control" (a control arm's label)."""
    c = Token(t.i, t.text, t.start, t.end, t.tag)
    object.__setattr__(c, "lower", "control")
    return c


def references(text: str, tokens: Sequence[Token], roles: Roles) -> tuple[list[Mention], list[Token]]:
    """Return a sentence's arm references as therapy mentions, and its tokens with each control
    label read as "control"."""
    out: list[Mention] = []
    toks = list(tokens)
    labels = {(a, b): key for key, a, b in _label_spans(tokens) if key in roles.labels}
    listed = {(a, b): key for key, a, b in _listed_labels(tokens) if key in roles.labels}
    j = 0
    while j < len(toks):
        arm: Mention | None = None
        source = SOURCE
        span = words = (j, j + 1)  # the tokens the mention covers, the words that refer
        if (j, j + 2) in labels:
            arm, span = roles.labels[labels[(j, j + 2)]], (j, j + 2)
            words = span
            if arm is None:
                toks[j + 1] = _control(toks[j + 1])
        elif (j, j + 1) in listed:  # "in groups 1 and 2, respectively": each label its arm
            arm = roles.labels[listed[(j, j + 1)]]
            if arm is None:
                toks[j] = _control(toks[j])
        elif (
            roles.active is not None
            and toks[j].lower in _W["active_roles"]
            and j + 1 < len(toks)
            and toks[j + 1].lower in _W["group_nouns"]
        ):
            arm, words = roles.active, (j, j + 2)
        elif roles.active is not None and _names_intervention(toks, j):
            arm, words = (
                roles.active,
                (j - (j > 0 and toks[j - 1].lower in _W["intervention_determiners"]), j + 1),
            )
        elif roles.pair is not None and (stop := _pair_reference(toks, j)) is not None:
            arm, span, words, source = roles.pair, (stop - 1, stop), (j, stop), PAIR_SOURCE
        if arm is not None:
            a, b = toks[span[0]].start, toks[span[1] - 1].end
            said = text[toks[words[0]].start : toks[words[1] - 1].end]
            out.append(replace(arm, start=a, end=b, text=said, source=source))
        j = max(span[1], j + 1)
    return out, toks
