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
from itertools import chain

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.query import Result
from rdflib.term import Node

from kg.errors import KgError, first_line
from kg.evidence.positions import DELETE_POSITIONS, POSITION_ROWS, graph_positions, position_triples
from kg.evidence.rdf import (
    FINDING_ROWS,
    TREATMENT_ROWS,
    Treatment,
    all_triples,
    graph_rows,
    graph_treatments,
    make_row,
    summary_nodes,
    treatment_nodes,
    treatment_triples,
)
from kg.evidence.summary import FindingRow, summarise
from kg.evidence.weights import Weights
from kg.graph.encode import bulk_load, nt, to_rdflib
from kg.graph.endpoint import Endpoint
from kg.namespaces import RDF, SUMMARY_GRAPH, TKG

# above this many touched therapies a store's summaries are all rebuilt (one scan, no VALUES)
MAX_TOUCHED = 2_000
# summary triples per bulk load into a store (bounded memory; larger loads compact less often)
CHUNK_LINES = 300_000
# summary triples per update request to a server
BATCH_TRIPLES = 20_000
# the evidence and treatment summaries of some therapies (only summaries are about a therapy)
DELETE_SUMMARIES = """
PREFIX tkg: <https://w3id.org/therapy-kg/ontology#>
DELETE { ?s ?p ?x } WHERE { #THERAPIES# ?s tkg:aboutTherapy ?t ; ?p ?x }
"""
ANY_SUMMARY = """
PREFIX tkg: <https://w3id.org/therapy-kg/ontology#>
ASK { { ?s a tkg:EvidenceSummary } UNION { ?s a tkg:TreatmentSummary } }
"""
DELETE_ALL_SUMMARIES = """
PREFIX tkg: <https://w3id.org/therapy-kg/ontology#>
DELETE { ?s ?p ?x } WHERE { { ?s a tkg:EvidenceSummary } UNION { ?s a tkg:TreatmentSummary } ?s ?p ?x }
"""
THERAPY_OBJECT = re.compile(f"> <{re.escape(str(TKG.therapy))}> <([^>]*)>")
# the line that types an evidence summary (the count of summaries written)
SUMMARY_LINE = f" <{RDF.type}> <{TKG.EvidenceSummary}> ."


def summarise_graph(g: Graph, weights: Weights) -> int:
    """Replace the evidence and treatment summaries and the label positions of an in-memory graph;
    return how many evidence summaries there are."""
    for node in (*summary_nodes(g), *treatment_nodes(g), *set(g.subjects(RDF.type, TKG.LabelPosition))):
        g.remove((node, None, None))
    summaries = list(summarise(list(graph_rows(g)), weights))
    treatments = graph_treatments(g)
    positions = position_triples(list(graph_positions(g)))
    for triple in chain(all_triples(summaries, weights), treatment_triples(treatments), positions):
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


def store_treatments(store: ox.Store, therapies: Iterable[str] | None = None) -> Iterator[Treatment]:
    """Stream the treatment summaries of a store's findings (of some therapies, or all)."""
    for s in _solutions(store, TREATMENT_ROWS.replace("#THERAPIES#", _values(therapies))):
        yield str(_term(s["t"])), str(_term(s["c"])), int(str(_term(s["n"])))


def therapies_in(nquads: str) -> set[str]:
    """Return the therapy IRIs that the findings of some N-Quads text name."""
    return set(THERAPY_OBJECT.findall(nquads))


def document_therapies(store: ox.Store, doc_iri: str) -> set[str]:
    """Return the therapies of the findings of one document in a store."""
    q = f"""PREFIX tkg: <{TKG._NS}> PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT DISTINCT ?t WHERE {{ ?st tkg:inDocument {ox.NamedNode(doc_iri)} . ?f prov:wasDerivedFrom ?st ;
tkg:therapy ?t }}"""
    return {str(_term(s["t"])) for s in _solutions(store, q)}


def store_positions(store: ox.Store) -> Iterator[tuple[Node, Node, int]]:
    """Stream the (listing, label, rows) counts of a store's label positions out of its engine."""
    for s in _solutions(store, POSITION_ROWS):
        yield to_rdflib(s["listing"]), to_rdflib(s["label"]), int(str(_term(s["rows"])))


def refresh_positions(store: ox.Store) -> None:
    """Compute a store's label positions again, all of them (kg.evidence.positions)."""
    store.update(DELETE_POSITIONS)
    for chunk in _chunks(position_triples(store_positions(store))):
        bulk_load(store, chunk)


def refresh_store(store: ox.Store, weights: Weights, therapies: set[str] | None = None) -> int:
    """Rebuild a store's summaries of some therapies (None, or too many: all) and all its label
    positions; return how many summaries were written."""
    refresh_positions(store)  # labels may have changed with no finding touched
    if therapies is not None and not therapies:
        store.flush()
        return 0
    scope = None if therapies is None or len(therapies) > MAX_TOUCHED else therapies
    if store.query(ANY_SUMMARY):  # a store's first summaries have nothing to delete
        delete = DELETE_SUMMARIES.replace("#THERAPIES#", _values(scope))
        store.update(DELETE_ALL_SUMMARIES if scope is None else delete)
    written = 0
    summaries = all_triples(summarise(store_rows(store, scope), weights), weights)
    for chunk in _chunks(chain(summaries, treatment_triples(store_treatments(store, scope)))):
        bulk_load(store, chunk)
        written += sum(SUMMARY_LINE in line for line in chunk)
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


def _endpoint_terms(endpoint: Endpoint, sparql: str) -> Iterator[dict[str, Node]]:
    """Return the solutions of a SELECT on a server (SPARQL JSON results), as rdflib terms."""
    resp = endpoint.query(sparql.replace("#THERAPIES#", ""))
    try:
        res = Result.parse(io.BytesIO(resp.content), format="json")
    except Exception as exc:  # rdflib's result parsers raise several types
        raise KgError(f"cannot read the SPARQL server's results: {first_line(exc)}") from None
    for binding in res.bindings:
        yield {str(k): v for k, v in binding.items()}


def _endpoint_bindings(endpoint: Endpoint, sparql: str) -> Iterator[dict[str, str]]:
    """Return the solutions of a SELECT on a server (SPARQL JSON results), as strings."""
    for binding in _endpoint_terms(endpoint, sparql):
        yield {k: str(v) for k, v in binding.items()}


def endpoint_rows(endpoint: Endpoint) -> Iterator[FindingRow]:
    """Return the rows of a server's findings (one query, SPARQL JSON results)."""
    for binding in _endpoint_bindings(endpoint, FINDING_ROWS):
        row = make_row(dict[str, str | None](binding))
        if row is not None:
            yield row


def endpoint_treatments(endpoint: Endpoint) -> Iterator[Treatment]:
    """Return the treatment summaries of a server's findings (one query)."""
    for b in _endpoint_bindings(endpoint, TREATMENT_ROWS):
        yield b["t"], b["c"], int(b["n"])


def endpoint_positions(endpoint: Endpoint) -> Iterator[tuple[Node, Node, int]]:
    """Return the (listing, label, rows) counts of a server's label positions (one query)."""
    for b in _endpoint_terms(endpoint, POSITION_ROWS):
        yield b["listing"], b["label"], int(str(b["rows"]))


def refresh_endpoint(endpoint: Endpoint, weights: Weights) -> int:
    """Rebuild a server's summaries graph (evidence and treatment summaries, label positions) from
    its findings; return how many evidence summaries it holds."""
    summaries = all_triples(summarise(endpoint_rows(endpoint), weights), weights)
    treatments = treatment_triples(endpoint_treatments(endpoint))
    positions = position_triples(endpoint_positions(endpoint))
    lines = [_line(*t) for t in chain(summaries, treatments, positions)]
    drop = f"DROP SILENT GRAPH <{SUMMARY_GRAPH}>"
    chunks = [lines[i : i + BATCH_TRIPLES] for i in range(0, len(lines), BATCH_TRIPLES)] or [[]]
    for k, chunk in enumerate(chunks):
        insert = f"INSERT DATA {{ GRAPH <{SUMMARY_GRAPH}> {{\n{''.join(chunk)}}} }}"
        endpoint.update(f"{drop} ;\n{insert}" if k == 0 else insert)
    return sum(SUMMARY_LINE in line for line in lines)
