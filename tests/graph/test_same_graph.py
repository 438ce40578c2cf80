"""The same input gives the same graph (isomorphic) in a file, a store and a SPARQL server: the
bundled example, the PubMed fixtures, and a text that spells one entity in the singular and plural."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from servers import OxigraphServer

from kg.cli import main
from kg.graph.endpoint import Endpoint
from kg.graph.io import load_graph
from kg.graph.remote import endpoint_graph
from kg.graph.store import open_store, store_graph
from kg.namespaces import RDFS, SKOS, entity_iri
from kg.resources import EXAMPLE_TEXT

PUBMED = Path(__file__).parent.parent / "readers" / "data" / "pubmed_records.xml"
PAIR = (
    "Heme iron supplements increased heme iron absorption in anaemia. "
    "Vitamin C increased heme irons absorption in anaemia."
)


@pytest.fixture(params=["example", "pubmed", "plural"])
def corpus(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    if request.param == "example":
        shutil.copy(EXAMPLE_TEXT, folder / "example.txt")
    elif request.param == "pubmed":
        shutil.copy(PUBMED, folder / "records.xml")
    else:
        (folder / "pair.txt").write_text(PAIR, encoding="utf-8")
    return folder


def _file_and_store(corpus: Path, tmp_path: Path) -> tuple[Graph, Graph]:
    assert main(["build", str(corpus), "-o", str(tmp_path / "g.ttl"), "-q"]) == 0
    assert main(["build", str(corpus), "--store", str(tmp_path / "st"), "-q"]) == 0
    return load_graph(tmp_path / "g.ttl"), store_graph(open_store(tmp_path / "st"))


def test_a_file_and_a_store_hold_the_same_graph(corpus: Path, tmp_path: Path) -> None:
    file_graph, store = _file_and_store(corpus, tmp_path)
    assert len(file_graph) > 50
    assert isomorphic(file_graph, store)


def test_one_label_per_entity_in_a_store(tmp_path: Path) -> None:
    # "heme irons" after "heme iron": one rdfs:label, the variant an alt label, as in a file
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "pair.txt").write_text(PAIR, encoding="utf-8")
    _, store = _file_and_store(folder, tmp_path)
    outcome = entity_iri("outcome", "heme iron absorption")
    assert {str(o) for o in store.objects(outcome, RDFS.label)} == {"heme iron absorption"}
    assert {str(o) for o in store.objects(outcome, SKOS.altLabel)} == {"heme irons absorption"}


def test_a_server_holds_the_same_graph(oxigraph_server: OxigraphServer, corpus: Path, tmp_path: Path) -> None:
    file_graph, _ = _file_and_store(corpus, tmp_path)
    assert main(["build", str(corpus), "--endpoint", oxigraph_server.url, "-q"]) == 0
    assert isomorphic(endpoint_graph(Endpoint(oxigraph_server.url)), file_graph)
