"""Conditions named by an adjective of the patients ("hypertensive women", "preterm infants")."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.model import SentenceResult

One = Callable[[str], SentenceResult]


def _conditions(r: SentenceResult) -> set[tuple[str, str]]:
    return {(m.text, m.label) for m in r.mentions if m.kind == "condition"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Amlodipine lowered blood pressure in hypertensive women.", {("hypertensive", "hypertension")}),
        ("Caffeine reduced apnoea in preterm infants.", {("preterm", "premature birth")}),
        ("Ventilation restored cardiac function in asphyxiated lambs.", {("asphyxiated", "asphyxia")}),
    ],
)
def test_an_adjective_before_patients_names_their_condition(
    one: One, text: str, expected: set[tuple[str, str]]
) -> None:
    assert expected <= _conditions(one(text))


def test_the_condition_is_the_findings_population(one: One) -> None:
    r = one("Amlodipine lowered blood pressure in hypertensive women.")
    assert {(f.therapy.label, f.condition.label if f.condition else None) for f in r.findings} == {
        ("amlodipine", "hypertension")
    }
    hypertensive = next(m for m in r.mentions if m.text == "hypertensive")
    assert "hypertensive" in hypertensive.alt_labels and hypertensive.source == "adjective"


@pytest.mark.parametrize(
    "text",
    [
        "The hypertensive response to exercise was blunted by metoprolol.",
        "In the Swedish Obese Subjects study, bariatric surgery reduced mortality.",
    ],
)
def test_an_adjective_of_no_patients_names_nothing(one: One, text: str) -> None:
    assert not any(m.source == "adjective" for m in one(text).mentions)


def test_the_patients_adjective_wins_over_a_condition_named_before_it(one: One) -> None:
    r = one("Dexamethasone improves oxygenation despite pneumothorax in preterm infants.")
    assert {
        (f.outcome.label if f.outcome else None, f.condition.label if f.condition else None)
        for f in r.findings
    } == {("oxygenation", "premature birth")}


def test_a_condition_named_by_a_demonstrative_is_no_population(one: One) -> None:
    r = one("In these infections, amoxicillin shortened the duration of fever.")
    assert [(f.outcome.label if f.outcome else None, f.condition) for f in r.findings] == [
        ("duration of fever", None)
    ]
