"""Test the ConText pre-filter: the words each rule needs, and that reading a sentence with only
the rules that could match it finds the same cues as reading it with every rule."""

from __future__ import annotations

from typing import Any

import pytest

from kg.extractors.claims.context import (
    CUE_CATEGORIES,
    _context,
    _rules,
    context_cues,
    possible_rules,
    read_cues,
    rule_needs,
)
from kg.text.tokens import tokenize


def test_a_literal_rule_needs_each_of_its_words() -> None:
    assert rule_needs(None, ["did", "not"]) == (frozenset({"did"}), frozenset({"not"}))


def test_a_pattern_needs_its_required_tokens_only() -> None:
    pattern = [
        {"LOWER": {"IN": ["can", "did"]}},
        {"LOWER": "rule"},
        {"LOWER": {"IN": ["him", "her"]}, "OP": "?"},  # optional: needs nothing
        {"LOWER": "out"},
    ]
    assert rule_needs(pattern, []) == (frozenset({"can", "did"}), frozenset({"rule"}), frozenset({"out"}))


def test_a_token_matched_otherwise_needs_nothing() -> None:
    # a regular expression or another attribute could match any word: the rule is never skipped
    assert rule_needs([{"LOWER": {"REGEX": "^no"}}, {"POS": "NOUN"}], []) == ()
    assert rule_needs("no\\s+evidence", []) == ()


def test_no_rule_is_possible_without_a_cue_word() -> None:
    index = _rules().index
    words = {t.lower for t in tokenize("Baclofen reduced spasticity in adults with cerebral palsy.")}
    assert possible_rules(words, index) == frozenset()


def test_a_cue_word_makes_its_rules_possible() -> None:
    rules, index = _rules().rules, _rules().index
    words = {t.lower for t in tokenize("Baclofen did not reduce spasticity.")}
    found = possible_rules(words, index)
    assert found
    assert all(rules[i].category in CUE_CATEGORIES for i in found)
    assert any(rules[i].literal == "did not" for i in found)


def _every_rule() -> Any:
    """Return ConText with every rule at once: the reference for the pre-filter."""
    return _context(frozenset(range(len(_rules().rules))))


@pytest.mark.parametrize(
    "text",
    [
        "Baclofen did not reduce spasticity.",
        "There was no significant difference in pain between the groups.",
        "Baclofen may improve sitting, although further trials are needed.",
        "Tizanidine failed to reduce spasticity; it did improve sleep.",  # a termination between
        "Neither dose increased mortality, and pain was ruled out as a cause.",
        "Patients were more likely to achieve remission with baclofen.",  # "more likely": no hedge
        "Baclofen reduced spasticity in adults.",  # no cue at all
    ],
)
def test_the_prefilter_finds_what_every_rule_finds(text: str) -> None:
    tokens = tokenize(text)
    targets = [(i, i + 1) for i, t in enumerate(tokens) if t.is_word]
    assert context_cues(tokens, targets) == read_cues(_every_rule(), tokens, targets)


def test_literature_rules_are_medspacy_json() -> None:
    from importlib import resources

    from medspacy.context import ConTextRule

    from kg.extractors.claims.context import CATEGORIES, RULES_FILE

    with resources.as_file(resources.files("kg.extractors.claims").joinpath(RULES_FILE)) as path:
        rules = ConTextRule.from_json(str(path))
    assert len(rules) >= 20 and {r.category for r in rules} <= CATEGORIES
    assert any(r.literal == "did not" and r.direction == "FORWARD" for r in rules)


def test_context_loads_without_quickumls() -> None:
    """ConText is read without loading QuickUMLS (and NLTK, SciPy), and still finds its cues."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from kg.extractors.claims.context import context_cues\n"
        "from kg.text.tokens import tokenize\n"
        "tokens = tokenize('X did not reduce pain.')\n"
        "cues = context_cues(tokens, [(3, 4)])\n"
        "print(sorted(m for m in ('quickumls', 'nltk', 'scipy') if m in sys.modules), cues[0][0].category)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["[]", "NEGATED_EXISTENCE"]


def test_a_context_of_some_rules_does_not_check_them_again() -> None:
    """The rules are checked once (by `_rules`): the matcher of a ConText built for a sentence's
    rules skips spaCy's pattern check (its place in medspaCy's private attributes still holds)."""
    matcher = _context(frozenset({0}))._ConText__matcher._MedspacyMatcher__matcher
    assert matcher.validate is False
