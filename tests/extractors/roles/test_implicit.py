"""Comparisons of a trial's arms that name no arm ("There was no significant difference in X"), on
literal sentences."""

from __future__ import annotations

from kg.extractors.roles.implicit import compares_implicitly
from kg.extractors.sentence import sentence_tokens
from kg.pipeline import extract

TRIAL = "Patients with type 2 diabetes were randomised to metformin or placebo for 12 weeks. "


def _arm_results(text: str) -> list[tuple[str, str, str | None, str]]:
    return [
        (f.therapy.label, f.therapy.text, f.outcome.label if f.outcome else None, f.direction)
        for r in extract(text)
        for f in r.arm_results
    ]


def test_words_of_an_implicit_comparison() -> None:
    assert compares_implicitly(sentence_tokens("There was no significant difference in mortality."))
    assert compares_implicitly(sentence_tokens("Pain did not differ (p = 0.3)."))
    # times within an arm, or the arms at baseline, are no comparison of the arms' results
    assert not compares_implicitly(sentence_tokens("Pain before and after treatment did not differ."))
    assert not compares_implicitly(sentence_tokens("Baseline characteristics did not differ."))


def test_a_comparison_that_names_no_arm_is_between_the_arms() -> None:
    # "no significant difference in X" of a trial compares its arms; a comparison of times within
    # an arm ("before and after") or of the arms at baseline is none
    text = (
        TRIAL
        + "There was no significant difference in mortality. "
        + "Pain did not differ significantly (p = 0.3). "
        + "Pain scores before and after treatment showed no difference. "
        + "Baseline characteristics did not differ."
    )
    assert _arm_results(text) == [
        ("metformin", "no significant difference", "mortality", "no_change"),
        ("metformin", "did not differ", "pain", "no_change"),
    ]


def test_the_intervention_as_a_subject_is_the_active_arm() -> None:
    # "The intervention had no effect on X" is the trial's active arm; not after "discontinuing"
    text = (
        TRIAL
        + "The intervention had no effect on delirium duration. "
        + "After discontinuing the intervention, there was an increase in malaria."
    )
    assert _arm_results(text) == [("metformin", "The intervention", "delirium duration", "no_change")]
