"""Test the projection of the RDF graph onto a networkx property graph."""

from __future__ import annotations

from typing import Any

import networkx as nx
from rdflib import BNode, Graph, Literal, URIRef

from kg.graph.network import EDGE_FIELDS, NODE_FIELDS, to_networkx
from kg.namespaces import ID, PROV, RDF, RDFS, TKG

ITB = str(ID["therapy/intrathecal-baclofen"])
DCP = str(ID["condition/dyskinetic-cerebral-palsy"])
DYSTONIA = str(ID["outcome/dystonia"])
SITTING = str(ID["outcome/sitting"])
MORTALITY = str(ID["outcome/mortality-img-src-x-onerror-alert-1"])


def _edges(nxg: nx.MultiDiGraph, kind: str) -> list[tuple[str, str, dict[str, Any]]]:
    """Return the (source, target, attributes) of every edge of one kind."""
    return [(u, v, a) for u, v, a in nxg.edges(data=True) if a["kind"] == kind]


def test_node_counts_and_types(sample_graph: Graph) -> None:
    nxg = to_networkx(sample_graph)
    types = sorted(a["type"] for _, a in nxg.nodes(data=True))
    assert types == ["condition", "outcome", "outcome", "outcome", "study", "study", "therapy"]


def test_node_attributes(sample_graph: Graph) -> None:
    nxg = to_networkx(sample_graph)
    itb = nxg.nodes[ITB]
    assert itb["label"] == "intrathecal baclofen"
    assert itb["alt_labels"] == "ITB"
    assert itb["identifiers"] == "http://id.nlm.nih.gov/mesh/D001418"
    studies = {a["citation"]: a for _, a in nxg.nodes(data=True) if a["type"] == "study"}
    assert studies["Eek et al 2018"]["design"] == "retrospective study"
    # edge case: a study without a design gets "" rather than None (GraphML has no null)
    assert studies["17"]["design"] == ""
    # the label keeps its raw text: escaping is the page's job, not the projection's
    assert nxg.nodes[MORTALITY]["label"] == "mortality <img src=x onerror=alert(1)>"


def test_every_attribute_is_graphml_safe(sample_graph: Graph) -> None:
    nxg = to_networkx(sample_graph)
    for _, a in nxg.nodes(data=True):
        assert set(a) == set(NODE_FIELDS)
        assert all(isinstance(v, (str, bool, int)) for v in a.values())
    for _, _, a in nxg.edges(data=True):
        assert set(a) == set(EDGE_FIELDS)
        assert all(isinstance(v, (str, bool, int, float)) for v in a.values())


def test_finding_edges(sample_graph: Graph) -> None:
    nxg = to_networkx(sample_graph)
    findings = {v: a for u, v, a in _edges(nxg, "finding") if u == ITB}
    assert set(findings) == {DYSTONIA, SITTING, MORTALITY}
    assert findings[DYSTONIA]["direction"] == "decrease"
    assert findings[SITTING]["direction"] == "increase"
    assert findings[DYSTONIA]["condition"] == "dyskinetic cerebral palsy"
    assert findings[DYSTONIA]["citation"] == "Eek et al 2018"
    assert findings[DYSTONIA]["design"] == "retrospective study"
    assert findings[DYSTONIA]["sentence"].startswith("A retrospective study has shown")
    mortality = findings[MORTALITY]
    assert mortality["direction"] == "no_change"
    assert mortality["negated"] is True and mortality["hedged"] is False
    assert mortality["negation_cue"] == "did not"
    assert mortality["condition"] == ""
    assert mortality["finding"].startswith(str(ID["finding/"]))


def test_treats_and_reported_in_edges(sample_graph: Graph) -> None:
    nxg = to_networkx(sample_graph)
    assert [(u, v) for u, v, _ in _edges(nxg, "treats")] == [(ITB, DCP)]
    reported = _edges(nxg, "reported_in")
    # one edge per (therapy, study): the two findings of the first sentence share one
    assert len(reported) == 2
    by_citation = {a["citation"]: a for _, _, a in reported}
    assert len(by_citation["Eek et al 2018"]["finding"].split("|")) == 2
    assert all(nxg.nodes[v]["type"] == "study" for _, v, _ in reported)
    assert nxg.number_of_edges() == 6


def test_output_is_deterministic(sample_graph: Graph) -> None:
    first, second = to_networkx(sample_graph), to_networkx(sample_graph)
    assert list(first.nodes(data=True)) == list(second.nodes(data=True))
    assert list(first.edges(keys=True, data=True)) == list(second.edges(keys=True, data=True))
    # nodes come out sorted by IRI
    assert list(first.nodes) == sorted(first.nodes)


def test_finding_without_outcome_targets_condition() -> None:
    g = Graph()
    f, t, c, s = ID["finding/x"], ID["therapy/t"], ID["condition/c"], ID["statement/s"]
    g.add((f, RDF.type, TKG.Finding))
    g.add((f, TKG.therapy, t))
    g.add((f, TKG.condition, c))
    g.add((f, PROV.wasDerivedFrom, s))
    g.add((s, TKG.text, Literal("T helps C.")))
    g.add((t, RDF.type, TKG.Therapy))
    g.add((t, RDFS.label, Literal("T")))
    # edge case: the condition has no rdf:type and no label; it is added from the finding's role
    nxg = to_networkx(g)
    [(u, v, a)] = list(nxg.edges(data=True))
    assert (u, v) == (str(t), str(c))
    assert nxg.nodes[str(c)]["type"] == "condition"
    assert nxg.nodes[str(c)]["label"] == "c"
    # edge case: a finding with no direction triple counts as unspecified
    assert a["direction"] == "unspecified"
    assert a["sentence"] == "T helps C."


def test_findings_without_therapy_or_target_are_skipped() -> None:
    g = Graph()
    # edge case: a finding with a therapy but neither outcome nor condition draws no edge
    g.add((ID["finding/a"], RDF.type, TKG.Finding))
    g.add((ID["finding/a"], TKG.therapy, ID["therapy/t"]))
    # edge case: a finding with no therapy draws no edge either
    g.add((ID["finding/b"], RDF.type, TKG.Finding))
    g.add((ID["finding/b"], TKG.outcome, ID["outcome/o"]))
    assert to_networkx(g).number_of_edges() == 0


def test_empty_graph() -> None:
    # edge case: an empty graph projects to an empty property graph
    nxg = to_networkx(Graph())
    assert nxg.number_of_nodes() == 0 and nxg.number_of_edges() == 0


def test_blank_node_entities_are_skipped() -> None:
    g = Graph()
    # edge case: blank nodes have no stable id, so they never become property-graph nodes
    g.add((BNode(), RDF.type, TKG.Therapy))
    g.add((URIRef(ID["therapy/named"]), RDF.type, TKG.Therapy))
    assert list(to_networkx(g).nodes) == [str(ID["therapy/named"])]
