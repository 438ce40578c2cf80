"""The role of each therapy in a sentence, read from the words around it."""

from __future__ import annotations

from kg.extractors.roles.therapies import is_aside, is_comparator, is_control, is_cotherapy
from kg.model import Mention
from kg.text.tokens import tokenize


def _span(tokens: list, word: str) -> range:
    i = next(t.i for t in tokens if t.lower == word)
    return range(i, i + 1)


def test_comparators() -> None:
    # "than with warfarin", "compared with placebo", "superior to enalapril" name the other arm
    for text, word in (
        ("fewer bleeds than with warfarin", "warfarin"),
        ("lower mortality compared with placebo", "placebo"),
        ("valsartan was superior to enalapril", "enalapril"),
    ):
        tokens = tokenize(text)
        assert is_comparator(tokens, _span(tokens, word), False), text
    # the subject that opens the clause with "alone" is the actor, not a comparator
    tokens = tokenize("nivolumab alone reduced death")
    assert not is_comparator(tokens, _span(tokens, "nivolumab"), False)


def test_cotherapies() -> None:
    # "given with methotrexate" and "after 3 months of aspirin" (with an actor before) are background
    tokens = tokenize("adalimumab given with methotrexate")
    assert is_cotherapy(tokens, _span(tokens, "methotrexate"))
    tokens = tokenize("prasugrel after 3 months of aspirin reduced bleeding")
    assert is_cotherapy(tokens, _span(tokens, "aspirin"), [_span(tokens, "prasugrel")])
    # without an earlier therapy, "after" alone does not make a co-therapy
    tokens = tokenize("after aspirin , bleeding fell")
    assert not is_cotherapy(tokens, _span(tokens, "aspirin"))


def test_asides() -> None:
    # an apposition after a therapy, and the predicate of a copula, only describe it
    tokens = tokenize("omalizumab , a monoclonal antibody , reduced exacerbations")
    assert is_aside(tokens, range(3, 5), [range(0, 1), range(3, 5)])
    tokens = tokenize("clozapine is the only antipsychotic with efficacy")
    assert is_aside(tokens, _span(tokens, "antipsychotic"), [range(0, 1), _span(tokens, "antipsychotic")])
    # a therapy after "and" is coordinated, not an aside
    tokens = tokenize("aspirin and clopidogrel reduced events")
    assert not is_aside(tokens, _span(tokens, "clopidogrel"), [range(0, 1), _span(tokens, "clopidogrel")])


def test_switching_leaves_the_first_therapy() -> None:
    # "switching from A to B": A is left behind, B is claimed
    tokens = tokenize("switching from infliximab to vedolizumab improved remission")
    assert is_cotherapy(tokens, _span(tokens, "infliximab"))
    assert not is_cotherapy(tokens, _span(tokens, "vedolizumab"))


def test_control_arms_are_never_claimed() -> None:
    def therapy(label: str) -> Mention:
        return Mention("therapy", label, 0, len(label), label)

    assert all(
        is_control(therapy(x)) for x in ("placebo", "sham acupuncture", "usual care", "standard treatment")
    )
    assert not any(
        is_control(therapy(x)) for x in ("metformin", "conventional ventilation", "standard-dose aspirin")
    )
