"""Test normalisation: British/American spellings, plurals, possessives and hyphens share one key."""

from __future__ import annotations

import pytest

from kg.text.tokens import tokenize
from kg.vocab.normalize import norm_word, phrase_key, singular, spelling


def _key(phrase: str) -> str:
    return phrase_key(t.text for t in tokenize(phrase))


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("tumour", "tumor"),  # -our after m
        ("oedema", "edema"),  # initial oe
        ("randomised", "randomized"),  # -ise- verb form
        ("haemorrhage", "hemorrhage"),  # ae after h
        ("leukaemia", "leukemia"),  # -aemia ending after k
        ("diarrhoea", "diarrhea"),  # -rrhoea
        ("sulphate", "sulfate"),  # ph to f
        ("anaemia", "anemia"),  # ae after n
        ("paediatric", "pediatric"),  # initial paed
        ("oestrogen", "estrogen"),  # oestr
        ("behaviour", "behavior"),  # -our after i
        ("hospitalisation", "hospitalization"),  # -isation
    ],
)
def test_british_and_american_spellings_match(british: str, american: str) -> None:
    assert spelling(british) == american
    assert norm_word(british) == norm_word(american) == american


@pytest.mark.parametrize(
    "word",
    ["disease", "status", "analysis", "pain", "focus", "sepsis", "tour", "four"],
)
def test_spelling_leaves_other_words_alone(word: str) -> None:
    # the rules must not rewrite words that merely contain the letters ("four", "tour", "sepsis")
    assert spelling(word) == word


def test_hyphenated_word_is_normalised_part_by_part() -> None:
    # each part of a hyphenated word gets the spelling and plural rules, and the hyphen goes
    assert norm_word("colour-blind") == "colorblind"
    assert norm_word("pre-eclampsia") == norm_word("pre‐eclampsia") == "preeclampsia"


@pytest.mark.parametrize(
    ("plural", "single"),
    [
        ("tumours", "tumor"),  # plural and British at once
        ("patients", "patient"),
        ("studies", "study"),  # -ies to -y
        ("seizures", "seizure"),
    ],
)
def test_plurals(plural: str, single: str) -> None:
    assert norm_word(plural) == single


@pytest.mark.parametrize("word", ["status", "analysis", "stress", "bus"])
def test_singular_keeps_words_ending_in_s_that_are_not_plurals(word: str) -> None:
    # "-us", "-is", "-ss" and short words are not plurals
    assert singular(word) == word


@pytest.mark.parametrize("word", ["Crohn's", "Crohn’s", "CROHN'S"])
def test_possessives_and_case(word: str) -> None:
    # straight and curly apostrophes, upper case
    assert norm_word(word) == "crohn"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("pre-eclampsia", "preeclampsia"),  # a hyphenated and a closed compound
        ("Pre-eclampsia", "preeclampsia"),  # case does not matter
        ("Crohn's disease", "Crohn disease"),  # possessive eponym
        ("Crohn’s disease", "Crohn disease"),  # curly apostrophe
        ("brain tumours", "brain tumor"),  # British plural
        ("cerebral oedema", "cerebral edema"),
        ("subarachnoid haemorrhage", "subarachnoid hemorrhage"),
        ("magnesium sulphate", "magnesium sulfate"),
        ("acute myeloid leukaemia", "acute myeloid leukemia"),
        ("non-small-cell lung cancer", "nonsmallcell lung cancer"),
    ],
)
def test_phrase_keys_match(a: str, b: str) -> None:
    assert _key(a) == _key(b)


def test_phrase_keys_differ_for_different_terms() -> None:
    # the key is not so loose that different conditions collide
    assert _key("cerebral palsy") != _key("cerebral edema")
    assert _key("pre-eclampsia") != _key("eclampsia")


def test_phrase_key_ignores_separator_tokens() -> None:
    # a free-standing hyphen or apostrophe token is dropped from the key
    assert phrase_key(["spinal", "-", "cord", "injury"]) == "spinal cord injury"
    assert phrase_key(["Crohn", "’", "disease"]) == "crohn disease"
