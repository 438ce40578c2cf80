"""Word classes from Penn Treebank tags, as the phrase readers use them. A token without a tag
(the tagger has not read it) belongs to none of them, so rules fall back on their word lists."""

from __future__ import annotations

from kg.text.tokens import Token

NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "FW"})
FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# tags of words that never sit inside a noun phrase
FUNCTION_TAGS = frozenset(
    {"IN", "CC", "DT", "PDT", "PRP", "PRP$", "WDT", "WP", "WP$", "WRB", "TO", "EX", "RP", "UH", "MD"}
)


def is_function_tag(t: Token) -> bool:
    """Return whether the tagger read a token as a function word (preposition, determiner...)."""
    return t.tag in FUNCTION_TAGS
