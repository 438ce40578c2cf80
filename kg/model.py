"""Define the frozen data model that flows from documents to findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EntityKind = Literal["therapy", "condition", "outcome"]
Direction = Literal["increase", "decrease", "no_change", "unspecified"]

DIRECTIONS: tuple[Direction, ...] = ("increase", "decrease", "no_change", "unspecified")
ENTITY_KINDS: tuple[EntityKind, ...] = ("therapy", "condition", "outcome")


@dataclass(frozen=True)
class Document:
    """One input text with a stable identifier (its path or a name) and optional metadata."""

    id: str
    text: str
    title: str | None = None


@dataclass(frozen=True)
class Sentence:
    """One sentence of a document, with its character offsets in the document text."""

    doc_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """An entity recognised in a sentence; offsets are relative to the sentence text."""

    kind: EntityKind
    label: str
    start: int
    end: int
    text: str
    source: str = "pattern"
    identifiers: tuple[str, ...] = ()
    alt_labels: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        """Return the identity of the entity this mention names (kind, lower-cased label)."""
        return (self.kind, self.label.lower())


@dataclass(frozen=True)
class Study:
    """A study that a sentence cites or describes: citation as written, normalised design."""

    citation: str | None = None
    design: str | None = None
    sample_size: int | None = None
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class Evidence:
    """Where a finding comes from: the sentence, its offsets in the document, and the cues."""

    doc_id: str
    sentence_index: int
    text: str
    start: int
    end: int
    negation_cue: str | None = None
    hedge_cue: str | None = None
    extractor: str = "therapy-kg"
    version: str = "0"


@dataclass(frozen=True)
class Finding:
    """One (therapy, condition, outcome, direction) claim with its evidence."""

    therapy: Mention
    condition: Mention | None
    outcome: Mention | None
    direction: Direction
    negated: bool
    hedged: bool
    evidence: Evidence
    study: Study | None = None
    comparator: Mention | None = None


@dataclass(frozen=True)
class SentenceResult:
    """Everything extracted from one sentence: mentions, studies and findings."""

    sentence: Sentence
    mentions: tuple[Mention, ...] = ()
    studies: tuple[Study, ...] = ()
    findings: tuple[Finding, ...] = ()
    hedge_cue: str | None = None
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
