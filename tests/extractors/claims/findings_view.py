"""Views of a sentence's findings that the extractor tests compare with expected sets."""

from __future__ import annotations

from kg.model import SentenceResult


def claims(r: SentenceResult) -> set[tuple[str, str | None, str | None, str]]:
    """Return (therapy, condition, outcome, direction) of every finding."""
    return {
        (
            f.therapy.label,
            f.condition.label if f.condition else None,
            f.outcome.label if f.outcome else None,
            f.direction,
        )
        for f in r.findings
    }
