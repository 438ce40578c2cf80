"""Test finding a document's numbered reference list and naming cited studies by their reference."""

from __future__ import annotations

from pathlib import Path

from kg.extractors.studies.references import reference_list
from kg.model import Document
from kg.pipeline import Extractor

REVIEW = (Path(__file__).parents[2] / "readers" / "data" / "review_with_references.md").read_text(
    encoding="utf-8"
)


def test_list_after_a_heading_with_wrapped_entries() -> None:
    refs = reference_list(REVIEW)
    assert refs is not None
    assert REVIEW[refs.start :].startswith("## References")
    assert list(refs.entries) == ["1", "2", "3"]
    # a wrapped line continues its entry
    assert refs.entries["1"].startswith("Okafor AN, Lindqvist P. Intrathecal baclofen versus oral baclofen")
    assert "in multiple sclerosis: a randomized controlled trial. J Spast Res. 2019" in refs.entries["1"]


def test_bracketed_numbers_without_a_heading() -> None:
    text = (
        "Aspirin reduced pain [1].\n\n"
        "[1] Smith J. Aspirin and pain. BMJ. 2001;1:1.\n"
        "[2] Jones K. Pain. Lancet. 2003;2:2.\n"
        "[3] Brown L. Aspirin. JAMA. 2005;3:3.\n"
    )
    refs = reference_list(text)
    assert refs is not None and text[refs.start :].startswith("[1] Smith")
    assert refs.entries["2"] == "Jones K. Pain. Lancet. 2003;2:2."


def test_numbered_steps_are_no_reference_list() -> None:
    # a numbered list without years, or followed by more prose, is not a reference list
    steps = "Treatment:\n1. Aspirin daily.\n2. Rest.\n3. Review after a week.\n"
    assert reference_list(steps) is None
    prose = "1. Smith 2001.\n2. Jones 2003.\n3. Brown 2005.\n\nAspirin reduced pain in the trial."
    assert reference_list(prose) is None


def test_cited_number_gets_the_reference_text_and_the_list_is_not_extracted(extractor: Extractor) -> None:
    results = extractor.document(Document("review.md", REVIEW))
    refs = reference_list(REVIEW)
    assert refs is not None
    assert all(r.sentence.end <= refs.start for r in results)  # no statement from the list itself
    studies = {s.citation: s for r in results for s in r.studies}
    assert studies["1"].label == refs.entries["1"]
    assert studies["2"].label == refs.entries["2"]
    assert studies["Lee et al. 2020"].label is None  # an author-year citation names itself
    cited = [f.study for r in results for f in r.findings if f.study is not None and f.study.citation == "1"]
    assert cited and cited[0].label == refs.entries["1"]
