"""Noun phrases from part-of-speech tags: a run of modifiers (adjectives, participles, nouns,
numbers) that ends in a noun ("upper-extremity tone", "partially hydrogenated soybean oil")."""

from __future__ import annotations

from collections.abc import Sequence, Set

from kg.extractors.syntax.tags import NOUN_TAGS
from kg.extractors.words import table
from kg.text.tokens import Token

Phrase = tuple[int, int]  # token range [start, end)

OPENING_TAGS = frozenset({"DT", "PDT", "PRP$"})
MODIFIER_TAGS = NOUN_TAGS | {"JJ", "JJR", "JJS", "VBN", "VBG", "CD", "NNPS"}
MAX_WORDS = 6
# a unit after a number modifies the noun after it, whatever the tagger says ("a single 30 s SI")
UNITS: frozenset[str] = table("syntax")["units"]


def _modifier(tokens: Sequence[Token], k: int) -> bool:
    """Return whether token k may stand inside a noun phrase before its head."""
    t = tokens[k]
    return (
        t.tag in MODIFIER_TAGS or t.is_acronym or (k > 0 and t.lower in UNITS and tokens[k - 1].tag == "CD")
    )


def _nounish(t: Token) -> bool:
    """Return whether a token can head a noun phrase: a noun, or an acronym whatever its tag."""
    return t.tag in NOUN_TAGS or t.is_acronym


def noun_phrase(tokens: Sequence[Token], i: int, stop: int) -> Phrase | None:
    """Return the noun phrase that starts at token i (after any determiner), or None."""
    while i < stop and tokens[i].tag in OPENING_TAGS:
        i += 1
    end = i
    if end + 1 < stop and tokens[end].tag == "RB" and tokens[end + 1].tag in {"JJ", "VBN"}:
        end += 1  # "partially hydrogenated soybean oil"
    last_noun = -1
    while end < stop and end - i < MAX_WORDS and _modifier(tokens, end):
        if _nounish(tokens[end]):
            last_noun = end
        end += 1
    return (i, last_noun + 1) if last_noun >= i else None


def _named(t: Token) -> bool:
    """Return whether a capitalised word inside a sentence that the tagger reads as a verb is a
    name ("the C-MAC D-Blade group"): verbs are written in lower case there."""
    return t.i > 0 and t.tag.startswith("VB") and t.text[:1].isupper() and not t.text.isupper()


def noun_phrase_before(tokens: Sequence[Token], j: int, floor: int = 0) -> Phrase | None:
    """Return the noun phrase that ends just before token j ("the hydrotherapy | group"), or None;
    a gerund may end it there ("the honey dressing | group")."""
    last = tokens[j - 1] if j - 1 >= floor else None
    if last is None or not (
        _nounish(last)
        or last.tag == "VBG"
        or (last.tag in {"JJ", "VBN"} and "-" in last.text)
        or _named(last)
    ):
        return (
            None  # a hyphenated adjective may name a group: "the water-intake group", "the hand-signed group"
        )
    start = j - 1
    while start - 1 >= floor and j - start < MAX_WORDS and _modifier(tokens, start - 1):
        start -= 1
    return (start, j)


HEAD_TAGS = NOUN_TAGS | {"VBG", "CD"}
EDGE_TAGS = frozenset({"DT", "PDT", "PRP$", "IN", "CC", "TO", "RB", "RBR", "RBS", "WDT", "MD"})


def noun_core(
    tokens: Sequence[Token], start: int, end: int, names: Set[int] = frozenset(), kept: Set[str] = frozenset()
) -> Phrase | None:
    """Return the phrase tokens[start:end] without the words around its noun phrase that the
    tagger reads as no part of one (a trailing "due" or "apart", a leading adverb), or None when
    it holds no noun at all ("significant", "required"). Tokens in names (inside a vocabulary's
    entity, whatever the tagger says of an unknown word) count as nouns, words in kept are kept;
    untagged tokens are kept as they are."""
    if not tokens[start:end] or not all(t.tag for t in tokens[start:end]):
        return (start, end) if end > start else None

    def head(t: Token) -> bool:
        return t.tag in HEAD_TAGS or t.is_acronym or t.i in names or t.lower in kept

    while (
        start < end
        and tokens[start].tag in EDGE_TAGS
        and start not in names
        and not tokens[start].is_acronym
        and not (tokens[start].tag.startswith("RB") and start + 1 < end and tokens[start + 1].tag == "JJ")
    ):
        start += 1  # but "clinically significant interactions" keeps its adverb
    while end > start and not head(tokens[end - 1]):
        end -= 1
    return (start, end) if end > start else None
