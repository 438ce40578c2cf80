"""Run therapy-kg's extractor in-process (one load) and read its findings' strings and directions."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.model import Document, Finding, Mention, SentenceResult
from kg.pipeline import Extractor

WORDS_FILE = Path(__file__).with_name("words.json")


@lru_cache(maxsize=1)
def word_lists() -> dict[str, Any]:
    """Return the benchmarks' word lists (words.json)."""
    data: dict[str, Any] = json.loads(WORDS_FILE.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def extractor() -> Extractor:
    """Return the one extractor of this process (the compiled vocabularies, loaded once)."""
    return Extractor()


# a header line of the Evidence Inference abstracts ("TITLE:", "ABSTRACT.RESULTS:", "ABSTRACT.AIM::")
HEADER_RE = re.compile(r"^(?:TITLE|ABSTRACT(?:\.[^\n]*?)?):+[ \t]*$", re.MULTILINE)


def passage_breaks(text: str) -> tuple[int, ...]:
    """Return the offsets where a passage begins: each header line and the line after it."""
    breaks: set[int] = set()
    for m in HEADER_RE.finditer(text):
        breaks.add(m.start())
        nl = text.find("\n", m.end())
        if nl >= 0:
            breaks.add(nl + 1)
    return tuple(sorted(b for b in breaks if 0 < b < len(text)))


def extract(doc_id: str, text: str, breaks: tuple[int, ...] = ()) -> list[SentenceResult]:
    """Return the sentence results of one text (sentence offsets are offsets in the text)."""
    return extractor().document(Document(doc_id, text, breaks=breaks))


def names(mention: Mention | None) -> list[str]:
    """Return what a mention is called: its text as written, its label and its other labels."""
    if mention is None:
        return []
    return [mention.text, mention.label, *mention.alt_labels]


def outcome_names(finding: Finding) -> list[str]:
    """Return the names of a finding's outcome, or of its condition when it has no outcome.

    (The guidelines file a symptom that a therapy reduces as a condition as well as an outcome.)"""
    return names(finding.outcome) if finding.outcome is not None else names(finding.condition)


def direction(finding: Finding) -> str:
    """Return a finding's direction, no_change for a negated finding ("did not reduce X")."""
    return "no_change" if finding.negated else finding.direction


def describe(finding: Finding) -> str:
    """Return a one-line view of a finding (for error listings)."""
    outcome = finding.outcome or finding.condition
    neg = " negated" if finding.negated else ""
    return f"{finding.therapy.text} -> {outcome.text if outcome else '-'} [{finding.direction}{neg}]"
