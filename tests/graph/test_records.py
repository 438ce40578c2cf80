"""Test the graph of a published record: its Study with PMID, DOI, title, year, authors, journal,
design and MeSH subjects; the abstract's findings in that study; the same triples in a store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.cli import main
from kg.graph.build import add_document, agent_triples, document_iri, document_triples, new_graph
from kg.graph.encode import document_lines
from kg.graph.io import load_graph
from kg.graph.store import open_store, query_store, store_graph
from kg.graph.validate import format_report, validate_graph
from kg.model import Document, Evidence, Finding, Heading, Mention, Record, Sentence, SentenceResult, Study
from kg.namespaces import BIBO, DCTERMS, MESH, RDF, RDFS, TKG

GYEAR = URIRef("http://www.w3.org/2001/XMLSchema#gYear")
DATA = Path(__file__).parent.parent / "readers" / "data"
TEXT = "Aspirin reduced pain in adults with migraine. Aspirin reduced nausea (4)."
RECORD = Record(
    pmid="123",
    doi="10.1/abc",
    title="Aspirin for migraine: a randomised trial.",
    year=1978,
    journal="Headache Journal",
    authors=("Smith J", "Jones K"),
    publication_types=(
        Heading("D016449", "Randomized Controlled Trial"),
        Heading("D016428", "Journal Article"),
    ),
    mesh=(Heading("D008881", "Migraine Disorders"),),
)


def _results(doc: Document) -> list[SentenceResult]:
    """Return two sentences: a finding citing nothing (the record's study) and one citing [4]."""
    out = []
    for i, (text, study) in enumerate(
        [
            ("Aspirin reduced pain in adults with migraine.", doc.study),
            ("Aspirin reduced nausea (4).", Study("4")),
        ]
    ):
        start = TEXT.index(text)
        sentence = Sentence(doc.id, i, start, start + len(text), text)
        therapy = Mention("therapy", "aspirin", 0, 7, "Aspirin")
        outcome = Mention("outcome", text.split()[2], 16, 20, text.split()[2])
        ev = Evidence(doc.id, i, text, sentence.start, sentence.end)
        finding = Finding(therapy, None, outcome, "decrease", False, False, ev, study)
        cited = (study,) if study is not None and study.citation else ()
        out.append(SentenceResult(sentence, (therapy, outcome), cited, (finding,)))
    return out


@pytest.fixture
def record_graph() -> Graph:
    doc = Document("records.xml#123", TEXT, title=RECORD.title, record=RECORD)
    return add_document(new_graph(), doc, _results(doc))


def _study(g: Graph) -> URIRef:
    s = g.value(None, TKG.pmid, Literal("123"))
    assert isinstance(s, URIRef)
    return s


def test_record_study_carries_the_metadata(record_graph: Graph) -> None:
    g, s = record_graph, _study(record_graph)
    assert (s, RDF.type, TKG.Study) in g
    assert g.value(s, BIBO.doi) == Literal("10.1/abc")
    assert g.value(s, DCTERMS.title) == Literal("Aspirin for migraine: a randomised trial.")
    assert g.value(s, DCTERMS.issued) == Literal("1978", datatype=GYEAR)
    assert set(g.objects(s, DCTERMS.creator)) == {Literal("Smith J"), Literal("Jones K")}
    assert g.value(s, TKG.design) == TKG.RandomizedControlledTrial
    assert g.value(s, RDFS.label) == Literal("Smith J et al. 1978")
    assert (s, TKG.citation, None) not in g  # nothing in the text cites it
    journal = g.value(s, DCTERMS.isPartOf)
    assert g.value(journal, RDFS.label) == Literal("Headache Journal")
    assert (journal, RDF.type, BIBO.Journal) in g
    assert (s, DCTERMS.subject, MESH.D008881) in g
    assert g.value(MESH.D008881, RDFS.label) == Literal("Migraine Disorders")
    assert set(g.objects(s, TKG.publicationType)) == {MESH.D016449, MESH.D016428}
    doc = Document("records.xml#123", TEXT, record=RECORD)
    assert (document_iri(doc), TKG.reports, s) in g


def test_abstract_findings_are_in_the_records_study_unless_cited(record_graph: Graph) -> None:
    g, s = record_graph, _study(record_graph)
    by_outcome = {
        str(g.value(g.value(f, TKG.outcome), RDFS.label)): g.value(f, TKG.study)
        for f in g.subjects(RDF.type, TKG.Finding)
    }
    assert by_outcome["pain"] == s
    assert by_outcome["nausea"] not in (s, None)
    assert g.value(by_outcome["nausea"], TKG.citation) == Literal("4")


def test_record_graph_conforms(record_graph: Graph) -> None:
    report = validate_graph(record_graph)
    assert report.conforms, format_report(report)


def test_store_lines_are_the_graph_triples() -> None:
    doc = Document("records.xml#123", TEXT, record=RECORD)
    results = _results(doc)
    from_lines = Graph().parse(data="".join(document_lines(doc, results)), format="nt")
    direct = Graph()
    for t in (*agent_triples(), *document_triples(doc, results)):
        direct.add(t)
    assert set(direct) == set(from_lines) and len(direct) > 20


def test_store_build_equals_file_build_and_rebuild_replaces_the_record(tmp_path: Path) -> None:
    records = tmp_path / "records.xml"
    shutil.copy(DATA / "pubmed_records.xml", records)
    store = tmp_path / "store"
    assert main(["build", str(records), "--store", str(store), "-q"]) == 0
    assert main(["build", str(records), "-o", str(tmp_path / "g.nt"), "-q"]) == 0
    assert isomorphic(store_graph(open_store(store)), load_graph(tmp_path / "g.nt"))
    # a corrected title, built again, replaces the old one instead of adding a second
    records.write_text(
        records.read_text(encoding="utf-8").replace("Oral baclofen in spinal", "Baclofen in spinal")
    )
    assert main(["build", str(records), "--store", str(store), "-q"]) == 0
    titles = query_store(
        open_store(store), "SELECT ?t WHERE { ?s tkg:pmid '90000002' ; dcterms:title ?t }"
    ).rows
    assert titles == (("Baclofen in spinal spasticity.",),)


def test_removing_a_file_removes_all_its_records(tmp_path: Path) -> None:
    records = tmp_path / "records.xml"
    shutil.copy(DATA / "pubmed_records.xml", records)
    (tmp_path / "a.txt").write_text("Aspirin reduced pain in adults with migraine.", encoding="utf-8")
    store = tmp_path / "store"
    assert main(["build", str(records), str(tmp_path / "a.txt"), "--store", str(store), "-q"]) == 0
    assert main(["remove", str(records), "--store", str(store)]) == 0
    left = query_store(
        open_store(store), "SELECT ?src WHERE { ?d a tkg:Document ; dcterms:source ?src }"
    ).rows
    assert left == (("a.txt",),)
    assert query_store(open_store(store), "ASK { ?s tkg:pmid ?p }").boolean is False
