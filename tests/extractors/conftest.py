"""Fixtures for extractor tests: a helper that extracts one sentence (with the shared extractor)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.model import SentenceResult
from kg.pipeline import Extractor


@pytest.fixture
def one(extractor: Extractor) -> Callable[[str], SentenceResult]:
    """Return a function that extracts a text holding one sentence."""
    from kg.model import Document

    def run(text: str) -> SentenceResult:
        results = extractor.document(Document("t", text))
        assert len(results) == 1, [r.sentence.text for r in results]
        return results[0]

    return run
