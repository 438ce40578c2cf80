"""Therapies named by their place: the phrase a sentence gives for a condition."""

from __future__ import annotations

from collections.abc import Callable

from kg.model import SentenceResult


def _therapies(r: SentenceResult) -> dict[str, str]:
    return {m.text: m.source for m in r.mentions if m.kind == "therapy"}


def test_a_phrase_given_for_a_condition_is_a_therapy(one: Callable[[str], SentenceResult]) -> None:
    # an adjective before a generic head, a capitalised name, a disease word inside the name
    assert _therapies(one("Autogenic training for tension-type headache.")) == {
        "Autogenic training": "indication"
    }
    r = one("Selective Internal Radiation Therapy (SIRT) for liver metastases.")
    assert "Selective Internal Radiation Therapy" in _therapies(r)
    r = one("Extracorporeal shock wave lithotripsy in the treatment of kidney stones.")
    assert _therapies(r) == {"Extracorporeal shock wave lithotripsy": "indication"}
    assert [m.text for m in r.mentions if m.kind == "condition"] == ["kidney stones"]


def test_back_references_people_and_verbs_are_no_slot_therapy(one: Callable[[str], SentenceResult]) -> None:
    # "the standard treatment" refers back; "patients undergoing" is no part of the name
    assert _therapies(one("The standard treatment for hip fractures is surgery.")) == {
        "surgery": "vocabulary"
    }
    r = one("Patients undergoing elective surgery for breast cancer were included.")
    assert list(_therapies(r)) == ["elective surgery"]
