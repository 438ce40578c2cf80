"""Therapies that no vocabulary names, found as the subject of a verb of benefit."""

from __future__ import annotations

from collections.abc import Callable

from kg.model import SentenceResult

One = Callable[[str], SentenceResult]


def actors(r: SentenceResult) -> set[str]:
    """Return the therapies of a sentence's findings."""
    return {f.therapy.label for f in r.findings}


def test_subject_of_a_benefit_verb_is_a_therapy(one: One) -> None:
    # a supplement no drug list holds, at the start of the sentence
    assert actors(one("Probiotics failed to prevent necrotising enterocolitis in preterm infants.")) == {
        "probiotics"
    }
    # after "that" a clause starts too
    assert actors(one("There is evidence that chondroitin relieves knee pain.")) == {"chondroitin"}


def test_risk_factors_and_generic_subjects_are_no_therapies(one: One) -> None:
    # raising a harm is what risk factors do, not therapies: no therapy is invented
    assert not one("Obesity increases the risk of knee osteoarthritis.").findings
    # "the treatment", "this approach", "the results": generic nouns name no therapy
    assert not one("This approach reduced hospital admissions.").findings
    assert not one("Treatment reduced pain in most patients.").findings
    # a subject that does not open its clause is not taken ("the" stands before it)
    assert not one("In the trial the new regimen reduced relapses.").findings


def test_a_verb_is_no_part_of_the_subject(one: One) -> None:
    # "estimation showed lower error": the subject of "showed" names no therapy
    assert actors(one("Below this level, estimation showed lower error in trained subjects.")) == set()


def test_the_agent_of_a_passive_benefit_is_a_therapy(one: One) -> None:
    # "reduced by leg compression": the agent, when only a setting (caesarean section) is named
    r = one("In patients undergoing caesarean section, hypotension was reduced by leg compression.")
    assert actors(r) == {"leg compression"}
    # "by the intervention", "by 30%": no name
    assert not one("Hypotension was reduced by the intervention.").findings
    assert not one("Hypotension was reduced by 30%.").findings


def test_a_named_therapy_wins(one: One) -> None:
    # when a vocabulary names the therapy, no subject is invented beside it
    r = one("Home exercise with metformin reduced HbA1c.")
    assert "metformin" in actors(r)
    assert all(f.therapy.source != "subject" for f in r.findings)
