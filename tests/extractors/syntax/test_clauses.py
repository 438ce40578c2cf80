"""Clause bounds and coordinated phrases around statistics in brackets."""

from __future__ import annotations

from kg.extractors.syntax import tagged
from kg.extractors.syntax.clauses import sentence_stops, trigger_objects
from kg.extractors.syntax.phrases import distribute
from kg.text.tokens import Token, tokenize


def _tokens(text: str) -> list[Token]:
    return tagged(list(tokenize(text)))


def test_a_semicolon_inside_brackets_does_not_end_the_clause() -> None:
    tokens = _tokens("There was no difference in pain days (-1%; 95% CI [-15% to 13%]) and pain hours.")
    assert sentence_stops(tokens)[0] == len(tokens)


def test_a_semicolon_outside_brackets_ends_the_clause() -> None:
    tokens = _tokens("Pain fell (p = 0.01); nausea rose.")
    semicolon = next(t.i for t in tokens if t.text == ";")
    assert sentence_stops(tokens)[0] == semicolon


def test_an_unclosed_bracket_keeps_its_breaks() -> None:
    tokens = _tokens("Pain fell (p = 0.01; nausea rose.")
    semicolon = next(t.i for t in tokens if t.text == ";")
    assert sentence_stops(tokens)[0] == semicolon


def test_conjuncts_with_their_own_statistics_share_no_head() -> None:
    tokens = _tokens("in intensity on VAS (-7.0 mm), number of pain days (-1%) and pain hours (-0.14).")
    phrases = trigger_objects(tokens, 1, len(tokens))
    texts = [" ".join(t.text for t in tokens[s:e]) for s, e in phrases]
    assert texts == ["intensity", "number of pain days", "pain hours"]
    assert all(extra == "" for _, _, extra in distribute(phrases, tokens))
