"""Give a document's findings the studies that the document itself names.

A finding whose sentence cites no study is reported in the document's own study: a PubMed
record's, or, in a plain text, the study the text describes as its own ("In this randomised,
double-blind trial of 412 patients", "We conducted a cohort study"). A sentence that only describes
a design describes that same study when the document has one. A numbered citation that the
document's reference list resolves gets the reference's text as its label, and a study that is
neither cited nor named is called after the document."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from kg.extractors.studies.citations import design, listed_citations, sample_size
from kg.extractors.studies.citations import studies as sentence_studies
from kg.model import Document, SentenceResult, Study

# words by which a text speaks of its own study ("this trial", "we randomised", "the present study")
SELF_REFERENCE_RE = re.compile(
    r"\b(?:this|the present|the current|our|we|here)\b|^(?:methods?|design|setting)\s*:", re.IGNORECASE
)


def described_study(doc: Document, results: Sequence[SentenceResult]) -> Study | None:
    """Return the study a plain text describes as its own: the first sentence that names a design
    without citing anyone and speaks of the text's own work gives its design and size."""
    for r in results:
        own = _own(doc, r.sentence.text, r.studies)
        if own is not None:
            return own
    return None


def _own(doc: Document, text: str, found: Iterable[Study]) -> Study | None:
    """Return the document's own study when a sentence's studies describe it, else None."""
    for s in found:
        if s.citation is None and s.design is not None and SELF_REFERENCE_RE.search(text):
            return Study(design=s.design, sample_size=s.sample_size, label=doc.name, key=doc.own_key)
    return None


def own_study(doc: Document, results: Sequence[SentenceResult]) -> Study | None:
    """Return the study the document reports: its record's, else the one its text describes."""
    return doc.study or described_study(doc, results)


def stated_study(doc: Document, texts: Iterable[str]) -> Study | None:
    """Return what own_study returns for a document whose sentences are these texts, from the texts
    alone (a sentence's studies are those of its text), before any sentence is extracted."""
    if doc.study is not None:
        return doc.study
    for text in texts:
        own = _own(doc, text, sentence_studies(text)) if SELF_REFERENCE_RE.search(text) else None
        if own is not None:
            return own
    return None


def _resolved(study: Study, own: Study | None, references: Mapping[str, str], name: str) -> Study:
    """Return the study a sentence's study stands for: a labelled reference, the document's, or
    itself (called after the document when nothing else names it)."""
    if study.citation is not None:
        label = references.get(study.citation)
        return replace(study, label=label) if label and study.label is None else study
    if own is not None and own.design is not None:
        return own  # "this randomised trial": the document's own study
    if study.label or not name:
        return study
    return replace(study, label=f"{study.design or 'study'} in {name}")


def _with_listed(r: SentenceResult, references: Mapping[str, str]) -> SentenceResult:
    """Return a sentence's result with the numbered citations that only the reference list makes
    citations ("Smith (12) showed"), each with the sentence's design and size as a cited study is;
    its findings that cite nothing else are reported in the first of them."""
    text = r.sentence.text
    found = listed_citations(text, references) if references else iter(())
    listed = tuple(dict.fromkeys(Study(k, design(text), sample_size(text), s, e) for k, s, e in found))
    if not listed:
        return r
    cited = tuple(st for st in r.studies if st.citation is not None)  # a design alone is now cited's
    findings = tuple(
        f if f.study is not None and f.study.citation else replace(f, study=listed[0]) for f in r.findings
    )
    return replace(r, studies=(*cited, *listed), findings=findings)


def with_document_studies(
    results: Sequence[SentenceResult], own: Study | None, references: Mapping[str, str], name: str = ""
) -> list[SentenceResult]:
    """Return the results with each study resolved and uncited findings given the document's own
    study (which only the sentences that state its design name); name is what the document is called."""
    out = []
    for r in results:
        r = _with_listed(r, references)
        mapped = {s: _resolved(s, own, references, name) for s in r.studies}
        # a sentence that states the design ("this was a randomised trial") names the document's own
        # study, so the statement keeps it (findings elsewhere are reported in it without a citation)
        studies = tuple(dict.fromkeys(mapped.values()))
        findings = tuple(
            replace(f, study=mapped.get(f.study, f.study) if f.study is not None else own) for f in r.findings
        )
        out.append(replace(r, studies=studies, findings=findings))
    return out
