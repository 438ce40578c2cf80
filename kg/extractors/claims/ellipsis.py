"""Claims a sentence denies of a second therapy by ellipsis: "A was associated with X and Y, while
B was not", "A reduced X, whereas B did not": B did not change what A changed. The words are in
`words/claims.json`."""

from __future__ import annotations

from collections.abc import Sequence

from kg.extractors.words import table
from kg.text.tokens import Token

_W = table("claims")
CONTRASTS: frozenset[str] = _W["ellipsis_contrasts"]
AUXILIARIES: frozenset[str] = _W["ellipsis_auxiliaries"]
# how far before the therapy the contrast may stand ("while B monotherapy was not")
REACH = 3


def denied(tokens: Sequence[Token], span: range) -> bool:
    """Return whether a therapy at span is the subject of an elliptic denial that closes its clause:
    a contrast word before it, then an auxiliary and "not" after it, then the clause ends."""
    before = [t.lower for t in tokens[max(0, span.start - REACH) : span.start]]
    if not any(w in CONTRASTS for w in before):
        return False
    k = span.stop
    while k < len(tokens) and tokens[k].lower in {"monotherapy", "alone", "treatment", "therapy"}:
        k += 1
    if (
        k + 1 >= len(tokens)
        or tokens[k].lower not in AUXILIARIES
        or tokens[k + 1].lower not in {"not", "n't"}
    ):
        return False
    end = k + 2
    return end >= len(tokens) or tokens[end].text in {".", ",", ";", "(", ")"}
