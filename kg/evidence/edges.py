"""The evidence summaries of a graph as plain records: edge attributes for the exports, rows for
the page's evidence table.

A graph built before summaries existed (or by another tool) has none: its summaries are then
computed in memory with the shipped weights, without changing the graph.
"""

from __future__ import annotations

from typing import Any

from rdflib import Graph, URIRef

from kg.evidence.rdf import designs_text, graph_rows
from kg.evidence.summary import Summary, summarise
from kg.evidence.weights import read_weights
from kg.namespaces import DIRECTION_COUNTS, DIRECTION_IRIS, RDF, TKG

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
Record = dict[str, Any]


def _number(g: Graph, s: URIRef, p: URIRef) -> float:
    """Return a numeric property of a node (0 when absent)."""
    value = g.value(s, p)
    return float(str(value)) if value is not None else 0.0


def _stored(g: Graph, s: URIRef) -> Record | None:
    """Return the record of one summary node of a graph (None when it lacks its therapy or outcome)."""
    t, o, c = g.value(s, TKG.aboutTherapy), g.value(s, TKG.aboutOutcome), g.value(s, TKG.aboutCondition)
    if t is None or o is None:
        return None
    record: Record = {
        "t": str(t),
        "o": str(o),
        "c": str(c) if c is not None else "",
        "consensus": DIRECTION_NAMES.get(str(g.value(s, TKG.consensus)), "unspecified"),
        "strength": _number(g, s, TKG.strength),
        "contradicted": str(g.value(s, TKG.contradicted)).lower() in ("true", "1"),
        "findings": int(_number(g, s, TKG.findingCount)),
        "studies": int(_number(g, s, TKG.studyCount)),
        "designs": str(g.value(s, TKG.designCounts) or ""),
    }
    for direction, (findings, _) in DIRECTION_COUNTS.items():
        record[direction] = int(_number(g, s, findings))
    return record


def _computed(s: Summary) -> Record:
    """Return the record of a summary computed in memory."""
    t, o, c = s.key
    record: Record = {
        "t": t,
        "o": o,
        "c": c or "",
        "consensus": s.consensus,
        "strength": s.strength,
        "contradicted": s.contradicted,
        "findings": s.finding_count,
        "studies": s.study_count,
        "designs": designs_text(s, read_weights()),
    }
    for direction in DIRECTION_COUNTS:
        record[direction] = len(s.findings[direction])
    return record


def summary_records(g: Graph) -> list[Record]:
    """Return every summary of a graph as a record: the graph's own, else computed in memory."""
    nodes = [s for s in g.subjects(RDF.type, TKG.EvidenceSummary) if isinstance(s, URIRef)]
    if nodes:
        return [r for r in (_stored(g, s) for s in sorted(nodes)) if r is not None]
    if (None, RDF.type, TKG.Finding) not in g:
        return []
    return [_computed(s) for s in summarise(graph_rows(g), read_weights())]


def pair_summaries(g: Graph) -> dict[Pair, dict[str, str | bool | int | float]]:
    """Return the edge attributes of each (therapy, outcome) summary, over all conditions."""
    return {
        (r["t"], r["o"]): {
            "consensus": r["consensus"],
            "strength": r["strength"],
            "contradicted": r["contradicted"],
            "evidence_findings": r["findings"],
            "evidence_studies": r["studies"],
        }
        for r in summary_records(g)
        if not r["c"]
    }
