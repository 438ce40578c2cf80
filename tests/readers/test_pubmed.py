"""Test the PubMed XML reader on hand-written records in the PubMed DTD's elements."""

from __future__ import annotations

from pathlib import Path

from kg.model import Document
from kg.readers import pubmed
from kg.readers.base import Skipped
from kg.readers.dispatch import read_data
from kg.text.sentences import split_sentences

DATA = Path(__file__).parent / "data"
RECORDS = (DATA / "pubmed_records.xml").read_bytes()


def _items(data: bytes = RECORDS, name: str = "records.xml") -> list[Document | Skipped]:
    return list(pubmed.read(data, name))


def _docs() -> dict[str, Document]:
    return {d.record.pmid: d for d in _items() if isinstance(d, Document) and d.record and d.record.pmid}


def _article(abstract: str, pmid: str = "1", extra: str = "") -> bytes:
    """Return a one-record PubmedArticleSet with the given Abstract content."""
    return (
        "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>"
        f"{pmid}</PMID><Article><Journal><JournalIssue><PubDate><Year>2020</Year></PubDate>"
        f"</JournalIssue><Title>J</Title></Journal><ArticleTitle>T.</ArticleTitle>{extra}"
        f"<Abstract>{abstract}</Abstract></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>"
    ).encode()


def test_structured_abstract_sections_are_labelled_paragraphs() -> None:
    doc = _docs()["90000001"]
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0].startswith("Intrathecal baclofen versus oral baclofen")
    assert [p.split(":")[0] for p in paragraphs[1:]] == ["BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"]
    # each title and section begins a passage that no sentence crosses
    assert doc.breaks == tuple(doc.text.index(p) for p in paragraphs)
    assert "Copyright" not in doc.text


def test_inline_markup_is_kept_as_text() -> None:
    doc = _docs()["90000001"]
    assert "spasticity in multiple sclerosis: a randomized" in doc.text  # <i> in the title
    assert "the CO2 reactivity and serum Ca2+ were recorded" in doc.text  # <sub>, <sup>
    assert doc.title is not None and doc.title.endswith(
        "in multiple sclerosis: a randomized controlled trial."
    )


def test_record_metadata() -> None:
    doc = _docs()["90000001"]
    r = doc.record
    assert r is not None
    assert doc.id == "records.xml#90000001"
    assert (r.pmid, r.doi, r.year, r.journal) == (
        "90000001",
        "10.5555/jsr.2019.0045",
        2019,
        "Journal of Spasticity Research",
    )
    assert r.authors == ("Okafor AN", "Lindqvist P", "Spasticity Trial Group")
    assert [h.ui for h in r.mesh] == ["D001418", "D006801", "D007278", "D009103", "D009128"]
    assert r.mesh[3].name == "Multiple Sclerosis"
    assert len(r.publication_types) == 5
    assert r.label == "Okafor AN et al. 2019"


def test_design_from_several_publication_types() -> None:
    # the most specific type wins: RCT among five types; meta-analysis over systematic review and
    # review; a plain Clinical Trial names no design of the closed list
    docs = _docs()
    assert docs["90000001"].record.design == "randomized controlled trial"  # type: ignore[union-attr]
    assert docs["90000003"].record.design == "meta-analysis"  # type: ignore[union-attr]
    assert docs["90000002"].record.design is None  # type: ignore[union-attr]
    study = docs["90000001"].study
    assert (
        study is not None and study.key == "pmid:90000001" and study.design == "randomized controlled trial"
    )


def test_years_from_the_1970s_and_from_a_medline_date() -> None:
    docs = _docs()
    assert docs["90000002"].record.year == 1976  # type: ignore[union-attr]
    assert docs["90000003"].record.year == 1998  # type: ignore[union-attr]  # "1998 Dec-1999 Jan"
    assert docs["90000003"].record.label == "Moreau C et al. 1998"  # type: ignore[union-attr]


def test_record_without_abstract_is_skipped_and_the_rest_read() -> None:
    items = _items()
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [s.reason for s in skipped] == ["no abstract"]
    assert "90000004" in skipped[0].message and "\n" not in skipped[0].message
    assert len(items) == 4 and len(_docs()) == 3


def test_truncated_file_keeps_the_records_before_the_fault() -> None:
    items = list(pubmed.read((DATA / "pubmed_truncated.xml").read_bytes(), "cut.xml", "/data/cut.xml"))
    assert isinstance(items[0], Document) and items[0].id == "cut.xml#90000001"
    assert isinstance(items[1], Skipped) and items[1].reason == "malformed XML"
    assert items[1].message.startswith("/data/cut.xml: malformed XML")
    assert len(items) == 2


def test_entity_declarations_are_refused() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE PubmedArticleSet [<!ENTITY a "aaaaaaaaaa">]><PubmedArticleSet/>'
    (item,) = _items(bomb, "bomb.xml")
    assert isinstance(item, Skipped) and item.reason == "refused XML"


def test_doi_from_elocation_id_and_duplicates_skipped() -> None:
    record = _article(
        "<AbstractText>Aspirin reduced pain.</AbstractText>",
        extra='<ELocationID EIdType="doi" ValidYN="Y">10.1/x</ELocationID>',
    )
    twice = record.replace(b"</PubmedArticleSet>", b"") + record.split(b"<PubmedArticleSet>")[1]
    items = _items(twice)
    assert isinstance(items[0], Document) and items[0].record and items[0].record.doi == "10.1/x"
    assert isinstance(items[1], Skipped) and items[1].reason == "duplicate record"


def test_empty_sections_and_whitespace() -> None:
    # line breaks inside an AbstractText are spaces; an empty section adds nothing
    items = _items(_article("<AbstractText>Aspirin\n   reduced pain.</AbstractText><AbstractText/>"))
    (doc,) = items
    assert isinstance(doc, Document)
    assert doc.text == "T.\n\nAspirin reduced pain."


def test_content_not_extension_chooses_the_reader() -> None:
    # a PubMed export saved as .txt is still read as PubMed records
    docs = [d for d in read_data(RECORDS, "export.txt", ".txt") if isinstance(d, Document)]
    assert [d.id for d in docs] == ["export.txt#90000001", "export.txt#90000002", "export.txt#90000003"]
    assert pubmed.count(RECORDS) == 4


MATHML = (
    '<AbstractText>Training raised peak oxygen uptake <mml:math xmlns:mml="http://www.w3.org/1998/Math/MathML">\n'
    "  <mml:mrow>\n    <mml:mo>(</mml:mo>\n    <mml:mover>\n      <mml:mi>V</mml:mi>\n"
    "      <mml:mo>.</mml:mo>\n"
    "    </mml:mover>\n    <mml:msub>\n      <mml:mi>O</mml:mi>\n      <mml:mn>2</mml:mn>\n    </mml:msub>\n"
    "    <mml:mi>m</mml:mi><mml:mi>a</mml:mi><mml:mi>x</mml:mi>\n    <mml:mo>)</mml:mo>\n  </mml:mrow>\n"
    "</mml:math> in adults with heart failure.</AbstractText>"
)


def test_mathml_reads_as_one_word_and_splits_no_sentence() -> None:
    (doc,) = _items(_article(MATHML))
    assert isinstance(doc, Document)
    assert "peak oxygen uptake (VO2max) in adults with heart failure." in doc.text
    # the accent's "." is gone, so the sentence stays whole
    sentences = [s.text for s in split_sentences(doc.text, doc.id, doc.breaks)]
    assert any(s.startswith("Training raised") and s.endswith("heart failure.") for s in sentences)
