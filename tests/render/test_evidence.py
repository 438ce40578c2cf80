"""The evidence data the page draws: a summary per drawn (therapy, outcome), table rows per condition,
and the same from a graph that has no summary nodes (computed in memory)."""

from __future__ import annotations

from rdflib import Graph

from kg.api import build_text_graph
from kg.evidence.rdf import summary_nodes
from kg.graph.network import to_networkx
from kg.namespaces import entity_iri
from kg.render.evidence import evidence_data

TEXT = (
    "In a randomized controlled trial of 200 adults with type 2 diabetes, metformin reduced HbA1c "
    "(Smith et al 2019). In a case series, metformin increased glycated haemoglobin (Lee et al 2020)."
)


def without_summaries(g: Graph) -> Graph:
    out = Graph()
    nodes = set(summary_nodes(g))
    for t in g:
        if t[0] not in nodes:
            out.add(t)
    return out


def test_pairs_and_rows_of_the_drawn_graph() -> None:
    g = build_text_graph(TEXT)
    data = evidence_data(g, to_networkx(g))
    key = f"{entity_iri('therapy', 'metformin')} {entity_iri('outcome', 'HbA1c')}"
    pair = data["pairs"][key]
    assert (pair["therapy"], pair["outcome"], pair["condition"]) == ("metformin", "HbA1c", "")
    assert pair["counts"] == {"increase": 1, "decrease": 1, "no_change": 0, "unspecified": 0}
    assert pair["consensus"] == "decrease" and pair["findings"] == 2 and pair["studies"] == 2
    conditions = {r["condition"] for r in data["rows"]}
    assert conditions == {"", "diabetes mellitus, type 2"}
    # a graph without summary nodes (an older file) gets the same, computed in memory
    bare = without_summaries(g)
    assert not summary_nodes(bare)
    assert evidence_data(bare, to_networkx(bare)) == data
