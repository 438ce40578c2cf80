"""Extract everything one sentence says: mentions, studies, outcomes and findings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from kg import __version__
from kg.extractors.claims.context import hedge_cue
from kg.extractors.claims.ellipsis import denied
from kg.extractors.claims.outcomes import REVERSED, Outcome, outcomes, token_span
from kg.extractors.claims.statements import names_topic, states_aim
from kg.extractors.entities.recognise import recognise
from kg.extractors.roles.arms import Arms, arm_mentions
from kg.extractors.roles.implicit import compares_implicitly, implicit_reference
from kg.extractors.roles.indications import indications
from kg.extractors.roles.populations import kept_conditions, population, split_population
from kg.extractors.roles.references import (
    BOTH_ARMS,
    Facts,
    compares_arms,
    references,
    roles_of,
    sentence_facts,
    states,
)
from kg.extractors.roles.slots import slot_therapies
from kg.extractors.roles.subjects import unnamed_agent, unnamed_subject
from kg.extractors.roles.therapies import (
    control_compared,
    is_aside,
    is_comparator,
    is_control,
    is_cotherapy,
    is_setting,
    listed_after,
    subject_for,
    therapy_groups,
)
from kg.extractors.studies.citations import citation_spans, studies
from kg.extractors.syntax import tagged
from kg.extractors.words import cues
from kg.model import Evidence, Finding, Mention, Sentence, SentenceResult
from kg.text.tokens import Cut, Token, cuts
from kg.vocab.lexicon import Lexicon

EXTRACTOR = "therapy-kg.rules"


def _unique(mentions: Sequence[Mention]) -> tuple[Mention, ...]:
    """Return mentions with one per entity (kind and label), first occurrence kept."""
    seen: dict[tuple[str, str], Mention] = {}
    for m in mentions:
        seen.setdefault(m.key, m)
    return tuple(seen.values())


def _is_allocation(tokens: Sequence[Token]) -> bool:
    """Return whether a sentence only describes how patients were allocated to the trial's arms, or
    which arms the trial compared ("A was compared with B in 8 patients with X")."""
    words = {t.lower for t in tokens}
    compared = any(
        t.lower == "compared" and t.i > 0 and tokens[t.i - 1].lower in {"was", "were"} for t in tokens
    )
    return (
        compared
        or bool(words & {"assigned", "allocated"})
        or (
            ("randomized" in words or "randomised" in words)
            and ("to" in words and not words & set(cues.VERB_TRIGGERS) - {"to"})
        )
    )


def sentence_tokens(text: str) -> list[Token]:
    """Return the tokens of a sentence that the extractors read: every token outside citations."""
    return [Token(*c) for c in sentence_cuts(text)]


def sentence_cuts(text: str) -> list[Cut]:
    """Return the cuts of the tokens of a sentence that the extractors read (see `sentence_tokens`)."""
    skip = citation_spans(text)
    if not skip:
        return cuts(text)
    kept = [c for c in cuts(text) if not any(s <= c[2] < e for s, e in skip)]
    return [(i, text, start, end) for i, (_, text, start, end) in enumerate(kept)]


def extract_sentence(
    sentence: Sentence,
    lexicon: Lexicon,
    abbreviations: Mapping[str, Mention] | None = None,
    tokens: Sequence[Token] | None = None,
    arms: Arms | None = None,
    referred: tuple[list[Mention], list[Token]] | None = None,
) -> SentenceResult:
    """Return the mentions, studies and findings of one sentence; tokens, when given, are its
    tagged `sentence_tokens` (a document tags all its sentences at once), arms the treatments its
    document compares, referred (when given) its `references` to arms named by role or label and
    its tokens with control labels read as "control": the references are then read as the arms."""
    text = sentence.text
    tokens = list(tokens) if tokens is not None else tagged(sentence_tokens(text))
    mentions = recognise(text, tokens, lexicon, abbreviations)
    if referred is not None:
        named, tokens = referred
        mentions = sorted([*mentions, *named], key=lambda m: m.start)
    if arms is not None and arms.names:
        taken = {i for m in mentions for i in token_span(tokens, m)}
        mentions = sorted([*mentions, *arm_mentions(text, tokens, arms, taken)], key=lambda m: m.start)
    mentions = slot_therapies(text, tokens, mentions)
    lookup = {m.label.lower(): m for m in mentions}
    outs = outcomes(tokens, text, mentions, lookup)
    conditions = [(token_span(tokens, m), m) for m in mentions if m.kind == "condition"]
    outs = split_population(tokens, outs, conditions)
    inside = {i for o in outs for i in range(o.claim.start, o.claim.end)}
    therapies: list[tuple[range, Mention, bool, bool]] = []
    previous = False
    settings: set[int] = set()  # the starts of therapies that are a claim's setting ("after surgery")
    for m in mentions:
        if m.kind != "therapy":
            continue
        span = token_span(tokens, m)
        if is_setting(tokens, span):
            settings.add(span.start)
        # a reference to both arms ("between the study and control groups") is no comparator
        previous = m.source not in BOTH_ARMS and is_comparator(tokens, span, previous)
        last = therapies[-1] if therapies else None
        # a therapy named inside an outcome ("fasting insulin") was given before no other
        given = [t[0] for t in therapies if t[0].start not in inside and t[0].start not in settings]
        co = is_cotherapy(tokens, span, given) or (
            last is not None and last[3] and listed_after(tokens, last[0], span)
        )
        therapies.append((span, m, previous or is_control(m), co))  # a control arm is never claimed
    spans = [s for s, _, _, _ in therapies]
    actors = [
        (s, m)
        for s, m, comp, co in therapies
        if not comp and not co and s.start not in inside and not is_aside(tokens, s, spans)
    ]
    if not therapies or all(s.start in settings for s, _ in actors):
        # "Glucosamine relieves knee pain"; "(after surgery,) hypotension was reduced by leg compression"
        subject = unnamed_subject(tokens, text, outs, mentions) if not therapies else None
        subject = subject or unnamed_agent(tokens, text, outs, mentions)
        if subject is not None:
            therapies.append((token_span(tokens, subject), subject, False, False))
            actors = [(token_span(tokens, subject), subject)]
    if len(actors) > 1 and any(t.lower == "respectively" for t in tokens):
        therapies = [(s, m, comp or s != actors[0][0], co) for s, m, comp, co in therapies]
        actors = actors[:1]  # "53% and 87% with A and B, respectively": B is the comparison arm
    comparator = next((m for _, m, comp, _ in therapies if comp), None)
    reverse = False
    if not actors and comparator is not None:
        span = next(s for s, m, comp, _ in therapies if comp)
        if reverse := control_compared(tokens, span):  # "X was higher with placebo than with A"
            actors, comparator = [(span, comparator)], None
    groups = therapy_groups(tokens, actors)
    cond = population(tokens, conditions, outs)
    found = studies(text)
    hedge = hedge_cue(text) or next((o.possibility for o in outs if o.possibility), None)
    evidence = Evidence(
        sentence.doc_id,
        sentence.index,
        text,
        sentence.start,
        sentence.end,
        hedge_cue=hedge,
        extractor=EXTRACTOR,
        version=__version__,
    )
    findings: list[Finding] = []
    study = found[0] if found else None
    if states_aim(tokens) or names_topic(tokens):
        outs = []  # "To compare X with Y", "Effect of X on Y in Z": an aim or a topic, no finding
        actors = []
    # "pain after surgery was lower with A": a setting changes nothing when an arm is named
    claimants = [a for a in actors if a[0].start not in settings] or actors
    claim_groups = groups if claimants == actors else therapy_groups(tokens, claimants)
    for o in outs:
        reader = f"{o.claim.reader}+control-first" if reverse else o.claim.reader
        ev = replace(evidence, negation_cue=o.claim.negation, found_by=reader)
        for k in subject_for(o.claim, claim_groups, claimants):
            findings.append(
                Finding(
                    claimants[k][1],
                    cond,
                    o.mention,
                    REVERSED.get(o.direction, o.direction) if reverse else o.direction,
                    o.negated,
                    hedge is not None,
                    ev,
                    study,
                    comparator,
                )
            )
    findings += _denials(tokens, therapies, findings)
    if not findings and actors and not _is_allocation(tokens):
        for m, c, reader in indications(tokens, actors, groups, conditions, cond):
            ev = replace(evidence, found_by=reader)
            hedged = hedge is not None
            findings.append(Finding(m, c, None, "unspecified", False, hedged, ev, study, comparator))
    reported: list[Mention] = [t[1] for t in therapies]
    reported += kept_conditions(tokens, conditions, outs)
    reported += [f.outcome for f in findings if f.outcome is not None]
    return SentenceResult(sentence, _unique(reported), found, tuple(_dedup(findings)), hedge)


# how many sentences back an arm reference looks for the arms (a text may hold many abstracts)
ARM_REACH = 20


def with_arm_results(
    results: list[SentenceResult],
    sentences: Sequence[Sentence],
    tokens: Sequence[Sequence[Token]],
    lexicon: Lexicon,
    abbreviations: Mapping[str, Mention],
    arms: Arms,
) -> list[SentenceResult]:
    """Return a document's results with the arm results of the sentences that name no therapy but
    refer to an arm by role or label (kg/extractors/roles/references.py), resolved to the arms of
    the ARM_REACH sentences up to them; their mentions and findings stay as they were."""
    facts: dict[int, Facts] = {}  # read only for the sentences a reference looks back on

    def fact(k: int) -> Facts:
        if k not in facts:
            facts[k] = sentence_facts(results[k], tokens[k])
        return facts[k]

    out = []
    for i, (r, s, toks) in enumerate(zip(results, sentences, tokens, strict=True)):
        refers = compares_arms(toks)
        if not any(m.kind == "therapy" and not is_control(m) for m in r.mentions) and (
            refers or compares_implicitly(toks)
        ):
            roles = roles_of([fact(k) for k in range(max(0, i - ARM_REACH), i + 1)])
            referred = references(s.text, toks, roles) if roles and refers else None
            if not (referred and referred[0]) and roles:
                referred = (implicit_reference(toks, roles), list(toks))
            if referred is not None and referred[0]:
                read = extract_sentence(s, lexicon, abbreviations, toks, arms, referred)
                r = replace(r, arm_results=tuple(f for f in read.findings if states(f)))
        out.append(r)
    return out


def _denials(
    tokens: Sequence[Token], therapies: Sequence[tuple[range, Mention, bool, bool]], findings: list[Finding]
) -> list[Finding]:
    """Return the findings of no change that "A raised X, while B was not" states of B: each of A's
    outcomes, for each therapy that closes the sentence with an elliptic denial."""
    out = []
    for span, m, _, _ in therapies:
        if not findings or any(f.therapy is m for f in findings) or not denied(tokens, span):
            continue
        for f in findings:
            if f.outcome is not None and f.direction in {"increase", "decrease"}:
                ev = replace(f.evidence, found_by="elliptic-denial", negation_cue="not")
                out.append(
                    replace(f, therapy=m, direction="no_change", negated=True, evidence=ev, comparator=None)
                )
    return out


def _dedup(findings: list[Finding]) -> list[Finding]:
    """Return findings with one per (therapy, condition, outcome, direction) claim."""
    seen: dict[tuple[str, str, str, str], Finding] = {}
    for f in findings:
        key = (
            f.therapy.label.lower(),
            f.condition.label.lower() if f.condition else "",
            f.outcome.label.lower() if f.outcome else "",
            f.direction,
        )
        seen.setdefault(key, f)
    return list(seen.values())


__all__ = ["Outcome", "extract_sentence", "sentence_cuts", "sentence_tokens", "with_arm_results"]
