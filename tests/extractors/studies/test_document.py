"""Test giving findings the study of their document's record and of its reference list."""

from __future__ import annotations

from kg.extractors.studies.document import own_study, with_document_studies
from kg.model import Document, Evidence, Finding, Mention, Sentence, SentenceResult, Study

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
    assert r.studies == (cited, OWN)  # the sentence that states the design names the record's study


def test_a_record_without_design_keeps_the_sentences_design() -> None:
    own = Study(label="Hartmann K 1976", key="pmid:2")
    described = Study(None, "case series")
    (r,) = with_document_studies([_result(described, None)], own, {})
    assert [f.study for f in r.findings] == [described, own]


def test_numbered_citations_get_their_reference_as_label() -> None:
    (r,) = with_document_studies([_result(Study("17"), Study("18"))], None, {"17": "Eek M. Title. 2018."})
    assert [f.study.label for f in r.findings if f.study] == ["Eek M. Title. 2018.", None]
    assert r.studies[0] == Study("17", label="Eek M. Title. 2018.")


def _sentence_result(index: int, text: str, *studies: Study) -> SentenceResult:
    """Return a result of one sentence of a plain text, with the studies it names and no finding."""
    return SentenceResult(Sentence("a.txt", index, 0, len(text), text), studies=studies)


def test_a_text_that_describes_its_own_trial_reports_it() -> None:
    doc = Document("abstracts/a.txt", "…")
    rct = "randomized controlled trial"
    results = [
        _sentence_result(0, "Randomised trials of aspirin are few.", Study(None, rct)),
        _sentence_result(1, "In this randomised trial of 412 patients...", Study(None, rct, 412)),
    ]
    own = own_study(doc, results)
    # the first sentence speaks of other trials; the second of this text's own
    assert own == Study(design=rct, sample_size=412, label="a.txt", key=doc.own_key)


def test_a_text_that_only_mentions_designs_reports_no_study() -> None:
    doc = Document("a.txt", "…")
    results = [_sentence_result(0, "Cohort studies suggest benefit.", Study(None, "observational study"))]
    assert own_study(doc, results) is None


def test_a_study_nothing_names_is_called_after_the_document() -> None:
    described = Study(None, "case series")
    (r,) = with_document_studies([_result(described)], None, {}, "review.txt")
    assert r.findings[0].study is not None and r.findings[0].study.label == "case series in review.txt"


def test_a_listed_number_mid_sentence_cites_its_reference() -> None:
    text = "In a randomised trial, Okafor and colleagues (1) showed that aspirin reduced pain."
    sentence = Sentence("d", 0, 0, len(text), text)
    ev = Evidence("d", 0, text, 0, len(text))
    finding = Finding(THERAPY, None, Mention("outcome", "pain", 0, 1, "pain"), "decrease", False, False, ev)
    described = Study(None, "randomized controlled trial")
    r = SentenceResult(sentence, studies=(described,), findings=(finding,))
    (out,) = with_document_studies([r], None, {"1": "Okafor AN. Aspirin. 2019."}, "review.md")
    (study,) = out.studies
    assert (study.citation, study.label, study.design) == (
        "1",
        "Okafor AN. Aspirin. 2019.",
        "randomized controlled trial",
    )
    assert out.findings[0].study == study
