"""Detect negation and hedging with medspaCy's ConText, anchored to the trigger of each claim.

ConText (medspaCy) supplies the cue lexicon and scope: its default rules, plus rules for the way
clinical literature negates and hedges claims ("did not significantly reduce", "no clear effect",
"is thought to"), and terminations ("rather", "whereas", "although"). A negation counts for a
claim only when its cue stands in the trigger's clause before the trigger, so that "did not
increase mortality and, rather, increased life expectancy" negates mortality alone.
"""

from __future__ import annotations

import itertools
import re
import sys
import types
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from kg.extractors.syntax.grammar import ADVERBS, AUXILIARIES, PEOPLE
from kg.extractors.words import cues
from kg.extractors.words import table as _table
from kg.text.tokens import Token

_WORDS = _table("claims")

# hedges: modal verbs, epistemic verbs and adverbs, and calls for more evidence. "can be used" or
# "can now be given" state what is possible in practice, not uncertainty, and are not hedges.
HEDGE_RE = re.compile(
    r"\b(?:may|might|could|possibly|perhaps|potentially|probably|presumably|(?<!more )(?<!less )likely"
    r"|unlikely|uncertain|unclear"
    r"|appears? to|appeared to|seems? to|seemed to|suggests?|suggested|suggesting"
    r"|is thought to|are thought to"
    r"|is believed to|are believed to|remains? to be|(?:is|are) (?:still )?(?:needed|required|warranted)"
    r"|can(?! (?:now |also |then |still )?be "
    r"(?:used|given|administered|performed|implanted|started|delivered))"
    r"(?= (?:\w+ )?\w+))\b",
    re.IGNORECASE,
)
# how far back from a trigger a negation may stand ("did not significantly reduce")
NEGATION_WINDOW = 5
# words a negation may reach across on its way to the trigger
# ("did not result in a lower X", "was not associated with a higher X")
NEGATION_BRIDGE = (
    ADVERBS
    | AUXILIARIES
    | {"associated", "with", "linked", "to", "related", "any", "clear", "a", "an"}
    | {"result", "results", "resulted", "lead", "led", "in"}
)
# adjectives a negation reaches across to a noun trigger ("without a significant increase in X")
NEGATION_ADJECTIVES: frozenset[str] = _WORDS["negation_adjectives"]
# negating determiners that reach across the subject they quantify ("neither drug increased X")
QUANTIFIER_NEGATIONS: frozenset[str] = _WORDS["quantifier_negations"]
QUANTIFIER_REACH = 8
# verbs and nouns of reporting whose negation reaches into their "that" clause
REPORT_WORDS: frozenset[str] = _WORDS["report_words"]
# the ConText categories this module reads (negation, possibility) and the rules that bound them
CATEGORIES = {"NEGATED_EXISTENCE", "POSSIBLE_EXISTENCE", "TERMINATE", "PSEUDO"}
CUE_CATEGORIES = {"NEGATED_EXISTENCE", "POSSIBLE_EXISTENCE"}
# rules added to ConText's defaults for the language of clinical literature, in medspaCy's JSON
RULES_FILE = "context_rules.json"


# the words a ConText rule needs: one set per required token of its pattern
Needs = tuple[frozenset[str], ...]


@dataclass(frozen=True)
class Cue:
    """A ConText modifier of a target: its category and the token range of its cue."""

    category: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class RuleSet:
    """ConText's rules as read here: the blank spaCy pipeline they are built on, the rules in
    order, and the needs of each negation or possibility rule (by its index) under their words."""

    nlp: Any
    rules: tuple[Any, ...]
    index: dict[str, list[tuple[int, Needs]]]


def _medspacy_context() -> Any:
    """Return medspaCy's ConText module, loaded without QuickUMLS.

    medspaCy's package imports QuickUMLS's spaCy component as it loads, and with it NLTK, SciPy and
    scikit-learn: more than a second of every process's start, for a concept matcher this module
    never uses. While medspaCy loads, an empty module stands in for QuickUMLS (then withdrawn, so
    that the real one loads if anything else asks for it)."""
    if "medspacy" not in sys.modules and "quickumls" not in sys.modules:
        stand_in = types.ModuleType("quickumls")
        stand_in.spacy_component = types.ModuleType("quickumls.spacy_component")  # type: ignore[attr-defined]
        sys.modules["quickumls"] = stand_in
        try:
            import medspacy.context
        finally:
            del sys.modules["quickumls"]
    import medspacy.context

    return medspacy.context


@lru_cache(maxsize=1)
def _rules() -> RuleSet:
    """Return medspaCy's default ConText rules of the categories used here plus the literature
    rules, with the words each negation or possibility rule needs."""
    import spacy

    context = _medspacy_context()
    ConText, ConTextRule = context.ConText, context.ConTextRule
    nlp = spacy.blank("en")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        every = ConText(nlp, rules=None)
        default = ConTextRule.from_json(every.DEFAULT_RULES_FILEPATH)
        rules = [r for r in default if r.category in CATEGORIES]
        with resources.as_file(resources.files(__package__).joinpath(RULES_FILE)) as own:
            rules += ConTextRule.from_json(str(own))
        every.add(rules)  # spaCy checks each rule's pattern here, once (see `_context`)
    needs = {
        i: rule_needs(r.pattern, [t.lower_ for t in nlp.make_doc(r.literal)])
        for i, r in enumerate(rules)
        if r.category in CUE_CATEGORIES
    }
    return RuleSet(nlp, tuple(rules), needs_index(needs))


@lru_cache(maxsize=256)
def _context(ids: frozenset[int]) -> Any:
    """Return medspaCy's ConText with the cue rules of these ids and every other rule (terminations):
    a sentence is read with the rules that could match it, so the matcher tries few patterns."""
    rs = _rules()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ctx = _medspacy_context().ConText(
            rs.nlp, rules=None, input_span_type="group", span_group_name="targets"
        )
        # spaCy's matcher checks every pattern added against its schema (pydantic), half the cost
        # of a ConText; the rules were checked once by `_rules`, and a real text needs a
        # ConText for hundreds of sets of rules. The matcher sits in medspaCy's private attributes
        # (medspaCy is pinned): if they change, the patterns are checked as before.
        matcher = getattr(getattr(ctx, "_ConText__matcher", None), "_MedspacyMatcher__matcher", None)
        if matcher is not None:
            matcher.validate = False
        ctx.add([r for i, r in enumerate(rs.rules) if i in ids or r.category not in CUE_CATEGORIES])
    return ctx


def rule_needs(pattern: Any, literal_words: Sequence[str]) -> Needs:
    """Return the words a ConText rule needs: one set per required token, any of whose words
    fills it. A literal rule needs each of its words; a token pattern needs a word of each token
    that is not optional ("?" or "*"). A token a pattern matches otherwise (a regular expression,
    another attribute) needs nothing, so the rule is never skipped by mistake."""
    if pattern is None:
        return tuple(frozenset({w}) for w in literal_words)
    if isinstance(pattern, str):
        return ()  # a regular expression over the text: it may match anything
    needs = []
    for spec in pattern:
        if spec.get("OP") in {"?", "*"} or set(spec) - {"LOWER", "OP"}:
            continue
        value = spec.get("LOWER")
        if isinstance(value, str):
            needs.append(frozenset({value}))
        elif isinstance(value, dict) and set(value) == {"IN"}:
            needs.append(frozenset(value["IN"]))
    return tuple(needs)


def needs_index(needs: dict[int, Needs]) -> dict[str, list[tuple[int, Needs]]]:
    """Return each rule's id and needs under every word of its first need ("" when it needs none)."""
    index: dict[str, list[tuple[int, Needs]]] = {}
    for i, rule in needs.items():
        for word in rule[0] if rule else {""}:
            index.setdefault(word, []).append((i, rule))
    return index


def possible_rules(words: set[str], index: dict[str, list[tuple[int, Needs]]]) -> frozenset[int]:
    """Return the ids of the negation and possibility rules that could match a sentence of these
    words: each of their needs is met by one of the words."""
    return frozenset(
        i for w in words & index.keys() | {""} for i, rule in index.get(w, ()) if all(n & words for n in rule)
    )


def context_cues(tokens: Sequence[Token], targets: Sequence[tuple[int, int]]) -> list[list[Cue]]:
    """Return, for each target token range, the ConText modifiers (negation, possibility) of it."""
    if not tokens or not targets:
        return [[] for _ in targets]
    ids = possible_rules({t.lower for t in tokens}, _rules().index)
    if not ids:
        return [[] for _ in targets]  # no negation or possibility rule can match: ConText finds nothing
    return read_cues(_context(ids), tokens, targets)


def read_cues(ctx: Any, tokens: Sequence[Token], targets: Sequence[tuple[int, int]]) -> list[list[Cue]]:
    """Return, for each target token range, the modifiers a ConText component finds for it."""
    from spacy.tokens import Doc, Span

    words = [t.text for t in tokens]
    spaces = [a.end < b.start for a, b in itertools.pairwise(tokens)] + [False]
    starts: list[bool | int | None] = [True, *([False] * (len(words) - 1))]
    doc = Doc(_rules().nlp.vocab, words=words, spaces=spaces, sent_starts=starts)
    doc.spans["targets"] = [Span(doc, s, e, label="OUTCOME") for s, e in targets]
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\[W036\]")  # a subset with no token pattern
        doc = ctx(doc)
    out = []
    for span in doc.spans["targets"]:
        found = []
        for m in span._.modifiers:
            s, e = m.modifier_span
            if m.category == "POSSIBLE_EXISTENCE" and s > 0 and tokens[s - 1].lower in {"more", "less"}:
                continue  # "more likely to achieve X" compares two arms; it is no hedge
            found.append(Cue(m.category, s, e, doc[s:e].text))
        out.append(found)
    return out


def hedge_cue(text: str) -> str | None:
    """Return the first hedging cue of a sentence, or None."""
    m = HEDGE_RE.search(text)
    return m.group(0) if m else None


def negation_before(tokens: Sequence[Token], trigger: int, floor: int, text: str) -> str | None:
    """Return the negation cue that governs the trigger at index trigger, or None."""
    j = trigger - 1
    crossed = False  # an adjective between: the cue runs to the trigger ("no significant difference")
    while j >= max(floor, trigger - NEGATION_WINDOW):
        w = tokens[j].lower
        if w in cues.NEGATIONS:
            if crossed:
                return text[tokens[j].start : tokens[trigger].end]
            start = j - 1 if j > 0 and tokens[j - 1].lower in AUXILIARIES else j
            return text[tokens[start].start : tokens[j].end]
        if w in NEGATION_ADJECTIVES:
            crossed = True
        elif w not in NEGATION_BRIDGE and not (w.endswith("ing") and w in cues.VERB_TRIGGERS):
            return _quantifier_negation(tokens, j, floor, text) or _negated_report(tokens, trigger, text)
        j -= 1
    return None


def _negated_report(tokens: Sequence[Token], trigger: int, text: str) -> str | None:
    """Return the cue of a negated report whose "that" clause holds the trigger ("trials have not
    shown that X reduces Y", "there is no evidence that X improves Y")."""
    that = next((k for k in range(trigger - 1, max(-1, trigger - 5), -1) if tokens[k].lower == "that"), None)
    if that is None:
        return None
    for k in range(that - 1, max(-1, that - 3), -1):
        if tokens[k].lower in REPORT_WORDS:
            for n in range(k - 1, max(-1, k - 4), -1):
                if tokens[n].lower in {"not", "no", "never", "n't"}:
                    return text[tokens[n].start : tokens[k].end]
            return None
    return None


def _quantifier_negation(tokens: Sequence[Token], j: int, floor: int, text: str) -> str | None:
    """Return a negating quantifier a few words before token j ("neither dose of X increased")."""
    for k in range(j - 1, max(floor, j - QUANTIFIER_REACH) - 1, -1):
        if tokens[k].lower in QUANTIFIER_NEGATIONS:
            return text[tokens[k].start : tokens[k].end]
        if tokens[k].lower == "no" and k + 1 < len(tokens) and tokens[k + 1].lower in PEOPLE:
            return text[tokens[k].start : tokens[k + 1].end]  # "no patient treated with X developed Y"
    return None


def governing_negation(tokens: Sequence[Token], found: Sequence[Cue], trigger: int, floor: int) -> str | None:
    """Return a ConText negation cue that governs the trigger: in its clause, just before it, with
    only auxiliaries and adverbs between ("no significant", "failed to significantly")."""
    for c in found:
        if c.category != "NEGATED_EXISTENCE" or c.start < floor or c.end > trigger + 1:
            continue
        if c.end == trigger + 1 and c.start == trigger:
            continue  # the trigger itself ("slow the decline in X": ConText reads "decline" as a refusal)
        between = tokens[c.end : trigger]
        if len(between) <= NEGATION_WINDOW and all(t.lower in NEGATION_BRIDGE for t in between):
            return c.text
    return None


def possibility(found: Sequence[Cue]) -> str | None:
    """Return a ConText possibility cue ("might be", "suggestive of") of a target, if any."""
    return next((c.text for c in found if c.category == "POSSIBLE_EXISTENCE"), None)
