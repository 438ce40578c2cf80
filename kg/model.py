"""Define the frozen data model that flows from documents to findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Literal

EntityKind = Literal["therapy", "condition", "outcome"]
Direction = Literal["increase", "decrease", "no_change", "unspecified"]

DIRECTIONS: tuple[Direction, ...] = ("increase", "decrease", "no_change", "unspecified")
ENTITY_KINDS: tuple[EntityKind, ...] = ("therapy", "condition", "outcome")
# PubMed publication types (lower case) and the design they give, most specific first; a type that
# names no design of the closed list (Clinical Trial, Comparative Study...) gives none
PUBLICATION_DESIGNS: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (design, frozenset(types))
    for design, types in (
        ("meta-analysis", ("meta-analysis", "network meta-analysis")),
        ("systematic review", ("systematic review",)),
        (
            "randomized controlled trial",
            ("randomized controlled trial", "randomized controlled trial, veterinary"),
        ),
        ("case report", ("case reports",)),
        ("observational study", ("observational study", "observational study, veterinary")),
        ("review", ("review", "scoping review")),
    )
)


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
    # the preferred label of the vocabulary concept the mention names exactly (its label is one of
    # the concept's names, not a longer phrase built on one): mentions of one concept are one node
    preferred: str = ""

    @property
    def node_label(self) -> str:
        """Return the label that names the mention's node: its concept's, else its own."""
        return self.preferred or self.label

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
    label: str | None = None  # what the study is called: a reference's text, a record's first author and year
    key: str | None = None  # a global identifier ("pmid:123", "doi:10.1/x") that names the study's node


@dataclass(frozen=True)
class Heading:
    """A MeSH descriptor or publication type of a record: its unique identifier and its name."""

    ui: str
    name: str


@dataclass(frozen=True)
class Record:
    """The bibliographic metadata of a published record (a PubMed citation, a BioC document)."""

    pmid: str | None = None
    doi: str | None = None
    title: str | None = None
    year: int | None = None
    journal: str | None = None
    authors: tuple[str, ...] = ()
    publication_types: tuple[Heading, ...] = ()
    mesh: tuple[Heading, ...] = ()

    @property
    def design(self) -> str | None:
        """Return the study design that the record's most specific publication type names."""
        names = {t.name.lower() for t in self.publication_types}
        return next((design for design, types in PUBLICATION_DESIGNS if names & types), None)

    @property
    def label(self) -> str | None:
        """Return a short name of the record: first author (et al.) and year, else its title."""
        if not self.authors:
            return self.title
        names = self.authors[0] + (" et al." if len(self.authors) > 1 else "")
        return f"{names} {self.year}" if self.year else names


@dataclass(frozen=True)
class Document:
    """One input text with a stable identifier (its path or a name) and optional metadata.

    breaks are the offsets where a passage begins (a title, an abstract section, a BioC passage):
    no sentence runs across one."""

    id: str
    text: str
    title: str | None = None
    record: Record | None = None
    breaks: tuple[int, ...] = ()

    @property
    def name(self) -> str:
        """Return what the document is called: its title, else its file name, else its identifier."""
        return self.title or PurePath(self.id).name or self.id

    @property
    def own_key(self) -> str:
        """Return the key of the study the document itself reports, when nothing better names it."""
        return f"document:{self.id}"

    @property
    def study(self) -> Study | None:
        """Return the study that the document's record reports (None without a record)."""
        r = self.record
        if r is None:
            return None
        key = f"pmid:{r.pmid}" if r.pmid else f"doi:{r.doi.lower()}" if r.doi else self.own_key
        return Study(design=r.design, label=r.label or self.name, key=key)


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
    found_by: str = ""  # the construction that read the claim ("passive", "rates-in-arms")


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
    # findings about an arm the sentence names by role or label ("the intervention group"), not by
    # its treatment: kept apart from the findings (kg/extractors/roles/references.py)
    arm_results: tuple[Finding, ...] = ()
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
