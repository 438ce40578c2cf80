"""Aims, methods and topic titles state no finding; results do."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.extractors.claims.statements import names_topic, states_aim
from kg.extractors.sentence import sentence_tokens
from kg.extractors.syntax import tagged
from kg.model import SentenceResult
from kg.text.tokens import Token


def _tokens(text: str) -> list[Token]:
    return tagged(sentence_tokens(text))


@pytest.mark.parametrize(
    "text",
    [
        "To determine the effect of intermittent pneumatic compression on hypotension.",
        "Objective: In this study we aimed to compare echogenic needles and nerve stimulation.",
        "The aim of this study was to investigate the efficacy of lidocaine solution.",
        "We evaluated whether aspirin reduces stroke.",
        "We conducted a prospective trial of hemorrhage prevention measures after resection.",
    ],
)
def test_aims_and_methods(text: str) -> None:
    assert states_aim(_tokens(text))


@pytest.mark.parametrize(
    "text",
    [
        "We found that aspirin reduced stroke.",
        "This study showed that aspirin reduces stroke.",
        "The objectives of intrathecal baclofen are to reduce spasticity and improve comfort.",
        "Aspirin reduced stroke in the trial.",
    ],
)
def test_results_are_no_aims(text: str) -> None:
    assert not states_aim(_tokens(text))


def test_topic_titles() -> None:
    assert names_topic(_tokens("Effect of patient-optimized doses of tamsulosin on erectile function in men"))
    assert names_topic(
        _tokens("Randomized clinical trial of artemisinin versus placebo for malaria in Madagascar")
    )
    assert not names_topic(_tokens("In a randomised trial of 363 patients, catheter ablation reduced death."))
    assert not names_topic(_tokens("Aspirin reduced stroke."))


def test_an_aim_yields_no_finding(one: Callable[[str], SentenceResult]) -> None:
    assert (
        one("To determine whether aspirin reduces stroke in patients with atrial fibrillation.").findings
        == ()
    )
    assert one("Aspirin reduced stroke in patients with atrial fibrillation.").findings
