"""Keep a graph in a SPARQL 1.1 server: one named graph per document, rebuilds that replace.

A document's own triples (itself, its statements and their findings) go into the named graph of
its IRI, the same IRI the on-disk store files it under; the descriptions documents share
(entities, studies, designs, the extractor, treats edges) go into one shared graph, so that the
union of the graphs holds each triple once. Each batch is one update request, which a server runs
as one transaction: `DROP SILENT GRAPH` for each of its documents, one `INSERT DATA`, then an
update that leaves its entities one rdfs:label each in the shared graph (kg.graph.labels). A batch
is thus either wholly in or wholly out, and sending it again (after a retry, or a rebuild after a
failure) gives the same graph: nothing duplicated, nothing missing. Treats edges that no finding
supports any more are pruned after a load, and after a load stopped by Ctrl-C (which waits for the
answer to the request in flight). Queries without a GRAPH clause need the server to
answer from the union of its graphs (Oxigraph `--union-default-graph`, Fuseki
`tdb2:unionDefaultGraph`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from functools import partial

import requests
from rdflib import Graph
from rdflib.query import Result

from kg.errors import KgError, first_line
from kg.evidence.refresh import refresh_endpoint
from kg.evidence.weights import Weights, read_weights
from kg.graph.build import new_graph
from kg.graph.encode import EncodedDocument
from kg.graph.endpoint import N_TRIPLES, RESULTS_JSON, Endpoint
from kg.graph.labels import settle_labels
from kg.graph.query import PREFIXES, QueryResult, check_bindings, to_query_result
from kg.graph.sparql_text import Choices, with_values
from kg.graph.writer import WriteStats, write_batches
from kg.namespaces import ID, SHARED_GRAPH

# quads per update request: big enough to amortise a request, small enough for a server's memory
BATCH_QUADS = 20_000
# the N-Triples subjects a document owns besides itself
OWNED_SUBJECTS = (f"<{ID['statement/']}", f"<{ID['finding/']}")
PRUNE_TREATS = f"""
PREFIX tkg: <https://w3id.org/therapy-kg/ontology#>
DELETE {{ GRAPH <{SHARED_GRAPH}> {{ ?t tkg:treats ?c }} }}
WHERE {{
  GRAPH <{SHARED_GRAPH}> {{ ?t tkg:treats ?c }}
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?f tkg:therapy ?t ; tkg:condition ?c ; tkg:negated false }} }}
}}
"""
# every triple of the server, whether it answers from the union of its graphs or not
ALL_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
COUNT_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
COUNT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
PREFIX_DECL = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)


def split_owned(enc: EncodedDocument) -> tuple[list[str], list[str]]:
    """Split a document's N-Triples lines into those it owns and the shared descriptions."""
    own_doc = f"<{enc.graph}> "
    owned: list[str] = []
    shared: list[str] = []
    for line in enc.nquads.splitlines(keepends=True):
        (owned if line.startswith(OWNED_SUBJECTS) or line.startswith(own_doc) else shared).append(line)
    return owned, shared


def batch_update(docs: list[EncodedDocument]) -> str:
    """Return the update request that replaces a batch of documents, then gives the entities they
    label one label each (with the labels the server held), in the same transaction."""
    drops = "".join(f"DROP SILENT GRAPH <{d.graph}> ;\n" for d in docs if d.part == 0)
    parts: list[str] = []
    shared: dict[str, None] = {}
    entities: dict[str, None] = {}
    for d in docs:
        owned, common = split_owned(d)
        parts.append(f"GRAPH <{d.graph}> {{\n{''.join(owned)}}}\n")
        shared.update(dict.fromkeys(common))
        entities.update(dict.fromkeys(d.entities))
    parts.append(f"GRAPH <{SHARED_GRAPH}> {{\n{''.join(shared)}}}\n")
    settle = f" ;\n{settle_labels(entities, str(SHARED_GRAPH))}" if entities else ""
    return f"{drops}INSERT DATA {{\n{''.join(parts)}}}{settle}"


def load_endpoint(
    endpoint: Endpoint, items: Iterable[EncodedDocument], batch: int = 0, weights: Weights | None = None
) -> WriteStats:
    """Write encoded documents into the server (batches of `batch` quads, 0: BATCH_QUADS), each
    replacing its earlier build; prune and rebuild the evidence summaries after. The server is
    asked first, before any extraction."""
    endpoint.check()
    return write_batches(
        items,
        batch or BATCH_QUADS,
        lambda docs: endpoint.update(batch_update(docs)),
        partial(_after_change, endpoint, weights or read_weights()),
        whole=True,  # a request is a transaction: a long document goes in one, whole or not at all
    )


def _after_change(endpoint: Endpoint, weights: Weights) -> None:
    """Prune treats edges no finding supports, then rebuild the evidence summaries graph."""
    endpoint.update(PRUNE_TREATS)
    refresh_endpoint(endpoint, weights)


def with_prefixes(sparql: str) -> str:
    """Return the query with the project's prefixes declared ahead of it, except those it declares."""
    declared = {m.group(1) or "" for m in PREFIX_DECL.finditer(sparql)}
    head = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items() if p not in declared)
    return head + sparql


def _graph_of(resp: requests.Response) -> Graph:
    """Return the graph in a server's CONSTRUCT answer (N-Triples, or Turtle if it chose that)."""
    kind = resp.headers.get("Content-Type", "").split(";")[0].strip()
    g = new_graph()
    try:
        g.parse(data=resp.content, format="nt" if kind == N_TRIPLES else "turtle")
    except Exception as exc:  # rdflib's parsers raise several types for a malformed answer
        raise KgError(f"cannot read the SPARQL server's answer ({kind}): {first_line(exc)}") from None
    return g


def query_endpoint(
    endpoint: Endpoint, sparql: str, bindings: dict[str, str] | None = None, choices: Choices | None = None
) -> QueryResult:
    """Run SPARQL on the server; bound values go in as escaped terms in VALUES blocks."""
    values = check_bindings(sparql, bindings or {})
    resp = endpoint.query(with_prefixes(with_values(sparql, values, choices)))
    if resp.headers.get("Content-Type", "").split(";")[0].strip() != RESULTS_JSON:
        return QueryResult(graph=_graph_of(resp).serialize(format="turtle"))
    try:
        return to_query_result(Result.parse(io.BytesIO(resp.content), format="json"))
    except Exception as exc:
        raise KgError(f"cannot read the SPARQL server's results: {first_line(exc)}") from None


def endpoint_graph(endpoint: Endpoint) -> Graph:
    """Return every triple the server holds as one rdflib graph (each triple once)."""
    return _graph_of(endpoint.query(ALL_TRIPLES))


def _number(endpoint: Endpoint, sparql: str) -> int:
    """Return the number a COUNT query gives."""
    rows = query_endpoint(endpoint, sparql).rows
    return int(rows[0][0] or 0) if rows else 0


def duplicates(endpoint: Endpoint) -> tuple[int, int]:
    """Return the server's number of quads and how many of them repeat a triple of another graph."""
    quads = _number(endpoint, COUNT_QUADS)
    return quads, quads - _number(endpoint, COUNT_TRIPLES)


DOCUMENT_SOURCES = "SELECT ?g ?source WHERE { GRAPH ?g { ?g a tkg:Document ; dcterms:source ?source } }"
SAFE_IRI = re.compile(r"^[^\s<>\"{}|\\^`]+$")


def remove_from_endpoint(endpoint: Endpoint, key: str, weights: Weights | None = None) -> int:
    """Drop the graphs of a document (and of the records built from a file of that name) from the
    server in one update, prune treats edges no finding supports, and return how many went."""
    endpoint.check()
    rows = query_endpoint(endpoint, DOCUMENT_SOURCES).rows
    # the name is compared here, in Python: it never enters the SPARQL text
    graphs = sorted({str(g) for g, source in rows if source == key or str(source).startswith(f"{key}#")})
    if not graphs:
        return 0
    # edge case: graph IRIs come from the server; one that could end the <...> is refused
    if not all(SAFE_IRI.match(g) for g in graphs):
        raise KgError("the SPARQL server returned a document graph IRI that cannot be written back")
    endpoint.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs))
    # a separate request, as after a load: Oxigraph takes no PREFIX after the first operation
    _after_change(endpoint, weights or read_weights())
    return len(graphs)
