"""Run a query where the graph is: a graph file (rdflib), a store (Oxigraph's engine) or a server."""

from __future__ import annotations

from pathlib import Path

from kg.graph.query import QueryResult


def run_on(
    graph: str | None, endpoint: str | None, text: str, values: dict[str, str], named: bool = False
) -> QueryResult:
    """Run a query on a graph file, a store or a SPARQL server (named queries on a store evaluate
    their OPTIONAL groups laterally); bound values are never pasted into the text."""
    from kg.graph.io import load_graph
    from kg.graph.query import run_query
    from kg.graph.store import is_store, open_store, query_store

    path = Path(graph or "")
    if endpoint is not None:
        from kg.graph.endpoint import Endpoint
        from kg.graph.remote import query_endpoint

        return query_endpoint(Endpoint(endpoint), text, values)
    if is_store(path):
        return query_store(open_store(path), text, values, lateral=named)
    return run_query(load_graph(path), text, values)
