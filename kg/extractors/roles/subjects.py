"""Find a therapy that no vocabulary names from its place in a claim: the subject of a verb of
benefit at the start of a clause ("Probiotics failed to prevent necrotising enterocolitis",
"Glucosamine relieves knee pain").

Only sentences that name no therapy at all are read, only verbs that lower a harm or improve
something, and only a short noun phrase of content words that names no condition, person, study
or measure.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.extractors.claims.outcomes import Outcome, token_span
from kg.extractors.syntax.grammar import FUNCTION_WORDS, PEOPLE
from kg.extractors.syntax.tags import FINITE_VERB_TAGS
from kg.extractors.words import cues
from kg.extractors.words import table as _table
from kg.model import Mention
from kg.text.tokens import Token, sentence_case

_WORDS = _table("roles")

# effects of verbs whose subject is an intervention ("reduced", "prevented", "improved")
BENEFIT_EFFECTS = {"-", "imp"}
MAX_WORDS = 3
# nouns that head a clause's subject without naming a therapy
NOT_THERAPIES: frozenset[str] = _WORDS["not_therapies"]
# words that may stand between the subject and the verb ("X significantly reduced", "X failed to")
BRIDGE: frozenset[str] = _WORDS["bridge"]
# the words that may end a passive claim's agent ("reduced by leg compression in ...")
AGENT_ENDS = frozenset({"in", "among", "during", "after", "at", "and", "compared", "versus", "vs", "than"})


def unnamed_subject(
    tokens: Sequence[Token], text: str, outs: Sequence[Outcome], mentions: Sequence[Mention]
) -> Mention | None:
    """Return a therapy mention for the subject of the first benefit claim at a clause start."""
    taken = _taken(tokens, mentions)
    for o in outs:
        c = o.claim
        if c.passive or c.effect not in BENEFIT_EFFECTS or not _verb(tokens[c.trigger]):
            continue  # "Significant improvements in X": a noun trigger has no subject
        end = c.trigger
        while end > 0 and tokens[end - 1].lower in BRIDGE:
            end -= 1
        start = end
        while start > 0 and end - start < MAX_WORDS and _name_word(tokens[start - 1], taken):
            start -= 1
        if start == end or (start > 0 and tokens[start - 1].lower not in {",", ";", ":", "that"}):
            continue
        if any(tokens[k].lower in NOT_THERAPIES for k in range(start, end)):
            continue
        a, b = tokens[start].start, tokens[end - 1].end
        return Mention("therapy", sentence_case(text[a:b]), a, b, text[a:b], "subject")
    return None


def unnamed_agent(
    tokens: Sequence[Token], text: str, outs: Sequence[Outcome], mentions: Sequence[Mention]
) -> Mention | None:
    """Return a therapy mention for the agent of the first passive benefit claim: "hypotension was
    reduced by leg compression" (a short phrase of name words after "by", ending its clause)."""
    taken = _taken(tokens, mentions)
    for o in outs:
        c = o.claim
        k = c.trigger + 1
        if not c.passive or c.effect not in BENEFIT_EFFECTS or k >= len(tokens) or tokens[k].lower != "by":
            continue
        end = k + 1
        while end < len(tokens) and end - k <= MAX_WORDS and _name_word(tokens[end], taken):
            end += 1
        if end == k + 1 or (
            end < len(tokens) and tokens[end].is_word and tokens[end].lower not in AGENT_ENDS
        ):
            continue
        if any(tokens[x].lower in NOT_THERAPIES for x in range(k + 1, end)):
            continue
        a, b = tokens[k + 1].start, tokens[end - 1].end
        return Mention("therapy", sentence_case(text[a:b]), a, b, text[a:b], "agent")
    return None


def _taken(tokens: Sequence[Token], mentions: Sequence[Mention]) -> set[int]:
    """Return the tokens inside the entities a vocabulary named (no part of an unnamed therapy)."""
    return {i for m in mentions if m.kind != "outcome" for i in token_span(tokens, m)}


def _verb(t: Token) -> bool:
    """Return whether a trigger may have a subject: any word but a noun ("improvements in X")."""
    return not t.tag.startswith("NN")


def _name_word(t: Token, taken: set[int]) -> bool:
    """Return whether a token may be part of an unnamed therapy's name."""
    w = t.lower
    return (
        t.is_word
        and t.i not in taken
        and w not in FUNCTION_WORDS
        and w not in PEOPLE
        and w not in cues.VERB_TRIGGERS
        and not t.is_acronym
        and t.tag not in FINITE_VERB_TAGS  # "estimation showed lower error": a verb names no therapy
    )
