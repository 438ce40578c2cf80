"""Test giving findings the study of their document's record and of its reference list."""

from __future__ import annotations

from kg.extractors.studies import with_document_studies
from kg.model import Evidence, Finding, Mention, Sentence, SentenceResult, Study

OWN = Study(design="randomized controlled trial", label="Okafor AN et al. 2019", key="pmid:1")
THERAPY = Mention("therapy", "aspirin", 0, 7, "Aspirin")


def _result(*studies: Study | None) -> SentenceResult:
    """Return a sentence result with one finding per given study (None: a finding citing nothing)."""
    sentence = Sentence("d", 0, 0, 10, "Aspirin...")
    ev = Evidence("d", 0, sentence.text, 0, 10)
    findings = tuple(
        Finding(THERAPY, None, Mention("outcome", f"o{i}", 0, 1, "o"), "decrease", False, False, ev, s)
        for i, s in enumerate(studies)
    )
    return SentenceResult(sentence, studies=tuple(s for s in studies if s is not None), findings=findings)


def test_uncited_findings_are_reported_in_the_records_study() -> None:
    (r,) = with_document_studies([_result(None)], OWN, {})
    assert r.findings[0].study == OWN
    assert r.studies == ()  # the statement cites nothing


def test_a_cited_study_stays_and_a_described_design_is_the_records_study() -> None:
    cited = Study("Smith 2001", "cohort")
    described = Study(None, "randomized controlled trial", 120)
    (r,) = with_document_studies([_result(cited, described)], OWN, {})
    assert [f.study for f in r.findings] == [cited, OWN]
    assert r.studies == (cited,)


def test_a_record_without_design_keeps_the_sentences_design() -> None:
    own = Study(label="Hartmann K 1976", key="pmid:2")
    described = Study(None, "case series")
    (r,) = with_document_studies([_result(described, None)], own, {})
    assert [f.study for f in r.findings] == [described, own]


def test_numbered_citations_get_their_reference_as_label() -> None:
    (r,) = with_document_studies([_result(Study("17"), Study("18"))], None, {"17": "Eek M. Title. 2018."})
    assert [f.study.label for f in r.findings if f.study] == ["Eek M. Title. 2018.", None]
    assert r.studies[0] == Study("17", label="Eek M. Title. 2018.")
