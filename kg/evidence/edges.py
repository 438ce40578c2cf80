"""The evidence summary of each (therapy, outcome) pair of a graph, as edge attributes.

A graph built before summaries existed (or by another tool) has none: its summaries are then
computed in memory with the shipped weights, without changing the graph.
"""

from __future__ import annotations

from rdflib import Graph, URIRef

from kg.evidence.rdf import graph_rows
from kg.evidence.summary import summarise
from kg.evidence.weights import read_weights
from kg.namespaces import DIRECTION_IRIS, RDF, TKG

DIRECTION_NAMES = {str(iri): name for name, iri in DIRECTION_IRIS.items()}
# the attributes an edge gets from its summary, and their values on an edge without one
SUMMARY_FIELDS: dict[str, str | bool | int | float] = {
    "consensus": "",
    "strength": 0.0,
    "contradicted": False,
    "evidence_findings": 0,
    "evidence_studies": 0,
}
Pair = tuple[str, str]


def _number(g: Graph, s: URIRef, p: URIRef) -> float:
    """Return a numeric property of a node (0 when absent)."""
    value = g.value(s, p)
    return float(str(value)) if value is not None else 0.0


def stored_summaries(g: Graph) -> dict[Pair, dict[str, str | bool | int | float]]:
    """Return the attributes of the summaries the graph holds, per (therapy, outcome)."""
    out: dict[Pair, dict[str, str | bool | int | float]] = {}
    for s in g.subjects(RDF.type, TKG.EvidenceSummary):
        if not isinstance(s, URIRef) or (s, TKG.aboutCondition, None) in g:
            continue
        t, o = g.value(s, TKG.aboutTherapy), g.value(s, TKG.aboutOutcome)
        if t is None or o is None:
            continue
        out[(str(t), str(o))] = {
            "consensus": DIRECTION_NAMES.get(str(g.value(s, TKG.consensus)), "unspecified"),
            "strength": _number(g, s, TKG.strength),
            "contradicted": str(g.value(s, TKG.contradicted)).lower() in ("true", "1"),
            "evidence_findings": int(_number(g, s, TKG.findingCount)),
            "evidence_studies": int(_number(g, s, TKG.studyCount)),
        }
    return out


def pair_summaries(g: Graph) -> dict[Pair, dict[str, str | bool | int | float]]:
    """Return the summary attributes per (therapy, outcome): the graph's, else computed."""
    stored = stored_summaries(g)
    if stored or (None, RDF.type, TKG.Finding) not in g:
        return stored
    return {
        (s.key[0], s.key[1]): {
            "consensus": s.consensus,
            "strength": s.strength,
            "contradicted": s.contradicted,
            "evidence_findings": s.finding_count,
            "evidence_studies": s.study_count,
        }
        for s in summarise(graph_rows(g), read_weights())
        if s.key[2] is None
    }
