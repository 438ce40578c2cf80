"""Find the condition of the patients a sentence's claims are about."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kg.extractors.claims.outcomes import Outcome
from kg.extractors.claims.triggers import Claim
from kg.extractors.syntax.grammar import PEOPLE
from kg.extractors.words import cues
from kg.model import Mention
from kg.text.tokens import Token

# readers whose outcome is the end point two arms are compared on, never the patients' condition
COMPARED_ON = frozenset(
    {
        "no-difference",
        "non-inferiority",
        "superiority",
        "more-patients",
        "share-of-patients",
        "rates-in-arms",
        "values-in-arms",
    }
)


def _in_population_phrase(tokens: Sequence[Token], span: range) -> bool:
    """Return whether a condition follows "patients with", "adults who had", "in" at clause start."""
    before = [t.lower for t in tokens[max(0, span.start - 3) : span.start]]
    return any(w in PEOPLE for w in before) and any(
        w in {"with", "had", "having", "after", "of"} for w in before
    )


def population(
    tokens: Sequence[Token], conditions: list[tuple[range, Mention]], outs: list[Outcome]
) -> Mention | None:
    """Return the condition the patients have: one not claimed as an outcome (best after "patients
    with"), else an indication ("for controlling spasticity")."""
    claimed = [range(o.claim.start, o.claim.end) for o in outs]
    free = [
        (span, m)
        for span, m in conditions
        if not any(span.start in r for r in claimed) and not _referred_back(tokens, span)
    ]
    for span, m in free:
        if _in_population_phrase(tokens, span) or m.source == "adjective":
            return m  # "patients with X", "hypertensive women"
    if free:
        return free[0][1]
    compared = [range(o.claim.start, o.claim.end) for o in outs if _compared_on(tokens, o.claim)]
    for span, m in conditions:
        before = tokens[max(0, span.start - 2) : span.start]
        if any(span.start in r for r in compared):
            continue  # "no difference between the groups for weight gain": an end point compared
        if any(t.lower in PEOPLE | cues.INDICATION_TRIGGERS | {"for"} for t in before):
            return m
    for o in outs:
        if tokens[o.claim.trigger].lower in cues.INDICATION_TRIGGERS:
            for span, m in conditions:
                if span.start in range(o.claim.start, o.claim.end):
                    return m
    for o in outs:  # "breast cancer mortality", "HCV transmission": the disease whose measure changed
        for span, m in conditions:
            if o.claim.start <= span.start and span.stop < o.claim.end and _measure_of(tokens, span, o.claim):
                return m
    return None


def _referred_back(tokens: Sequence[Token], span: range) -> bool:
    """Return whether a condition is named by a demonstrative ("this injury", "such lesions"): a
    reference to one named before, not the patients' condition."""
    return span.start > 0 and tokens[span.start - 1].lower in {"this", "these", "that", "those", "such"}


def _compared_on(tokens: Sequence[Token], c: Claim) -> bool:
    """Return whether a claim's outcome is an end point two arms are compared on ("no difference
    between the groups for X", "scores were lower for X")."""
    return c.reader in COMPARED_ON or (c.start == c.trigger + 2 and tokens[c.trigger + 1].lower == "for")


def _measure_of(tokens: Sequence[Token], span: range, claim: Claim) -> bool:
    """Return whether a condition modifies the head of an outcome phrase ("breast cancer mortality")
    rather than naming a harm inside it."""
    rest = [t.lower for t in tokens[span.stop : claim.end]]
    return (
        bool(rest)
        and all(w not in {"of", "to", "or", "and"} for w in rest)
        and rest[-1] in cues.MEASURE_HEADS
    )


def kept_conditions(
    tokens: Sequence[Token], conditions: list[tuple[range, Mention]], outs: list[Outcome]
) -> list[Mention]:
    """Return the condition mentions to report: those outside outcome phrases, equal to one, or
    named after "of" inside one ("incidence of diabetes")."""
    kept = []
    for span, m in conditions:
        inside = [o for o in outs if o.claim.start <= span.start and span.stop <= o.claim.end]
        after_of = span.start > 0 and tokens[span.start - 1].lower in {"of", "to"}
        if (
            not inside
            or after_of
            or any((o.claim.start, o.claim.end) == (span.start, span.stop) for o in inside)
        ):
            kept.append(m)
    return kept


def split_population(
    tokens: Sequence[Token], outs: list[Outcome], conditions: list[tuple[range, Mention]]
) -> list[Outcome]:
    """Cut "spasticity of multiple sclerosis" into the outcome (spasticity) and the population."""
    fixed = []
    for o in outs:
        c = o.claim
        heads = [s for s, _ in conditions if s.start == c.start]
        ofs = [i for i in range(c.start, c.end) if tokens[i].lower == "of"]
        tails = [s for s, _ in conditions if ofs and s.start == ofs[0] + 1]
        if heads and tails and heads[0].stop == ofs[0]:
            m = o.mention
            end = tokens[ofs[0] - 1].end
            label = (
                m.label[: end - m.start]
                if m.label.startswith(m.text[: end - m.start].lower()[:1])
                else m.label
            )
            new_claim = replace(c, end=ofs[0], extra="")
            fixed.append(
                replace(
                    o,
                    claim=new_claim,
                    mention=replace(
                        m, end=end, text=m.text[: end - m.start], label=label[: end - m.start], preferred=""
                    ),
                )
            )
        else:
            fixed.append(o)
    return fixed
