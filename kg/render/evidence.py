"""The evidence summaries the page shows: per drawn (therapy, outcome) edge, and as table rows."""

from __future__ import annotations

from typing import Any

import networkx as nx
from rdflib import Graph

from kg.evidence.edges import summary_records

DIRECTIONS = ("increase", "decrease", "no_change", "unspecified")


def _label(nxg: nx.MultiDiGraph, node: str) -> str:
    """Return a drawn node's label."""
    return str(nxg.nodes[node].get("label", node))


def evidence_data(g: Graph, nxg: nx.MultiDiGraph) -> dict[str, Any]:
    """Return the summaries of the drawn therapies and outcomes: "pairs" keyed "therapy outcome" (the
    key the page groups findings by), and "rows" for the evidence table (also per condition)."""
    pairs: dict[str, dict[str, Any]] = {}
    rows: list[dict[str, Any]] = []
    for r in summary_records(g):
        if r["t"] not in nxg or r["o"] not in nxg or (r["c"] and r["c"] not in nxg):
            continue
        record = {
            "t": r["t"],
            "o": r["o"],
            "c": r["c"],
            "therapy": _label(nxg, r["t"]),
            "outcome": _label(nxg, r["o"]),
            "condition": _label(nxg, r["c"]) if r["c"] else "",
            "consensus": r["consensus"],
            "strength": r["strength"],
            "contradicted": r["contradicted"],
            "findings": r["findings"],
            "studies": r["studies"],
            "designs": r["designs"],
            "counts": {d: r[d] for d in DIRECTIONS},
        }
        rows.append(record)
        if not r["c"]:
            pairs[f"{r['t']} {r['o']}"] = record
    rows.sort(key=lambda x: (-x["strength"], x["therapy"], x["outcome"], x["condition"]))
    return {"pairs": pairs, "rows": rows}
