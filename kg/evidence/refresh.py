"""Keep the evidence summaries of a graph, a store or a SPARQL server right after each change.

A file build summarises its in-memory graph. A store is summarised in place: the rows of the
findings are streamed out of Oxigraph's engine and the summaries bulk-loaded back, for the
therapies a load or a removal touched (all of them when there are many). A server's summaries
live in their own named graph, rebuilt from the server's rows after each load or removal.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.query import Result
from rdflib.term import Node

from kg.errors import KgError, first_line
from kg.evidence.rdf import FINDING_ROWS, all_triples, graph_rows, make_row, summary_nodes
from kg.evidence.summary import FindingRow, summarise
from kg.evidence.weights import Weights
from kg.graph.encode import nt
from kg.graph.endpoint import Endpoint
from kg.namespaces import SUMMARY_GRAPH, TKG

# above this many touched therapies a store's summaries are all rebuilt (one scan, no VALUES)
MAX_TOUCHED = 2_000
# summary triples per bulk load into a store (bounded memory; larger loads compact less often)
CHUNK_LINES = 300_000
# summary triples per update request to a server
BATCH_TRIPLES = 20_000
DELETE_SUMMARIES = """
PREFIX tkg: <https://w3id.org/therapy-kg/ontology#>
DELETE { ?s ?p ?x } WHERE { #THERAPIES# ?s tkg:aboutTherapy ?t ; a tkg:EvidenceSummary ; ?p ?x }
"""
ANY_SUMMARY = "ASK { ?s a <https://w3id.org/therapy-kg/ontology#EvidenceSummary> }"
DELETE_ALL_SUMMARIES = """
PREFIX tkg: <https://w3id.org/therapy-kg/ontology#>
DELETE { ?s ?p ?x } WHERE { ?s a tkg:EvidenceSummary ; ?p ?x }
"""
THERAPY_OBJECT = re.compile(f"> <{re.escape(str(TKG.therapy))}> <([^>]*)>")
ABOUT_THERAPY = f" <{TKG.aboutTherapy}> "


def summarise_graph(g: Graph, weights: Weights) -> int:
    """Replace the evidence summaries of an in-memory graph; return how many there are."""
    for node in summary_nodes(g):
        g.remove((node, None, None))
    summaries = list(summarise(list(graph_rows(g)), weights))
    for triple in all_triples(summaries, weights):
        g.add(triple)
    return len(summaries)


def _values(therapies: Iterable[str] | None) -> str:
    """Return a VALUES block restricting ?t to some therapies (IRIs serialised by Oxigraph)."""
    if therapies is None:
        return ""
    return "VALUES ?t { " + " ".join(str(ox.NamedNode(t)) for t in sorted(therapies)) + " }"


def _term(term: object) -> str | None:
    """Return the string value of an Oxigraph term (None when unbound)."""
    return None if term is None else str(getattr(term, "value", term))


NAMES = ("f", "t", "o", "c", "dir", "hedged", "study", "doc", "design", "n")


def _solutions(store: ox.Store, sparql: str) -> ox.QuerySolutions:
    """Return the solutions of a SELECT query on a store."""
    res = store.query(sparql)
    if not isinstance(res, ox.QuerySolutions):
        raise KgError("internal: a summary query must be a SELECT")
    return res


def store_rows(store: ox.Store, therapies: Iterable[str] | None = None) -> Iterator[FindingRow]:
    """Stream the rows of a store's findings (of some therapies, or all) out of its engine."""
    for solution in _solutions(store, FINDING_ROWS.replace("#THERAPIES#", _values(therapies))):
        row = make_row({n: _term(solution[n]) for n in NAMES})
        if row is not None:
            yield row


def therapies_in(nquads: str) -> set[str]:
    """Return the therapy IRIs that the findings of some N-Quads text name."""
    return set(THERAPY_OBJECT.findall(nquads))


def document_therapies(store: ox.Store, doc_iri: str) -> set[str]:
    """Return the therapies of the findings of one document in a store."""
    q = f"""PREFIX tkg: <{TKG._NS}> PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT DISTINCT ?t WHERE {{ ?st tkg:inDocument {ox.NamedNode(doc_iri)} . ?f prov:wasDerivedFrom ?st ;
tkg:therapy ?t }}"""
    return {str(_term(s["t"])) for s in _solutions(store, q)}


def refresh_store(store: ox.Store, weights: Weights, therapies: set[str] | None = None) -> int:
    """Rebuild a store's summaries of some therapies (None, or too many: all); return how many
    summaries were written."""
    if therapies is not None and not therapies:
        return 0
    scope = None if therapies is None or len(therapies) > MAX_TOUCHED else therapies
    if store.query(ANY_SUMMARY):  # a store's first summaries have nothing to delete
        delete = DELETE_SUMMARIES.replace("#THERAPIES#", _values(scope))
        store.update(DELETE_ALL_SUMMARIES if scope is None else delete)
    written = 0
    for chunk in _chunks(all_triples(summarise(store_rows(store, scope), weights), weights)):
        store.bulk_load(input="".join(chunk), format=ox.RdfFormat.N_QUADS)
        written += sum(ABOUT_THERAPY in line for line in chunk)
    store.flush()
    return written


def _line(s: Node, p: Node, o: Node) -> str:
    """Return one triple as N-Triples: IRIs as they are (the store's own, or hashes), literals and
    predicates serialised by Oxigraph."""
    obj = f"<{o}>" if isinstance(o, URIRef) else nt(o)
    return f"<{s}> {nt(p)} {obj} .\n"


def _chunks(triples: Iterable[tuple[Node, Node, Node]]) -> Iterator[list[str]]:
    """Yield the triples as N-Triples lines in chunks of CHUNK_LINES, so that memory stays bounded."""
    chunk: list[str] = []
    for s, p, o in triples:
        chunk.append(_line(s, p, o))
        if len(chunk) >= CHUNK_LINES:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def endpoint_rows(endpoint: Endpoint) -> Iterator[FindingRow]:
    """Return the rows of a server's findings (one query, SPARQL JSON results)."""
    resp = endpoint.query(FINDING_ROWS.replace("#THERAPIES#", ""))
    try:
        res = Result.parse(io.BytesIO(resp.content), format="json")
    except Exception as exc:  # rdflib's result parsers raise several types
        raise KgError(f"cannot read the SPARQL server's results: {first_line(exc)}") from None
    for binding in res.bindings:
        row = make_row({str(k): str(v) for k, v in binding.items()})
        if row is not None:
            yield row


def refresh_endpoint(endpoint: Endpoint, weights: Weights) -> int:
    """Rebuild a server's summaries graph from its findings; return how many summaries it holds."""
    lines = [_line(*t) for t in all_triples(summarise(endpoint_rows(endpoint), weights), weights)]
    drop = f"DROP SILENT GRAPH <{SUMMARY_GRAPH}>"
    chunks = [lines[i : i + BATCH_TRIPLES] for i in range(0, len(lines), BATCH_TRIPLES)] or [[]]
    for k, chunk in enumerate(chunks):
        insert = f"INSERT DATA {{ GRAPH <{SUMMARY_GRAPH}> {{\n{''.join(chunk)}}} }}"
        endpoint.update(f"{drop} ;\n{insert}" if k == 0 else insert)
    return sum(ABOUT_THERAPY in line for line in lines)
