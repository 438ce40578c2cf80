"""Turn a sentence's claims into outcomes: the outcome phrase, its direction and negation.

Who the claim is about lives in `kg.extractors.roles.therapies`, the patients' condition in
`kg.extractors.roles.populations`."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace

from kg.extractors.claims.constructions import ADJECTIVE_NOUNS
from kg.extractors.claims.context import context_cues, governing_negation, possibility
from kg.extractors.claims.significance import (
    difference_not_significant,
    not_significant,
    null_between_arms,
)
from kg.extractors.claims.triggers import Claim, claim_opening, find_claims
from kg.extractors.syntax.chunks import noun_core
from kg.extractors.syntax.clauses import clause_floor, in_brackets
from kg.extractors.syntax.grammar import CLAUSE_BREAKS
from kg.extractors.words import cues
from kg.extractors.words import table as _table
from kg.model import Direction, Mention
from kg.text.tokens import Token

_WORDS = _table("claims")

EFFECT_WINDOW = 7
# adjectives that stand for the quality a comparison is about ("more effective": effectiveness)
ADJECTIVE_QUALITIES = frozenset(ADJECTIVE_NOUNS)


@dataclass(frozen=True)
class Outcome:
    """An outcome phrase of a claim, as a mention, with the claim's direction and negation."""

    mention: Mention
    claim: Claim
    direction: Direction
    negated: bool
    possibility: str | None = None


def token_span(tokens: Sequence[Token], m: Mention) -> range:
    """Return the token indices a mention covers (found by bisection: tokens are in order)."""
    first = bisect.bisect_right(tokens, m.start, key=lambda t: t.end)  # the first ending after it starts
    last = bisect.bisect_left(tokens, m.end, key=lambda t: t.start) - 1  # the last starting before its end
    return range(tokens[first].i, tokens[last].i + 1)


# nouns that measure what follows their "of": the measured thing says whether a rise is a harm
MEASURE_HEADS: frozenset[str] = _WORDS["measure_heads"]
# an outcome phrase headed by one of these names a fall of what precedes it
LOWERING_HEADS: frozenset[str] = _WORDS["lowering_heads"]
# a direction turned: a larger fall is a decrease ("the reduction in X was greater"); a claim made
# of the control arm is the other arm's turned
REVERSED: dict[Direction, Direction] = {"increase": "decrease", "decrease": "increase"}
# "at baseline", "at trial entry": a difference dated to the trial's start
BASELINE_WORDS: frozenset[str] = _WORDS["baseline_words"]
# phrases headed by these name a study, its groups or phases ("a single-blind trial", "group E")
NOT_OUTCOME_HEADS: frozenset[str] = _WORDS["not_outcome_heads"]


def names_no_outcome(tokens: Sequence[Token], start: int, end: int) -> bool:
    """Return whether an outcome phrase names a study, a group or a phase, not an outcome."""
    words = [t.lower for t in tokens[start:end]]
    return words[-1] in NOT_OUTCOME_HEADS or (words[0] in NOT_OUTCOME_HEADS and len(words) <= 2)


def direction_of(effect: str, outcome: str, harmful: bool) -> Direction:
    """Return the direction of a change from the trigger's effect and whether the outcome is a harm."""
    if effect == "+":
        return "increase"
    if effect == "-":
        return "decrease"
    if effect == "0":
        return "no_change"
    if effect in {"imp", "wor"}:
        words = outcome.lower().split()
        if "of" in words and any(w in MEASURE_HEADS for w in words[: words.index("of")]):
            words = words[words.index("of") + 1 :]  # "levels of mindfulness": what is measured decides
        harm = harmful or any(w in cues.HARM_WORDS for w in words)
        if any(w in cues.GOOD_WORDS for w in words) and (not harmful or words[-1] in cues.GOOD_WORDS):
            harm = False  # "pain relief", "insulin sensitivity": a good head whatever it measures
        return "decrease" if (harm == (effect == "imp")) else "increase"
    return "unspecified"


def outcome_label(tokens: Sequence[Token], text: str, c: Claim) -> str:
    """Return the label of a claim's outcome phrase, in sentence case."""
    words = text[tokens[c.start].start : tokens[c.end - 1].end] + c.extra
    first = tokens[c.start].text
    if first[:1].isupper() and first[1:].islower():
        words = words[0].lower() + words[1:]
    return " ".join(words.split())


def effective_claims(tokens: Sequence[Token], conditions: list[tuple[range, Mention]]) -> list[Claim]:
    """Return "effective for X" claims: the condition X after an effectiveness word is reduced."""
    out = []
    for t in tokens:
        if t.lower not in cues.EFFECTIVE_WORDS:
            continue
        for span, _ in conditions:
            window = range(t.i + 1, min(len(tokens), t.i + EFFECT_WINDOW))
            if span.start in window:
                between = tokens[t.i + 1 : span.start]
                if not any(b.lower in cues.VERB_TRIGGERS or b.text in {",", ";"} for b in between):
                    out.append(Claim(span.start, span.stop, "", "-", t.i, False, reader="effective-for"))
                break
    return out


def outcomes(
    tokens: Sequence[Token], text: str, mentions: Sequence[Mention], lookup: dict[str, Mention]
) -> list[Outcome]:
    """Return the outcomes claimed in a sentence, each with direction and negation."""
    blocked = {i for m in mentions if m.kind != "outcome" for i in token_span(tokens, m)}
    conditions = [(token_span(tokens, m), m) for m in mentions if m.kind == "condition"]
    claims = find_claims(tokens, text, blocked)
    claimed = {(c.start, c.end) for c in claims}
    claims += [c for c in effective_claims(tokens, conditions) if (c.start, c.end) not in claimed]
    found = context_cues(tokens, [(c.start, c.end) for c in claims])
    therapy_tokens = {i for m in mentions if m.kind == "therapy" for i in token_span(tokens, m)}
    named = {i for m in mentions for i in token_span(tokens, m)}
    inside = in_brackets(tokens, square=True)  # "(95% CI: 67-90%)", "[95% CI: ...]": statistics
    out = []
    for c, mods in zip(claims, found, strict=True):
        if at_baseline(tokens, max(c.end, c.trigger), _next_claim(tokens, claims, c, inside)):
            continue  # "a higher proportion of lean mass at trial entry": no effect of a therapy
        if c.negation is None and c.effect != "0":
            c = replace(
                c, negation=governing_negation(tokens, mods, c.trigger, clause_floor(tokens, c.trigger))
            )
        floor = clause_floor(tokens, c.trigger)
        actor_before = not c.passive and any(floor <= i < c.trigger for i in therapy_tokens)
        # "fasting insulin was lower after A": with an agent after it, a named subject is measured
        agent_after = (
            c.passive
            and any(i > c.trigger for i in therapy_tokens)
            and not all(i in therapy_tokens or not tokens[i].is_word for i in range(c.start, c.end))
        )
        if (
            any(i in therapy_tokens for i in range(c.start, c.end))
            and not any(tokens[i].lower == "of" for i in range(c.start, c.end))
            and not actor_before
            and not agent_after
        ):
            continue  # a therapy is no outcome (but "therapeutic effect of baclofen" is, and so is
            # the object of a therapy's claim: "hydroxyurea increases fetal haemoglobin")
        core = noun_core(tokens, c.start, c.end, named, ADJECTIVE_QUALITIES)
        if core is None or names_no_outcome(tokens, *core):
            continue  # "was significant": no noun phrase, no outcome; "group E" is a group
        c = replace(c, start=core[0], end=core[1])
        label = outcome_label(tokens, text, c)
        harmful = any(s.start < c.end and c.start < s.stop for s, _ in conditions)
        known = lookup.get(label.lower())
        start, end = tokens[c.start].start, tokens[c.end - 1].end
        ident, alts = (known.identifiers, known.alt_labels) if known else ((), ())
        m = Mention("outcome", label, start, end, text[start:end], "claim", ident, alts)
        if known is not None and known.kind == "outcome":
            m = replace(m, preferred=known.preferred)  # the same concept as the mention of that name
        direction = direction_of(c.effect, label, harmful)
        if tokens[c.end - 1].lower in LOWERING_HEADS and direction == "increase":
            direction = "decrease"  # "greater IOP reduction": a larger fall of IOP
        elif _lowered_subject(tokens, c):
            direction = REVERSED.get(direction, direction)  # "the reduction in X was greater with A"
        if c.negation is None and direction in {"increase", "decrease"}:
            cue = not_significant(tokens, claim_opening(tokens, c), _next_claim(tokens, claims, c, inside))
            if cue is None:  # "X rose in both groups, but did not differ between them"
                # "both" up to the clause's end ("X (values) was found in both groups"), then "between"
                near = max(c.end, c.trigger) + 5
                clause_end = max(near, _clause_end(tokens, max(c.end, c.trigger), inside))
                cue = null_between_arms(tokens, clause_floor(tokens, c.trigger), clause_end, near)
            if cue is None:  # "X was higher with A, but this difference was not significant"
                cue = difference_not_significant(tokens, max(c.end, c.trigger))
            if cue is not None:  # "26% with A and 31% with B (p = NS)"
                c = replace(c, negation=cue, reader=f"{c.reader}+not-significant")
        negated = c.negation is not None
        if negated:
            direction = "no_change"
        out.append(Outcome(m, c, direction, negated, possibility(mods)))
    return out


def _lowered_subject(tokens: Sequence[Token], c: Claim) -> bool:
    """Return whether a claim's outcome is what a fall before it measures, and the comparative
    after it says how large the fall was ("the mean reduction in HbA1c was greater with A")."""
    k = c.start - 1
    return (
        k >= 1
        and c.trigger >= c.end
        and tokens[k].lower in {"in", "of"}
        and tokens[k - 1].lower in LOWERING_HEADS
        and k - 1 != c.trigger
    )


def at_baseline(tokens: Sequence[Token], start: int, stop: int) -> bool:
    """Return whether the words from start to stop date a difference to the trial's start ("at
    baseline", "at trial entry", "at randomisation"), when no therapy had acted yet."""
    return any(
        tokens[k].lower == "at"
        and any(t.lower in BASELINE_WORDS for t in tokens[k + 1 : k + 3])
        and not any(t.lower == "from" for t in tokens[max(start, k - 6) : k])  # "from 71 at baseline to 63"
        for k in range(start, min(stop, len(tokens)))
    )


def _clause_end(tokens: Sequence[Token], k: int, inside: Sequence[bool]) -> int:
    """Return where the clause that holds token k ends: its next clause break ("but", ";")
    outside brackets, else the sentence's end."""
    return next((t.i for t in tokens[k:] if t.lower in CLAUSE_BREAKS and not inside[t.i]), len(tokens))


def _next_claim(tokens: Sequence[Token], claims: Sequence[Claim], c: Claim, inside: Sequence[bool]) -> int:
    """Return where the statistics of claim c end: where the next claim begins (its outcome phrase,
    or its trigger when that is a trigger of its own) or a clause break ("but", ";") outside brackets
    (inside: `in_brackets` of the tokens), else the sentence's end."""
    end = max(c.end, c.trigger + 1)
    starts = [o.start if o.trigger <= c.trigger else claim_opening(tokens, o) for o in claims]
    return min([k for k in starts if k >= end] + [_clause_end(tokens, end, inside)])
