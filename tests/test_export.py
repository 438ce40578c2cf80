"""Test exporting a graph to RDF syntaxes, GraphML and CSV."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.errors import KgError
from kg.export import EDGE_COLUMNS, EXPORT_FORMATS, NODE_COLUMNS, export_graph, resolve_format
from kg.graph.io import load_graph
from kg.graph.network import to_networkx

RDF_EXTENSIONS = [".ttl", ".nt", ".jsonld", ".rdf", ".trig", ".nq"]


def _rows(path: Path) -> list[dict[str, str]]:
    """Read a CSV file into dicts keyed by its header row."""
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("ext", RDF_EXTENSIONS)
def test_rdf_exports_round_trip(sample_graph: Graph, tmp_path: Path, ext: str) -> None:
    path = tmp_path / f"graph{ext}"
    assert export_graph(sample_graph, path) == [path]
    assert isomorphic(load_graph(path), sample_graph)


def test_format_argument_overrides_extension(sample_graph: Graph, tmp_path: Path) -> None:
    # edge case: the extension says nothing useful, the explicit format decides
    path = tmp_path / "graph.out"
    assert export_graph(sample_graph, path, fmt="turtle") == [path]
    assert isomorphic(Graph().parse(path, format="turtle"), sample_graph)
    assert export_graph(sample_graph, tmp_path / "g.data", fmt=".graphml") == [tmp_path / "g.data"]
    assert export_graph(sample_graph, tmp_path / "t", fmt="csv") == [
        tmp_path / "t.nodes.csv",
        tmp_path / "t.edges.csv",
    ]


def test_graphml_reads_back_with_same_counts(sample_graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "graph.graphml"
    assert export_graph(sample_graph, path) == [path]
    expected = to_networkx(sample_graph)
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_nodes() == expected.number_of_nodes() == 7
    assert back.number_of_edges() == expected.number_of_edges() == 6
    therapy = back.nodes["https://w3id.org/therapy-kg/id/therapy/intrathecal-baclofen"]
    assert therapy["type"] == "therapy" and therapy["alt_labels"] == "ITB"
    negated = [a for _, _, a in back.edges(data=True) if a["kind"] == "finding" and a["negated"]]
    # booleans survive as booleans, not as the strings "True"/"False"
    assert len(negated) == 1 and negated[0]["negated"] is True


def test_gexf_and_node_link_json_read_back(sample_graph: Graph, tmp_path: Path) -> None:
    expected = to_networkx(sample_graph)
    gexf = nx.read_gexf(export_graph(sample_graph, tmp_path / "graph.gexf")[0])
    assert gexf.number_of_nodes() == expected.number_of_nodes()
    assert gexf.number_of_edges() == expected.number_of_edges()
    # Gephi shows the label and can colour by type and direction: both are attributes
    labels = {a["label"] for _, a in gexf.nodes(data=True)}
    assert labels == {a["label"] for _, a in expected.nodes(data=True)}
    assert {a["type"] for _, a in gexf.nodes(data=True)} == {"therapy", "condition", "outcome", "study"}
    assert {a["direction"] for _, _, a in gexf.edges(data=True) if a["kind"] == "finding"} == {
        "increase",
        "decrease",
        "no_change",
    }
    data = json.loads((export_graph(sample_graph, tmp_path / "graph.json")[0]).read_text(encoding="utf-8"))
    back = nx.node_link_graph(data, edges="links")
    assert back.is_directed() and back.is_multigraph()
    assert nx.utils.graphs_equal(back, expected)


def test_csv_writes_two_tables(sample_graph: Graph, tmp_path: Path) -> None:
    written = export_graph(sample_graph, tmp_path / "graph.csv")
    nodes_path, edges_path = tmp_path / "graph.nodes.csv", tmp_path / "graph.edges.csv"
    assert written == [nodes_path, edges_path]
    # edge case: the path itself is only a name; nothing is written at graph.csv
    assert not (tmp_path / "graph.csv").exists()
    with nodes_path.open(newline="", encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == list(NODE_COLUMNS)
    with edges_path.open(newline="", encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header[:10] == [
        "source",
        "target",
        "kind",
        "direction",
        "negated",
        "hedged",
        "condition",
        "citation",
        "design",
        "sentence",
    ]
    assert header == list(EDGE_COLUMNS)
    nodes, edges = _rows(nodes_path), _rows(edges_path)
    assert len(nodes) == 7 and len(edges) == 6
    assert {r["type"] for r in nodes} == {"therapy", "condition", "outcome", "study"}
    mortality = next(r for r in edges if r["negated"] == "true")
    assert mortality["direction"] == "no_change" and mortality["citation"] == "17"
    # edge case: markup in a label is data, written verbatim (CSV is not HTML)
    assert any("<img src=x onerror=alert(1)>" in r["label"] for r in nodes)
    # edge case: the sentence has commas; csv quoting keeps it one cell
    assert any("Eek et al 2018" in r["sentence"] for r in edges)


def test_outputs_are_deterministic(sample_graph: Graph, tmp_path: Path) -> None:
    for name in ("a.graphml", "b.graphml", "a.csv", "b.csv"):
        export_graph(sample_graph, tmp_path / name)
    assert (tmp_path / "a.graphml").read_bytes() == (tmp_path / "b.graphml").read_bytes()
    assert (tmp_path / "a.edges.csv").read_bytes() == (tmp_path / "b.edges.csv").read_bytes()


def test_unknown_extension_is_a_kg_error(sample_graph: Graph, tmp_path: Path) -> None:
    with pytest.raises(KgError, match=r"unknown export format '\.xyz' \(use one of .*\.graphml"):
        export_graph(sample_graph, tmp_path / "graph.xyz")
    # edge case: no extension at all
    with pytest.raises(KgError, match="unknown export format ''"):
        export_graph(sample_graph, tmp_path / "graph")
    # edge case: an unknown explicit format
    with pytest.raises(KgError, match=r"unknown export format '\.pdf'"):
        export_graph(sample_graph, tmp_path / "graph.ttl", fmt="pdf")
    assert list(tmp_path.iterdir()) == []


def test_extension_is_case_insensitive(sample_graph: Graph, tmp_path: Path) -> None:
    # edge case: GRAPH.TTL is Turtle too
    assert resolve_format(tmp_path / "GRAPH.TTL") == ("rdf", "turtle")
    assert resolve_format(tmp_path / "g.GraphML") == ("graphml", None)


def test_failed_write_leaves_nothing(sample_graph: Graph, tmp_path: Path) -> None:
    # edge case: the target is a directory; the write fails as one KgError and leaves no temp file
    target = tmp_path / "out.graphml"
    target.mkdir()
    with pytest.raises(KgError, match="cannot write"):
        export_graph(sample_graph, target)
    assert [p.name for p in tmp_path.iterdir()] == ["out.graphml"]
    assert list(target.iterdir()) == []


def test_existing_file_is_replaced_whole(sample_graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "graph.graphml"
    path.write_text("old content that is longer than nothing", encoding="utf-8")
    export_graph(sample_graph, path)
    assert nx.read_graphml(path).number_of_nodes() == 7


def test_export_formats_lists_every_writer() -> None:
    for ext in [*RDF_EXTENSIONS, ".graphml", ".gexf", ".json", ".csv"]:
        assert ext in EXPORT_FORMATS
        assert EXPORT_FORMATS[ext]
