"""Two documents spell one entity differently ("heme irons", "heme iron"): a file, a store (in one
batch or several, in one build or two, in either order) and a SPARQL server hold the same graph,
with one rdfs:label per entity chosen by one rule, also after `kg remove` and an interrupted load."""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from pathlib import Path

import pyoxigraph as ox
import pytest
from corpora import write_docs
from rdflib import Graph, Literal
from rdflib.compare import isomorphic
from servers import OxigraphServer

from kg.cli import main
from kg.graph.build import document_iri
from kg.graph.encode import encode_document
from kg.graph.endpoint import Endpoint
from kg.graph.io import load_graph
from kg.graph.labels import best_label, settle_labels
from kg.graph.remote import endpoint_graph
from kg.graph.store import journal_path, open_store, store_graph
from kg.model import Document
from kg.namespaces import RDF, RDFS, SKOS, TKG, entity_iri
from kg.pipeline import Extractor

# a.txt spells the outcome in the plural, which loses to b.txt's singular (shorter)
DOCS = {
    "a.txt": "Vitamin C increased heme irons absorption in anaemia.",
    "b.txt": "Heme iron supplements increased heme iron absorption in anaemia.",
}
OUTCOME = entity_iri("outcome", "heme iron absorption")
# the builds of a target, each a list of inputs, and the batch size (0: the default)
PLANS = {
    "one build": ([["a.txt", "b.txt"]], 0),
    "a batch per document": ([["a.txt", "b.txt"]], 1),
    "the better spelling second": ([["a.txt"], ["b.txt"]], 0),
    "the better spelling first": ([["b.txt"], ["a.txt"]], 0),
}


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    return write_docs(tmp_path / "docs", DOCS)


def file_graph(docs: Path, *names: str) -> Graph:
    out = docs.parent / f"{'-'.join(names)}.nt"
    assert main(["build", *(str(docs / n) for n in names), "-o", str(out), "-q"]) == 0
    return load_graph(out)


def build(docs: Path, target: list[str], plan: str) -> None:
    builds, batch = PLANS[plan]
    for names in builds:
        args = ["build", *(str(docs / n) for n in names), *target, "-q"]
        assert main(args + (["--batch-quads", str(batch)] if batch else [])) == 0


def assert_one_label(g: Graph) -> None:
    labels = Counter(s for s in g.subjects(RDFS.label, None))
    assert labels and max(labels.values()) == 1
    assert not any((s, SKOS.altLabel, o) in g for s, _, o in g.triples((None, RDFS.label, None)))
    assert set(g.objects(OUTCOME, RDFS.label)) == {Literal("heme iron absorption")}
    assert set(g.objects(OUTCOME, SKOS.altLabel)) == {Literal("heme irons absorption")}


def test_a_file_build_does_not_depend_on_the_order_of_its_inputs(docs: Path) -> None:
    ab = file_graph(docs, "a.txt", "b.txt")
    assert_one_label(ab)
    assert isomorphic(ab, file_graph(docs, "b.txt", "a.txt"))


@pytest.mark.parametrize("plan", PLANS)
def test_a_store_holds_the_file_graph(docs: Path, tmp_path: Path, plan: str) -> None:
    store = tmp_path / "store"
    build(docs, ["--store", str(store)], plan)
    g = store_graph(open_store(store))
    assert_one_label(g)
    assert isomorphic(g, file_graph(docs, "a.txt", "b.txt"))


def test_a_server_holds_the_file_graph(docs: Path, oxigraph_server: OxigraphServer) -> None:
    reference = file_graph(docs, "a.txt", "b.txt")
    endpoint = Endpoint(oxigraph_server.url)
    for plan in PLANS:
        endpoint.update("DROP ALL")
        build(docs, ["--endpoint", oxigraph_server.url], plan)
        g = endpoint_graph(endpoint)
        assert_one_label(g)
        assert isomorphic(g, reference), plan


@pytest.mark.parametrize("gone", ["b.txt", "a.txt"])
def test_removal_leaves_one_label_and_the_same_graph_everywhere(
    docs: Path, tmp_path: Path, oxigraph_server: OxigraphServer, gone: str
) -> None:
    # b.txt gave the chosen spelling: removing it leaves the entity (a shared description) with one
    # label, the same in a store and a server; building it again gives the file graph back
    store, url = tmp_path / "store", oxigraph_server.url
    build(docs, ["--store", str(store)], "one build")
    build(docs, ["--endpoint", url], "one build")
    assert main(["remove", gone, "--store", str(store)]) == 0
    assert main(["remove", gone, "--endpoint", url]) == 0
    in_store, in_server = store_graph(open_store(store)), endpoint_graph(Endpoint(url))
    assert (None, TKG.inDocument, document_iri(Document(gone, ""))) not in in_store
    assert_one_label(in_store)
    assert isomorphic(in_store, in_server)
    kept = next(n for n in DOCS if n != gone)
    for target in (["--store", str(store)], ["--endpoint", url]):
        assert main(["build", str(docs / kept), *target, "-q"]) == 0  # the remaining one, again
    assert_one_label(store_graph(open_store(store)))
    for target in (["--store", str(store)], ["--endpoint", url]):
        assert main(["build", str(docs / gone), *target, "-q"]) == 0
    reference = file_graph(docs, "a.txt", "b.txt")
    assert isomorphic(store_graph(open_store(store)), reference)
    assert isomorphic(endpoint_graph(Endpoint(url)), reference)


def test_an_interrupted_batch_leaves_one_label(docs: Path, tmp_path: Path, extractor: Extractor) -> None:
    # a load stopped after the bulk load and before its labels were settled: opening the store
    # removes the batch's documents and settles every entity's labels
    store = tmp_path / "store"
    build(docs, ["--store", str(store)], "one build")
    doc = Document("c.txt", "Ferrous sulfate increased heme irons absorptions in anaemia.")
    enc = encode_document(doc, extractor.document(doc))
    raw = ox.Store(str(store))
    raw.bulk_load(input=enc.nquads, format=ox.RdfFormat.N_QUADS)
    raw.flush()
    del raw
    journal_path(store).write_text(f"{enc.graph}\n", encoding="utf-8")
    g = store_graph(open_store(store))
    assert (None, TKG.inDocument, document_iri(doc)) not in g
    assert_one_label(g)


LABELS = ["heme irons", "heme iron", "Heme iron", "héme iron", "hème iron", "heme iro\U0001d6fc"]
LABELS += ["zz", "éa", "Zz"]


@pytest.mark.parametrize("entities", [[f"<{OUTCOME}>"], []], ids=["named", "every entity"])
def test_the_store_s_rule_is_the_file_s(entities: list[str]) -> None:
    # SPARQL's STRLEN and string order choose the label Python's rule chooses (case, accents, a
    # character beyond the BMP); an alt label that is the chosen label goes
    subject = ox.NamedNode(str(OUTCOME))
    label, alt = ox.NamedNode(str(RDFS.label)), ox.NamedNode(str(SKOS.altLabel))
    for held in (LABELS, LABELS[::-1], *combinations(LABELS, 2)):
        store = ox.Store()
        store.add(ox.Quad(subject, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(TKG.Outcome))))
        store.extend([ox.Quad(subject, label, ox.Literal(x)) for x in held])
        store.extend([ox.Quad(subject, alt, ox.Literal(x)) for x in held])
        store.update(settle_labels(entities))
        chosen = [q.object.value for q in store.quads_for_pattern(subject, label, None)]
        assert chosen == [best_label(held)]
        alts = {q.object.value for q in store.quads_for_pattern(subject, alt, None)}
        assert alts == set(held) - set(chosen)
