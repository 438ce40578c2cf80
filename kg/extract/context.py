"""Detect hedging in a sentence and negation before a trigger, recording the cue text."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.extract import cues
from kg.extract.grammar import ADVERBS, AUXILIARIES
from kg.text.tokens import Token

# hedges: modal verbs, epistemic verbs and adverbs, and calls for more evidence. "can be used" or
# "can now be given" state what is possible in practice, not uncertainty, and are not hedges.
HEDGE_RE = re.compile(
    r"\b(?:may|might|could|possibly|perhaps|potentially|probably|presumably|likely|unlikely|uncertain|unclear"
    r"|appears? to|appeared to|seems? to|seemed to|suggests?|suggested|suggesting|is thought to|are thought to"
    r"|is believed to|are believed to|remains? to be|(?:is|are) (?:still )?(?:needed|required|warranted)"
    r"|can(?! (?:now |also |then |still )?be (?:used|given|administered|performed|implanted|started|delivered))"
    r"(?= (?:\w+ )?\w+))\b",
    re.IGNORECASE,
)
# how far back from a trigger a negation may stand ("did not significantly reduce")
NEGATION_WINDOW = 5
# words a negation may reach across on its way to the trigger
NEGATION_BRIDGE = ADVERBS | AUXILIARIES | {"associated", "with", "linked", "to", "related", "any", "clear"}


def hedge_cue(text: str) -> str | None:
    """Return the first hedging cue of a sentence, or None."""
    m = HEDGE_RE.search(text)
    return m.group(0) if m else None


def negation_before(tokens: Sequence[Token], trigger: int, floor: int, text: str) -> str | None:
    """Return the negation cue that governs the trigger at index trigger, or None."""
    j = trigger - 1
    while j >= max(floor, trigger - NEGATION_WINDOW):
        w = tokens[j].lower
        if w in cues.NEGATIONS:
            return text[tokens[j].start : tokens[trigger - 1].end] if j < trigger else w
        if w not in NEGATION_BRIDGE and not (w.endswith("ing") and w in cues.VERB_TRIGGERS):
            return None
        j -= 1
    return None
