"""Indications: the condition a sentence says its therapy is given for, when it claims no change.
One row of data/indications.jsonl per case (sentences written for these tests), named by the
construction that should read it ("none": no indication)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.model import Document
from kg.pipeline import Extractor

ROWS = [json.loads(line) for line in (Path(__file__).parent / "data" / "indications.jsonl").open()]


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['construction']}-{i}" for i, r in enumerate(ROWS)])
def test_indication(extractor: Extractor, row: dict[str, object]) -> None:
    findings = [f for r in extractor.document(Document("t", str(row["text"]))) for f in r.findings]
    found = {(f.therapy.label, f.condition.label if f.condition else None) for f in findings}
    assert found == {tuple(e) for e in row["expect"]}  # type: ignore[attr-defined]
    if found:
        assert {f.evidence.found_by for f in findings} == {row["construction"]}
        assert all(f.outcome is None and f.direction == "unspecified" for f in findings)
