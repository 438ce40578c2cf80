"""Indications: the condition a sentence says its therapy is given for, when it claims no change.
One row of data/indications.jsonl per case (sentences written for these tests), named by the
construction that should read it ("none": no indication)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.extractors.roles.indications import treatment_of
from kg.model import Document
from kg.pipeline import Extractor
from kg.text.tokens import tokenize

ROWS = [json.loads(line) for line in (Path(__file__).parent / "data" / "indications.jsonl").open()]


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['construction']}-{i}" for i, r in enumerate(ROWS)])
def test_indication(extractor: Extractor, row: dict[str, object]) -> None:
    findings = [f for r in extractor.document(Document("t", str(row["text"]))) for f in r.findings]
    found = {(f.therapy.label, f.condition.label if f.condition else None) for f in findings}
    assert found == {tuple(e) for e in row["expect"]}  # type: ignore[attr-defined]
    if found:
        assert {f.evidence.found_by for f in findings} == {row["construction"]}
        assert all(f.outcome is None and f.direction == "unspecified" for f in findings)


def test_treatment_of_with_names_its_therapy() -> None:
    tokens = tokenize("allopurinol failed ; treatment of gout with colchicine")
    gout, colchicine, allopurinol = range(5, 6), range(7, 8), range(0, 1)
    assert [t.text for t in tokens[5:8]] == ["gout", "with", "colchicine"]
    # "treatment of X with Y": Y is what X is treated with, not a therapy named elsewhere
    assert treatment_of(tokens, colchicine, gout)
    assert not treatment_of(tokens, allopurinol, gout)
    # without a preposition naming it, any therapy of the sentence is given for X
    tokens = tokenize("colchicine in the treatment of gout")
    assert treatment_of(tokens, range(0, 1), range(5, 6))
