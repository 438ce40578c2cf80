"""Turn a sentence's mentions and claims into findings: therapy, condition, outcome, direction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from kg.extractors import cues
from kg.extractors.claims import Claim, clause_floor, find_claims
from kg.extractors.context import context_cues, governing_negation, possibility
from kg.extractors.grammar import ADVERBS, DETERMINERS, PEOPLE
from kg.model import Direction, Mention
from kg.text.tokens import Token

GROUP_JOINERS = {",", "and", "or", "both", "either", "each", "nor", "neither"}
EXAMPLE_WORDS = {"such", "as", "including", "like", "e.g", "eg"}
EFFECT_WINDOW = 7


@dataclass(frozen=True)
class Outcome:
    """An outcome phrase of a claim, as a mention, with the claim's direction and negation."""

    mention: Mention
    claim: Claim
    direction: Direction
    negated: bool
    possibility: str | None = None


def token_span(tokens: Sequence[Token], m: Mention) -> range:
    """Return the token indices a mention covers."""
    return range(
        next(t.i for t in tokens if t.end > m.start),
        next(t.i for t in reversed(tokens) if t.start < m.end) + 1,
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
    if s >= 1 and tokens[s - 1].lower == "to":
        back = [t.lower for t in tokens[max(0, s - 8) : s - 1]]
        return any(w in cues.ADDING_WORDS for w in back)
    return False


def is_comparator(tokens: Sequence[Token], span: range, previous: bool) -> bool:
    """Return whether a therapy is the comparison arm ("than insulin", "compared with placebo")."""
    j = span.start - 1
    steps = 0
    while j >= 0 and steps < 4 and tokens[j].text not in {";", "(", ")"}:
        w = tokens[j].lower
        if w in cues.COMPARATOR_MARKERS or (
            w == "to" and j > 0 and tokens[j - 1].lower in cues.NON_INFERIORITY | cues.SUPERIORITY
        ):
            return True
        if w in {"and", "or"} and previous:
            return True
        if w == "and" and any(tokens[k].lower == "between" for k in range(max(0, j - 4), j)):
            return True
        if w == ",":
            break
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


# an outcome phrase headed by one of these names a fall of what precedes it
LOWERING_HEADS = {"reduction", "reductions", "decrease", "decreases", "lowering", "decline"}
APPOSITION_OPENERS = {"a", "an", "the", "which", "that", "who", "whose"}
COPULA_WORDS = {"is", "are", "was", "were", "remains", "remain"}


def is_aside(tokens: Sequence[Token], span: range, others: Sequence[range]) -> bool:
    """Return whether a therapy only describes another one: in an apposition or relative clause
    after it ("Mepolizumab, a monoclonal antibody against IL-5, reduced") or as the predicate of
    a copula ("Clozapine is the only antipsychotic with...")."""
    ends = {r.stop for r in others if r.stop <= span.start}
    j = span.start - 1
    while j >= 0 and span.start - j <= 8 and tokens[j].text not in {",", ";", "(", ")"}:
        w = tokens[j].lower
        if w in COPULA_WORDS:
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


def direction_of(effect: str, outcome: str, harmful: bool) -> Direction:
    """Return the direction of a change from the trigger's effect and whether the outcome is a harm."""
    if effect == "+":
        return "increase"
    if effect == "-":
        return "decrease"
    if effect == "0":
        return "no_change"
    if effect in {"imp", "wor"}:
        harm = harmful or any(w in cues.HARM_WORDS for w in outcome.lower().split())
        if any(w in cues.GOOD_WORDS for w in outcome.lower().split()) and not harmful:
            harm = False
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
                    out.append(Claim(span.start, span.stop, "", "-", t.i, False))
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
    out = []
    for c, mods in zip(claims, found, strict=True):
        if c.negation is None and c.effect != "0":
            c = replace(
                c, negation=governing_negation(tokens, mods, c.trigger, clause_floor(tokens, c.trigger))
            )
        therapy_tokens = {i for m in mentions if m.kind == "therapy" for i in token_span(tokens, m)}
        floor = clause_floor(tokens, c.trigger)
        actor_before = not c.passive and any(floor <= i < c.trigger for i in therapy_tokens)
        if (
            any(i in therapy_tokens for i in range(c.start, c.end))
            and not any(tokens[i].lower == "of" for i in range(c.start, c.end))
            and not actor_before
        ):
            continue  # a therapy is no outcome (but "therapeutic effect of baclofen" is, and so is
            # the object of a therapy's claim: "hydroxyurea increases fetal haemoglobin")
        label = outcome_label(tokens, text, c)
        harmful = any(s.start < c.end and c.start < s.stop for s, _ in conditions)
        known = lookup.get(label.lower())
        start, end = tokens[c.start].start, tokens[c.end - 1].end
        ident, alts = (known.identifiers, known.alt_labels) if known else ((), ())
        m = Mention("outcome", label, start, end, text[start:end], "claim", ident, alts)
        direction = direction_of(c.effect, label, harmful)
        if tokens[c.end - 1].lower in LOWERING_HEADS and direction == "increase":
            direction = "decrease"  # "greater IOP reduction": a larger fall of IOP
        negated = c.negation is not None
        if negated:
            direction = "no_change"
        out.append(Outcome(m, c, direction, negated, possibility(mods)))
    return out


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
    free = [(span, m) for span, m in conditions if not any(span.start in r for r in claimed)]
    for span, m in free:
        if _in_population_phrase(tokens, span):
            return m
    if free:
        return free[0][1]
    for span, m in conditions:
        before = tokens[max(0, span.start - 2) : span.start]
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
                    mention=replace(m, end=end, text=m.text[: end - m.start], label=label[: end - m.start]),
                )
            )
        else:
            fixed.append(o)
    return fixed


def clause_of(tokens: Sequence[Token], i: int) -> int:
    """Return the start of the clause holding token i (re-exported for callers)."""
    return clause_floor(tokens, i)
