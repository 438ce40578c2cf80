"""Test reading and writing RDF files in every supported syntax."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from kg.errors import KgError
from kg.graph.io import RDF_FORMATS, format_for_path, load_graph, write_atomic, write_graph

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
OXIGRAPH_FORMATS = {
    "turtle": pyoxigraph.RdfFormat.TURTLE,
    "n3": pyoxigraph.RdfFormat.N3,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "json-ld": pyoxigraph.RdfFormat.JSON_LD,
    "xml": pyoxigraph.RdfFormat.RDF_XML,
    "trig": pyoxigraph.RdfFormat.TRIG,
    "nquads": pyoxigraph.RdfFormat.N_QUADS,
}


def _from_oxigraph(term: object) -> Node:
    """Convert one pyoxigraph term into the equal rdflib term."""
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    assert isinstance(term, pyoxigraph.Literal)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:  # rdflib keeps simple literals without a datatype
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _oxigraph_graph(path: Path, fmt: str) -> Graph:
    """Parse a file with oxigraph and return its triples (all graphs merged) as an rdflib graph."""
    g = Graph()
    for q in pyoxigraph.parse(path=str(path), format=OXIGRAPH_FORMATS[fmt]):
        g.add((_from_oxigraph(q.subject), _from_oxigraph(q.predicate), _from_oxigraph(q.object)))
    return g


def _one_line(exc: pytest.ExceptionInfo[KgError]) -> str:
    message = str(exc.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize("ext", sorted(RDF_FORMATS))
def test_round_trip_every_format(sample_graph: Graph, tmp_path: Path, ext: str) -> None:
    # written by rdflib, read back by rdflib and by oxigraph: the same graph (HTML in a label too)
    path = tmp_path / "sub" / f"graph{ext}"
    write_graph(sample_graph, path)
    assert isomorphic(load_graph(path), sample_graph)
    assert isomorphic(_oxigraph_graph(path, RDF_FORMATS[ext]), sample_graph)


def test_quad_formats_merge_named_graphs(tmp_path: Path) -> None:
    # TriG and N-Quads with named graphs load as one graph holding every triple
    ex = Namespace("http://example.org/")
    ds = Dataset()
    ds.graph(ex.g1).add((ex.a, ex.p, ex.b))
    ds.graph(ex.g2).add((ex.c, ex.p, Literal("x")))
    ds.graph(DATASET_DEFAULT_GRAPH_ID).add((ex.d, ex.p, ex.e))
    for ext in (".trig", ".nq"):
        path = tmp_path / f"quads{ext}"
        write_graph(ds, path)
        g = load_graph(path)
        assert type(g) is Graph
        assert len(g) == 3


def test_written_turtle_uses_project_prefixes(sample_graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "g.ttl"
    write_graph(sample_graph, path)
    assert "@prefix tkg: <https://w3id.org/therapy-kg/ontology#> ." in path.read_text("utf-8")


def test_format_override(sample_graph: Graph, tmp_path: Path) -> None:
    # an explicit format wins over the extension; an unknown format name is refused
    path = tmp_path / "graph.txt"
    write_graph(sample_graph, path, fmt="nt")
    assert isomorphic(load_graph(path, fmt="nt"), sample_graph)
    with pytest.raises(KgError, match="unknown RDF format 'ntriples-ish'"):
        write_graph(sample_graph, path, fmt="ntriples-ish")


def test_format_for_path() -> None:
    assert format_for_path("a/B.TTL") == "turtle"
    assert format_for_path(Path("x.json-ld")) == "json-ld"
    assert format_for_path("x.nq") == "nquads"


def test_unknown_extension(tmp_path: Path) -> None:
    # the message names the extension and lists the known ones
    with pytest.raises(KgError) as exc:
        format_for_path(tmp_path / "graph.xyz")
    assert _one_line(exc).startswith("unknown RDF format '.xyz'")
    assert ".ttl" in str(exc.value)
    with pytest.raises(KgError, match=r"no extension"):
        format_for_path("graph")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(KgError) as exc:
        load_graph(tmp_path / "nope.ttl")
    assert _one_line(exc) == f"no such file: {tmp_path / 'nope.ttl'}"


def test_directory(tmp_path: Path) -> None:
    # a folder named like an RDF file
    (tmp_path / "dir.ttl").mkdir()
    with pytest.raises(KgError, match="is a directory"):
        load_graph(tmp_path / "dir.ttl")


def test_binary_file(tmp_path: Path) -> None:
    # a PNG renamed .ttl, and Latin-1 bytes that are not UTF-8
    png = tmp_path / "image.ttl"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(KgError) as exc:
        load_graph(png)
    assert "binary" in _one_line(exc)
    latin = tmp_path / "latin.nt"
    latin.write_bytes('<http://a> <http://b> "caf\xe9" .\n'.encode("latin-1"))
    with pytest.raises(KgError) as exc:
        load_graph(latin)
    assert "not UTF-8" in _one_line(exc)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a permission error while reading (simulated, so that the test also holds when run as root)
    path = tmp_path / "secret.ttl"
    path.write_text("<http://a> <http://b> <http://c> .", "utf-8")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(KgError) as exc:
        load_graph(path)
    assert _one_line(exc) == f"cannot read {path}: Permission denied"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        # a statement missing its final dot: the line number of the error is given
        ("bad.ttl", "@prefix x: <http://x/> .\nx:a x:b\n x:c x:d .\n", "as turtle: line 3:"),
        # an undeclared prefix
        ("prefix.ttl", "y:a y:b y:c .\n", 'as turtle: line 1: Prefix "y:" not bound'),
        ("bad.nt", "<http://a> <http://b> .\n", "as nt:"),
        ("bad.jsonld", '{"@id": ', "as json-ld:"),
        ("bad.rdf", "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><x", "as xml:"),
        ("bad.trig", "{ <http://a> <http://b> ", "as trig:"),
    ],
)
def test_malformed_files(tmp_path: Path, name: str, content: str, expected: str) -> None:
    path = tmp_path / name
    path.write_text(content, "utf-8")
    with pytest.raises(KgError) as exc:
        load_graph(path)
    message = _one_line(exc)
    assert message.startswith(f"cannot parse {path} as ")
    assert expected in message


def test_empty_file_is_an_empty_graph(tmp_path: Path) -> None:
    # an empty Turtle document is valid RDF
    path = tmp_path / "empty.ttl"
    path.write_text("", "utf-8")
    assert len(load_graph(path)) == 0


def test_write_atomic_creates_parents_and_replaces(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "out.txt"
    write_atomic(path, "one")
    write_atomic(path, b"two")
    assert path.read_bytes() == b"two"
    assert [p.name for p in path.parent.iterdir()] == ["out.txt"]


def test_failed_serialisation_keeps_old_file(sample_graph: Graph, tmp_path: Path) -> None:
    # RDF/XML cannot write a predicate whose IRI has no valid local name: the old file survives
    path = tmp_path / "graph.rdf"
    path.write_text("old", "utf-8")
    sample_graph.add((URIRef("http://example.org/a"), URIRef("http://example.org/p/1"), Literal("x")))
    with pytest.raises(KgError) as exc:
        write_graph(sample_graph, path)
    assert _one_line(exc).startswith("cannot serialise the graph as xml")
    assert path.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.rdf"]


def test_failed_replace_keeps_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a failure at the last step (os.replace) leaves the old file and no temporary file behind
    path = tmp_path / "out.ttl"
    path.write_text("old", "utf-8")

    def boom(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(KgError, match=r"cannot write .*No space left on device"):
        write_atomic(path, "new")
    assert path.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]


def test_interrupted_write_keeps_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # an exception that is not an OSError (e.g. Ctrl-C) propagates and also cleans up
    path = tmp_path / "out.ttl"
    path.write_text("old", "utf-8")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, "new")
    assert path.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]


def test_write_keeps_existing_mode(tmp_path: Path) -> None:
    # replacing a file keeps its permissions
    path = tmp_path / "out.ttl"
    path.write_text("old", "utf-8")
    path.chmod(0o640)
    write_atomic(path, "new")
    assert path.stat().st_mode & 0o777 == 0o640
