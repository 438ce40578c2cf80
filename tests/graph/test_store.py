"""The on-disk Oxigraph store: one named graph per document, rebuilds that replace, removal,
SPARQL on Oxigraph with safe bindings, and the same graph as a file build."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from kg.cli import main
from kg.errors import KgError
from kg.graph.io import load_graph
from kg.graph.store import is_store, open_store, query_store, remove_document, store_graph, with_values

DOC_A = "Metformin reduced HbA1c in patients with type 2 diabetes (Smith et al. 2019)."
DOC_B = "Aspirin did not reduce mortality in patients with heart failure [4]."


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder of two small documents."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(DOC_A, encoding="utf-8")
    (folder / "b.txt").write_text(DOC_B, encoding="utf-8")
    return folder


def count(store_dir: Path, sparql: str) -> int:
    """Return the single number a COUNT query gives."""
    result = query_store(open_store(store_dir), sparql)
    return int(result.rows[0][0] or 0)


def test_store_build_equals_file_build(corpus: Path, tmp_path: Path) -> None:
    # the store holds exactly the triples of a file build of the same inputs
    store = tmp_path / "store"
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 0
    assert main(["build", str(corpus), "-o", str(tmp_path / "g.ttl"), "-q"]) == 0
    assert is_store(store)
    assert isomorphic(store_graph(open_store(store)), load_graph(tmp_path / "g.ttl"))


def test_rebuild_replaces_instead_of_duplicating(corpus: Path, tmp_path: Path) -> None:
    # building the same documents twice leaves the same number of findings and quads
    store = tmp_path / "store"
    main(["build", str(corpus), "--store", str(store), "-q"])
    findings = count(store, "SELECT (COUNT(?f) AS ?n) WHERE { ?f a tkg:Finding }")
    quads = len(list(open_store(store).quads_for_pattern(None, None, None, None)))
    main(["build", str(corpus), "--store", str(store), "-q"])
    assert count(store, "SELECT (COUNT(?f) AS ?n) WHERE { ?f a tkg:Finding }") == findings > 0
    assert len(list(open_store(store).quads_for_pattern(None, None, None, None))) == quads


def test_changed_document_replaces_its_old_findings(corpus: Path, tmp_path: Path) -> None:
    # a document edited and rebuilt keeps only its new findings
    store = tmp_path / "store"
    main(["build", str(corpus), "--store", str(store), "-q"])
    (corpus / "a.txt").write_text("Metformin increased weight in adults with obesity.", encoding="utf-8")
    main(["build", str(corpus / "a.txt"), "--store", str(store), "-q"])
    hba1c = "SELECT (COUNT(?f) AS ?n) WHERE { ?f tkg:outcome/rdfs:label 'HbA1c' }"
    assert count(store, hba1c) == 0
    assert count(store, "SELECT (COUNT(?f) AS ?n) WHERE { ?f tkg:outcome/tkg:labelKey 'weight' }") == 1


def test_remove_takes_one_document_out(corpus: Path, tmp_path: Path) -> None:
    # removing a.txt leaves b.txt's findings and nothing of a.txt
    store = tmp_path / "store"
    main(["build", str(corpus), "--store", str(store), "-q"])
    assert main(["remove", "a.txt", "--store", str(store)]) == 0
    texts = query_store(open_store(store), "SELECT ?t WHERE { ?s tkg:text ?t }").rows
    assert [r[0] for r in texts] == [DOC_B]
    assert not remove_document(open_store(store), "a.txt")
    assert main(["remove", "a.txt", "--store", str(store)]) == 1  # already gone: one clear error


def test_named_query_with_binding_on_store(corpus: Path, tmp_path: Path) -> None:
    # bound values match labels case-insensitively; an injection-looking value finds nothing
    store = tmp_path / "store"
    main(["build", str(corpus), "--store", str(store), "-q"])
    from kg.graph.query import named_query

    q = named_query("therapies-for-condition").text
    rows = query_store(open_store(store), q, {"condition": "Type 2 Diabetes"}).rows
    assert {r[0] for r in rows} == {"metformin"}
    assert query_store(open_store(store), q, {"condition": 'x" } ; DROP ALL ; #'}).rows == ()
    assert count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") > 0


def test_values_are_escaped_literals() -> None:
    # the bound value is serialised as one escaped literal inside a VALUES block
    from rdflib import Literal

    text = with_values("SELECT ?x WHERE { ?s ?p ?x }", {"x": Literal('a" } DROP ALL')})
    assert 'VALUES (?x) { ("a\\" } DROP ALL") }' in text


def test_not_a_store(tmp_path: Path) -> None:
    # a plain folder is refused with one clear error
    with pytest.raises(KgError, match="not a therapy-kg store"):
        open_store(tmp_path)


def test_parallel_build_equals_one_process(corpus: Path, tmp_path: Path) -> None:
    # --jobs 2 gives the same graph as --jobs 1
    main(["build", str(corpus), "-o", str(tmp_path / "j1.nt"), "--jobs", "1", "-q"])
    main(["build", str(corpus), "-o", str(tmp_path / "j2.nt"), "--jobs", "2", "-q"])
    one = sorted((tmp_path / "j1.nt").read_text(encoding="utf-8").splitlines())
    two = sorted((tmp_path / "j2.nt").read_text(encoding="utf-8").splitlines())
    assert one == two and one


def test_shared_descriptions_are_seen_once(tmp_path: Path) -> None:
    # the same therapy in two documents: its label is one triple, so queries over all graphs
    # do not multiply rows by the number of documents
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("x.txt", "y.txt"):
        (folder / name).write_text(DOC_A, encoding="utf-8")
    store = tmp_path / "store"
    main(["build", str(folder), "--store", str(store), "-q"])
    labels = "SELECT (COUNT(*) AS ?n) WHERE { ?t a tkg:Therapy ; rdfs:label 'metformin' }"
    assert count(store, labels) == 1
    assert count(store, "SELECT (COUNT(?f) AS ?n) WHERE { ?f a tkg:Finding }") == 2


def test_removal_prunes_unsupported_treats_edges(corpus: Path, tmp_path: Path) -> None:
    # once the only document claiming "metformin treats type 2 diabetes" is gone, so is the edge
    store = tmp_path / "store"
    main(["build", str(corpus), "--store", str(store), "-q"])
    treats = "SELECT (COUNT(*) AS ?n) WHERE { ?t tkg:treats ?c }"
    assert count(store, treats) == 1
    main(["remove", "a.txt", "--store", str(store)])
    assert count(store, treats) == 0


def test_lateral_wraps_optionals_but_not_strings_or_comments() -> None:
    # OPTIONAL groups become LATERAL { OPTIONAL { ... } }; "OPTIONAL {" inside a literal, an IRI
    # or a comment is left alone, and nested groups close in the right place
    from kg.graph.store import lateral_optionals

    q = (
        "SELECT * WHERE { # it's OPTIONAL { here\n"
        ' ?s <http://x/{y}> "OPTIONAL {" OPTIONAL { ?s ?p ?o OPTIONAL { ?o ?q "}" } } }'
    )
    out = lateral_optionals(q)
    assert out.count("LATERAL { OPTIONAL {") == 2
    assert "# it's OPTIONAL { here\n" in out and '"OPTIONAL {"' in out and "<http://x/{y}>" in out
    assert out.count("{") == out.count("}") + q.count("{") - q.count("}")


def test_lateral_gives_the_same_rows(corpus: Path, tmp_path: Path) -> None:
    # the faster LATERAL form of a bound named query returns exactly the rows of the plain form
    from kg.graph.query import named_query

    store = tmp_path / "store"
    main(["build", str(corpus), "--store", str(store), "-q"])
    for name, var, value in (
        ("therapies-for-condition", "condition", "heart failure"),
        ("evidence-for-therapy", "therapy", "Metformin"),
    ):
        q = named_query(name).text
        plain = query_store(open_store(store), q, {var: value}).rows
        assert plain and query_store(open_store(store), q, {var: value}, lateral=True).rows == plain


def test_interrupted_batch_is_removed_on_open(corpus: Path, tmp_path: Path) -> None:
    # bulk loading is not atomic: a journal left by an interrupted load names the documents of the
    # batch in flight, and opening the store removes them so none stays half written
    from kg.graph.build import document_iri
    from kg.graph.store import journal_path
    from kg.model import Document

    store = tmp_path / "store"
    main(["build", str(corpus), "--store", str(store), "-q"])
    assert not journal_path(store).exists()  # a finished build leaves no journal
    journal_path(store).write_text(f"{document_iri(Document('a.txt', ''))}\n", encoding="utf-8")
    texts = query_store(open_store(store), "SELECT ?t WHERE { ?s tkg:text ?t }").rows
    assert [r[0] for r in texts] == [DOC_B]
    assert not journal_path(store).exists()
    main(["build", str(corpus), "--store", str(store), "-q"])  # building again restores it
    assert count(store, "SELECT (COUNT(?s) AS ?n) WHERE { ?s a tkg:Statement }") == 2
