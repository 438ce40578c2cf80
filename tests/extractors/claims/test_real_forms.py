"""Claim forms of real published abstracts (the shapes of issue 13's error classes), on sentences
written for these tests: one row of data/real_forms.jsonl per case, named by its construction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.model import Document
from kg.pipeline import Extractor

ROWS = [json.loads(line) for line in (Path(__file__).parent / "data" / "real_forms.jsonl").open()]


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['construction']}-{i}" for i, r in enumerate(ROWS)])
def test_real_form(extractor: Extractor, row: dict[str, object]) -> None:
    results = extractor.document(Document("t", str(row["text"])))
    found = {
        (f.therapy.label, f.outcome.label if f.outcome else None, f.direction)
        for r in results[-1:]
        for f in r.findings
    }
    expected = {tuple(e) for e in row["expect"]}  # type: ignore[attr-defined]
    assert found == expected


def test_each_finding_names_the_construction_that_read_it(extractor: Extractor) -> None:
    cases = {
        "Recurrence was 21% with frovatriptan and 24% with zolmitriptan (p = NS).": "+not-significant",
        "Patients given lithium were more likely to develop hypothyroidism.": "likely-comparative",
        "Hepatitis C can be cured by sofosbuvir-based regimens.": "passive",
        "Metformin is the first-line treatment for type 2 diabetes.": "indication",
    }
    for text, reader in cases.items():
        findings = extractor.document(Document("t", text))[-1].findings
        assert findings and all(f.evidence.found_by.endswith(reader) for f in findings), (text, findings)
