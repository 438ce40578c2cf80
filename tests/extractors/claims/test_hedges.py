"""Test hedge cues: modal verbs, epistemic phrases and calls for more research, not practical "can"."""

from __future__ import annotations

import pytest

from kg.extractors.claims.context import hedge_cue


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Botulinum toxin may be an important adjunctive therapy.", "may"),  # "may be"
        ("Baclofen might reduce pain in some patients.", "might"),
        ("Complications necessitating removal of the pump can occur.", "can"),  # "can occur" is a risk
        ("Baclofen is thought to act on GABA-B receptors.", "is thought to"),
        ("Further research is needed to identify the ideal candidate.", "is needed"),
        ("Baclofen appears to reduce spasticity in adults.", "appears to"),
        ("These results suggest a benefit of baclofen.", "suggest"),
        ("Baclofen could reduce pain.", "could"),
        ("MAY BE an adjunct in spasticity.", "MAY"),  # case-insensitive, cue kept as written
    ],
)
def test_hedges(text: str, cue: str) -> None:
    found = hedge_cue(text)
    assert found is not None
    assert found == cue
    assert found in text


@pytest.mark.parametrize(
    "text",
    [
        # what is possible in practice is not uncertainty
        "Continuous intrathecal baclofen can now be used in ambulatory patients with spasticity.",
        "Baclofen can be given to children.",
        "The pump can also be implanted in adults.",
        # a plain factual sentence
        "Intrathecal baclofen reduces spasticity in children with cerebral palsy.",
        "The treatment did not increase mortality (17).",
        # words that contain a cue ("mayor", "cannula", "mightily") are not cues
        "The mayor opened the clinic and a cannula was placed.",
        "",
    ],
)
def test_not_hedges(text: str) -> None:
    assert hedge_cue(text) is None
