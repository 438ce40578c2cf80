"""Run a query where the graph is: a graph file (rdflib), a store (Oxigraph's engine) or a server."""

from __future__ import annotations

from pathlib import Path

from kg.graph.paging import Page, Runner, run_page
from kg.graph.query import NamedQuery, QueryResult


def runner(graph: str | None, endpoint: str | None, named: bool = False) -> Runner:
    """Return how to run queries on a graph file, a store or a SPARQL server (named queries on a
    store evaluate their OPTIONAL groups laterally); bound values are never pasted into the text."""
    from kg.graph.io import load_graph
    from kg.graph.query import run_query
    from kg.graph.store import is_store, open_store, query_store

    path = Path(graph or "")
    if endpoint is not None:
        from kg.graph.endpoint import Endpoint
        from kg.graph.remote import query_endpoint

        server = Endpoint(endpoint)
        return lambda text, values, choices: query_endpoint(server, text, values, choices)
    if is_store(path):
        store = open_store(path)
        return lambda text, values, choices: query_store(store, text, values, named, choices)
    g = load_graph(path)
    return lambda text, values, choices: run_query(g, text, values, choices)


def run_on(
    graph: str | None,
    endpoint: str | None,
    query: str | NamedQuery,
    values: dict[str, str],
    named: bool = False,
    page: Page | None = None,
) -> QueryResult:
    """Run a query on a graph file, a store or a SPARQL server and return a page of its rows (all of
    them by default); a named query may be answered from the evidence summaries."""
    lateral = named or not isinstance(query, str)
    return run_page(runner(graph, endpoint, lateral), query, values, page)
