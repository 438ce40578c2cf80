"""Building into a real Oxigraph server: one named graph per document, rebuilds with no
duplicates, queries, render and export from it, and a server killed in the middle of a load."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from corpora import write_docs
from rdflib.compare import isomorphic
from servers import OxigraphServer

import kg.graph.endpoint as endpoint_mod
import kg.graph.remote as remote
from kg.cli import main
from kg.graph.build import document_iri
from kg.graph.endpoint import Endpoint
from kg.graph.io import load_graph
from kg.graph.query import named_query
from kg.graph.remote import duplicates, endpoint_graph, query_endpoint
from kg.model import Document
from kg.namespaces import SHARED_GRAPH, SUMMARY_GRAPH

DOCS = {
    "a.txt": "Metformin reduced HbA1c in patients with type 2 diabetes (Smith et al. 2019).",
    "b.txt": "Aspirin did not reduce mortality in patients with heart failure [4].",
    "c.txt": "Metformin reduced HbA1c in adults with type 2 diabetes. Exercise improved fatigue.",
    "d.txt": "Intrathecal baclofen reduced spasticity in children with cerebral palsy.",
    "e.txt": "Botulinum toxin reduced spasticity in stroke (Lee et al. 2020).",
    # quotes, braces, a SPARQL-looking tail, a soft line break, a backslash and HTML in the text
    "f.txt": 'Aspirin "reduced" pain } ; DROP ALL ; # in <b>adults</b>\nwith gout \\ {x}.',
}
GRAPH_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder of five small documents."""
    return write_docs(tmp_path / "docs", DOCS)


@pytest.fixture
def reference(corpus: Path, tmp_path: Path) -> Path:
    """The same corpus built into an on-disk store, as a graph file."""
    assert main(["build", str(corpus), "--store", str(tmp_path / "st"), "-q"]) == 0
    assert main(["export", str(tmp_path / "st"), "-o", str(tmp_path / "ref.nt")]) == 0
    return tmp_path / "ref.nt"


def graph_sizes(url: str) -> dict[str, int]:
    """Return the number of triples of each named graph of the server."""
    rows = query_endpoint(Endpoint(url), GRAPH_SIZES).rows
    return {str(g): int(n or 0) for g, n in rows}


def test_server_build_equals_store_build(
    oxigraph_server: OxigraphServer, corpus: Path, reference: Path
) -> None:
    # every document in the named graph of its IRI, shared descriptions once, same triples as a store
    assert main(["build", str(corpus), "--endpoint", oxigraph_server.url, "-q"]) == 0
    ep = Endpoint(oxigraph_server.url)
    assert isomorphic(endpoint_graph(ep), load_graph(reference))
    expected = {str(document_iri(Document(name, ""))) for name in DOCS} | {
        str(SHARED_GRAPH),
        str(SUMMARY_GRAPH),
    }
    assert set(graph_sizes(oxigraph_server.url)) == expected
    assert duplicates(ep)[1] == 0


def test_rebuild_replaces_without_duplicates(oxigraph_server: OxigraphServer, corpus: Path) -> None:
    # a second build of the same documents leaves the same quads, none repeated
    assert main(["build", str(corpus), "--endpoint", oxigraph_server.url, "-q"]) == 0
    ep = Endpoint(oxigraph_server.url)
    first = duplicates(ep)
    assert main(["build", str(corpus), "--endpoint", oxigraph_server.url, "-q"]) == 0
    assert duplicates(ep) == first
    assert first[0] > 0 and first[1] == 0


def test_changed_document_replaces_its_findings(oxigraph_server: OxigraphServer, corpus: Path) -> None:
    # an edited document rebuilt alone keeps only its new findings; its treats edge goes
    url = oxigraph_server.url
    assert main(["build", str(corpus), "--endpoint", url, "-q"]) == 0
    (corpus / "d.txt").write_text("Intrathecal baclofen increased weight in adults.", encoding="utf-8")
    assert main(["build", str(corpus / "d.txt"), "--endpoint", url, "-q"]) == 0
    ep = Endpoint(url)
    spasticity = "SELECT ?f WHERE { ?f tkg:outcome/rdfs:label 'spasticity' ; tkg:therapy/rdfs:label ?t }"
    therapies = {row[0] for row in query_endpoint(ep, spasticity.replace("?f WHERE", "?t WHERE")).rows}
    assert therapies == {"botulinum toxin type A"}  # the drug's preferred label; "botulinum toxin" an alt
    palsy = "ASK { ?t tkg:treats ?c . ?c rdfs:label 'cerebral palsy' }"
    assert query_endpoint(ep, palsy).boolean is False


def test_query_export_and_render_from_server(
    oxigraph_server: OxigraphServer,
    corpus: Path,
    reference: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # kg query/export/render --endpoint give what they give on the store
    url = oxigraph_server.url
    assert main(["build", str(corpus), "--endpoint", url, "-q"]) == 0
    capsys.readouterr()
    args = ["--name", "treatments", "--format", "json"]
    assert main(["query", "--endpoint", url, *args]) == 0
    served = json.loads(capsys.readouterr().out)
    assert main(["query", str(tmp_path / "st"), *args]) == 0
    assert served == json.loads(capsys.readouterr().out)
    assert served["results"]["bindings"]
    assert main(["export", "--endpoint", url, "-o", str(tmp_path / "out.ttl")]) == 0
    assert isomorphic(load_graph(tmp_path / "out.ttl"), load_graph(reference))
    assert main(["render", "--endpoint", url, "-o", str(tmp_path / "page.html")]) == 0
    assert "metformin" in (tmp_path / "page.html").read_text(encoding="utf-8")


def test_sparql_looking_binding_changes_nothing(oxigraph_server: OxigraphServer, corpus: Path) -> None:
    # the value is an escaped literal: no rows, no error, and the server keeps every triple
    url = oxigraph_server.url
    assert main(["build", str(corpus), "--endpoint", url, "-q"]) == 0
    before = duplicates(Endpoint(url))
    value = 'x" } ; DROP ALL ; #'
    result = query_endpoint(Endpoint(url), named_query("therapies-for-condition").text, {"condition": value})
    assert result.rows == ()
    assert duplicates(Endpoint(url)) == before


def test_server_killed_mid_load_then_rebuilt(
    oxigraph_server: OxigraphServer,
    corpus: Path,
    reference: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # the server dies after two batches: one error line, exit 1; the batches in are whole;
    # started again, a rebuild completes the graph with nothing missing and nothing repeated
    monkeypatch.setattr(remote, "BATCH_QUADS", 1)  # one document per update request
    monkeypatch.setattr(endpoint_mod, "BACKOFF_S", 0.05)
    sent = []
    update = Endpoint.update

    def dying_update(self: Endpoint, sparql: str) -> None:
        if len(sent) == 2:
            oxigraph_server.kill()
        sent.append(sparql)
        update(self, sparql)

    monkeypatch.setattr(Endpoint, "update", dying_update)
    capsys.readouterr()
    assert main(["build", str(corpus), "--endpoint", oxigraph_server.url, "-q"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("kg: error: SPARQL server http://127.0.0.1:")
    assert f"failed after {endpoint_mod.ATTEMPTS} attempts: connection refused" in err[0]
    monkeypatch.setattr(Endpoint, "update", update)

    oxigraph_server.start()
    partial = graph_sizes(oxigraph_server.url)
    assert main(["build", str(corpus), "--endpoint", oxigraph_server.url, "-q"]) == 0
    ep = Endpoint(oxigraph_server.url)
    assert isomorphic(endpoint_graph(ep), load_graph(reference))
    assert duplicates(ep)[1] == 0
    full = graph_sizes(oxigraph_server.url)
    documents = {g: n for g, n in partial.items() if g not in (str(SHARED_GRAPH), str(SUMMARY_GRAPH))}
    assert len(documents) == 2  # the two batches sent before the crash, each whole
    assert all(full[g] == n for g, n in documents.items())
    assert len(full) == len(DOCS) + 2  # the documents, the shared graph and the summaries


def test_remove_takes_one_document_out_of_the_server(
    oxigraph_server: OxigraphServer, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = oxigraph_server.url
    assert main(["build", str(corpus), "--endpoint", url, "-q"]) == 0
    before = graph_sizes(url)
    gone = str(document_iri(Document("d.txt", "")))
    assert gone in before
    assert main(["remove", "d.txt", "--endpoint", url]) == 0
    after = graph_sizes(url)
    # only d.txt's graph went; the others are untouched
    assert set(before) - set(after) == {gone}
    assert all(after[g] == before[g] for g in after if g not in (str(SHARED_GRAPH), str(SUMMARY_GRAPH)))
    ep = Endpoint(url)
    # d.txt was the only support of "intrathecal baclofen treats cerebral palsy": the edge is pruned
    assert query_endpoint(ep, "ASK { ?t tkg:treats ?c . ?c rdfs:label 'cerebral palsy' }").boolean is False
    assert query_endpoint(ep, "ASK { ?t tkg:treats ?c . ?c tkg:labelKey 'type 2 diabetes' }").boolean is True
    assert duplicates(ep)[1] == 0
    capsys.readouterr()
    # edge case: a name that is not there (and looks like SPARQL) is one error line and changes nothing
    assert main(["remove", "x' } ; DROP ALL ; #", "--endpoint", url]) == 1
    assert "no document" in capsys.readouterr().err
    assert graph_sizes(url) == after
