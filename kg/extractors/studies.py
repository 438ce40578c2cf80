"""Give a document's findings the studies that the document itself names.

A finding whose sentence cites no study is reported in the study of the document's record (a
PubMed abstract reports its own study); a sentence that only describes a design ("in this
randomised trial") describes that same study when the record names a design. A numbered citation
that the document's reference list resolves gets the reference's text as its label."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from kg.model import SentenceResult, Study


def _resolved(study: Study, own: Study | None, references: Mapping[str, str]) -> Study:
    """Return the study a sentence's study stands for: a labelled reference, the record's, or itself."""
    if study.citation is not None:
        label = references.get(study.citation)
        return replace(study, label=label) if label and study.label is None else study
    if own is not None and own.design is not None:
        return own  # "this randomised trial": the record's own study
    return study


def with_document_studies(
    results: Sequence[SentenceResult], own: Study | None, references: Mapping[str, str]
) -> list[SentenceResult]:
    """Return the results with each study resolved and uncited findings given the record's study."""
    if own is None and not references:
        return list(results)
    out = []
    for r in results:
        mapped = {s: _resolved(s, own, references) for s in r.studies}
        studies = tuple(dict.fromkeys(s for s in mapped.values() if s != own))
        findings = tuple(
            replace(f, study=mapped.get(f.study, f.study) if f.study is not None else own) for f in r.findings
        )
        out.append(replace(r, studies=studies, findings=findings))
    return out
