"""The closed-class English words that bound noun phrases and clauses, loaded once from
`grammar.json` beside this module."""

from __future__ import annotations

from kg.extractors.words import table

_T = table("grammar")

DETERMINERS: frozenset[str] = _T["determiners"]
PREPOSITIONS: frozenset[str] = _T["prepositions"]
CONJUNCTIONS: frozenset[str] = _T["conjunctions"]
AUXILIARIES: frozenset[str] = _T["auxiliaries"]
PRONOUNS: frozenset[str] = _T["pronouns"]
ADVERBS: frozenset[str] = _T["adverbs"]
FUNCTION_WORDS: frozenset[str] = (
    DETERMINERS | PREPOSITIONS | CONJUNCTIONS | AUXILIARIES | PRONOUNS | ADVERBS | {"of", "not", "n't"}
)
# nouns for people: they head the population phrase ("patients with X"), never an entity
PEOPLE: frozenset[str] = _T["people"]
CLAUSE_BREAKS: frozenset[str] = _T["clause_breaks"]
