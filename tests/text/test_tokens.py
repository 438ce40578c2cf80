"""Test tokenisation: offsets into the text; hyphenated words, possessives and numbers stay whole."""

from __future__ import annotations

import itertools

import pytest

from kg.text.tokens import joined, tokenize


def _texts(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


def test_offsets_point_into_the_text() -> None:
    # every token is the slice of the text at its offsets, in order, and only spaces are skipped
    text = "Intrathecal  baclofen (ITB) reduced Crohn's-like pain by 2.5 points in 1,208 patients [12, 13]."
    tokens = tokenize(text)
    assert tokens
    for i, t in enumerate(tokens):
        assert t.i == i
        assert text[t.start : t.end] == t.text
    for a, b in itertools.pairwise(tokens):
        assert a.end <= b.start
        assert text[a.end : b.start].strip() == ""
    assert "".join(t.text for t in tokens) == "".join(text.split())


@pytest.mark.parametrize(
    "word",
    [
        "non-small-cell",  # a chain of hyphens
        "pre-eclampsia",  # a prefix with a hyphen
        "90-day",  # a number joined to a word
        "CDAI-100",  # a word joined to a number
        "Crohn's",  # a straight apostrophe
        "Crohn’s",  # a typographic apostrophe
        "2.5",  # a decimal
        "0.59",  # a decimal below one
        "1,208",  # a thousands separator
        "12,345.67",  # thousands and decimals together
    ],
)
def test_single_tokens(word: str) -> None:
    text = f"In {word} cases."
    assert _texts(text) == ["In", word, "cases", "."]


def test_sentence_final_decimal_keeps_the_full_stop_apart() -> None:
    # "2.5." is the number 2.5 and a full stop, not "2.5." or "2" "." "5" "."
    assert _texts("The dose was 2.5.") == ["The", "dose", "was", "2.5", "."]


def test_brackets_and_punctuation_are_their_own_tokens() -> None:
    # brackets, commas and the full stop of a citation are separate tokens
    assert _texts("pain (17), [12, 13].") == ["pain", "(", "17", ")", ",", "[", "12", ",", "13", "]", "."]


def test_joined_returns_original_text_between_tokens() -> None:
    # joined() gives back the original spacing, not the tokens glued with single spaces
    text = "intrathecal   baclofen pump"
    tokens = tokenize(text)
    assert joined(tokens, text, 0, 2) == "intrathecal   baclofen"
    assert joined(tokens, text, 1, 1) == ""


def test_token_properties() -> None:
    # is_word and is_acronym distinguish words, numbers and abbreviations
    itb, baclofen, n, mg = tokenize("ITB Baclofen 12 MgSO4")
    assert itb.is_acronym and itb.is_word
    assert not baclofen.is_acronym and baclofen.lower == "baclofen"
    assert not n.is_word
    assert mg.is_acronym


def test_empty_text_has_no_tokens() -> None:
    assert tokenize("") == []
    assert tokenize(" \n\t ") == []
