"""Write a graph to other formats: every RDF syntax, GraphML, and a pair of CSV tables."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import networkx as nx
from rdflib import Graph

from kg.errors import KgError
from kg.graph.io import RDF_FORMATS, write_atomic, write_graph
from kg.graph.network import EDGE_FIELDS, NODE_FIELDS, to_networkx
from kg.graph.query import QueryResult, named_query
from kg.graph.results import format_delimited

RDF_NAMES: dict[str, str] = {
    "turtle": "RDF Turtle",
    "n3": "RDF Notation3",
    "nt": "RDF N-Triples",
    "json-ld": "RDF JSON-LD",
    "xml": "RDF/XML",
    "trig": "RDF TriG (the graph as the default graph)",
    "nquads": "RDF N-Quads (the graph as the default graph)",
}
EXPORT_FORMATS: dict[str, str] = {
    **{ext: RDF_NAMES.get(name, f"RDF ({name})") for ext, name in RDF_FORMATS.items()},
    ".graphml": "GraphML property graph: therapies, conditions, outcomes, studies and their edges",
    ".gexf": "GEXF 1.2 property graph (Gephi), the same nodes, edges and attributes as GraphML",
    ".json": "networkx node-link JSON (d3 and Cytoscape.js): nodes, links, their attributes",
    ".csv": "two CSV tables beside the path: <stem>.nodes.csv and <stem>.edges.csv",
}
SUMMARY_QUERY = "evidence-summary"
PROPERTY_GRAPH_FORMATS: tuple[str, ...] = (".graphml", ".gexf", ".json", ".csv")
NODE_COLUMNS: tuple[str, ...] = ("id", *NODE_FIELDS)
_EDGE_LEAD: tuple[str, ...] = (
    "kind",
    "direction",
    "negated",
    "hedged",
    "condition",
    "citation",
    "design",
    "sentence",
)
EDGE_COLUMNS: tuple[str, ...] = (
    "source",
    "target",
    *_EDGE_LEAD,
    *(f for f in EDGE_FIELDS if f not in _EDGE_LEAD),
)


def _known() -> str:
    """Return the list of export extensions for error messages."""
    return ", ".join(EXPORT_FORMATS)


def resolve_format(path: Path, fmt: str | None = None) -> tuple[str, str | None]:
    """Return ("rdf", rdflib name) or (property-graph format, None) for a path and optional format."""
    rdf_names = set(RDF_FORMATS.values())
    if fmt is not None and fmt.lower() in rdf_names:
        return "rdf", fmt.lower()
    if fmt is not None:
        ext = fmt.lower() if fmt.startswith(".") else f".{fmt.lower()}"
    else:
        ext = path.suffix.lower()
    if ext in RDF_FORMATS:
        return "rdf", RDF_FORMATS[ext]
    if ext in PROPERTY_GRAPH_FORMATS:
        return ext[1:], None
    # edge case: no extension at all is reported as '' so the message still names what was seen
    raise KgError(f"unknown export format '{ext if ext != '.' else ''}' (use one of {_known()})")


def _cell(value: object) -> str:
    """Return a CSV cell: booleans as true/false, everything else as its string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _table(columns: tuple[str, ...], rows: list[dict[str, object]]) -> str:
    """Return a CSV document with a header row and one row per dict (missing keys left empty)."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c, "")) for c in columns])
    return buf.getvalue()


def csv_tables(nxg: nx.MultiDiGraph) -> tuple[str, str]:
    """Return the nodes table and the edges table of a property graph as CSV text."""
    nodes = [{"id": n, **a} for n, a in nxg.nodes(data=True)]
    edges = [{"source": u, "target": v, **a} for u, v, a in nxg.edges(data=True)]
    return _table(NODE_COLUMNS, nodes), _table(EDGE_COLUMNS, edges)


def csv_paths(path: Path) -> tuple[Path, Path]:
    """Return the two CSV files written for a path: <stem>.nodes.csv and <stem>.edges.csv."""
    return path.with_name(f"{path.stem}.nodes.csv"), path.with_name(f"{path.stem}.edges.csv")


def graphml_bytes(nxg: nx.MultiDiGraph) -> bytes:
    """Return a property graph serialised as GraphML."""
    buf = io.BytesIO()
    nx.write_graphml(nxg, buf, encoding="utf-8")
    return buf.getvalue()


def gexf_bytes(nxg: nx.MultiDiGraph) -> bytes:
    """Return a property graph serialised as GEXF (each edge keeps its key as its id)."""
    buf = io.BytesIO()
    nx.write_gexf(nxg, buf, encoding="utf-8")
    return buf.getvalue()


def node_link_text(nxg: nx.MultiDiGraph) -> str:
    """Return a property graph as networkx node-link JSON ("nodes" and "links" with attributes)."""
    data = nx.node_link_data(nxg, edges="links")
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


PROPERTY_WRITERS: dict[str, Callable[[nx.MultiDiGraph], bytes | str]] = {
    "graphml": graphml_bytes,
    "gexf": gexf_bytes,
    "json": node_link_text,
}


def write_summaries(path: Path, run: Callable[[str], QueryResult]) -> None:
    """Write the evidence summaries (the evidence-summary named query, run by the caller on a file,
    a store or a server) as one CSV table."""
    if Path(path).suffix.lower() != ".csv":
        raise KgError(f"--summaries writes a CSV table: give a .csv file, not {path}")
    write_atomic(path, format_delimited(run(named_query(SUMMARY_QUERY).text)))


def export_graph(g: Graph, path: Path, fmt: str | None = None) -> list[Path]:
    """Write a graph in the format of the path's extension (or fmt) and return the files written."""
    path = Path(path)
    kind, rdf_format = resolve_format(path, fmt)
    if kind == "rdf":
        write_graph(g, path, rdf_format)
        return [path]
    nxg = to_networkx(g)
    if kind in PROPERTY_WRITERS:
        write_atomic(path, PROPERTY_WRITERS[kind](nxg))
        return [path]
    nodes_path, edges_path = csv_paths(path)
    # both tables are built in memory first, so a failure while building leaves no file behind
    nodes_csv, edges_csv = csv_tables(nxg)
    write_atomic(nodes_path, nodes_csv)
    write_atomic(edges_path, edges_csv)
    return [nodes_path, edges_path]
