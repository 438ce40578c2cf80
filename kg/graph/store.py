"""Keep graphs in an embedded on-disk Oxigraph store, one named graph per document.

Re-building a document replaces its named graph; removing a document drops it. Queries run on
Oxigraph's own SPARQL engine with every document graph visible as the default graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier, Node

from kg.errors import KgError, first_line
from kg.graph.build import PREFIXES, agent_triples, document_iri, document_triples
from kg.graph.query import PREFIXES as QUERY_PREFIXES
from kg.graph.query import QueryResult, check_bindings
from kg.model import Document, SentenceResult
from kg.namespaces import ID, TKG

# the opening brace of the WHERE group, where bound values go
WHERE_RE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
SHARED_PREFIXES = (
    *(str(ID[f"{kind}/"]) for kind in ("therapy", "condition", "outcome", "study", "agent")),
    str(TKG._NS),
)
PRUNE_TREATS = """
PREFIX tkg: <https://w3id.org/therapy-kg/ontology#>
DELETE { ?t tkg:treats ?c }
WHERE {
  ?t tkg:treats ?c .
  FILTER NOT EXISTS { GRAPH ?g { ?f tkg:therapy ?t ; tkg:condition ?c ; tkg:negated false } }
}
"""
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
# quads buffered before they are written in one transaction
BATCH_QUADS = 50_000
# files that only an Oxigraph (RocksDB) store folder holds
STORE_MARKERS = ("CURRENT", "IDENTITY")


@dataclass
class WriteStats:
    """What a store build wrote: documents, sentences, findings and quads."""

    documents: int = 0
    sentences: int = 0
    findings: int = 0
    quads: int = 0


def is_store(path: Path | str) -> bool:
    """Return whether a path is an Oxigraph store folder."""
    p = Path(path)
    return p.is_dir() and all((p / m).exists() for m in STORE_MARKERS)


def open_store(path: Path | str, create: bool = False) -> ox.Store:
    """Open an on-disk store (created when missing and create is true)."""
    p = Path(path)
    if not create and not is_store(p):
        raise KgError(f"{p} is not a therapy-kg store (build one with kg build ... --store {p})")
    if p.exists() and not p.is_dir():
        raise KgError(f"{p} is a file, not a store folder")
    try:
        return ox.Store(str(p))
    except OSError as exc:
        raise KgError(f"cannot open store {p}: {first_line(exc)}") from None


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert an rdflib term to an Oxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store {term!r}")


def to_rdflib(term: object) -> Identifier:
    """Convert an Oxigraph term to an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            return Literal(term.value)  # a simple literal, as rdflib parses it
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"cannot convert {term!r}")


def is_shared(s: Node, p: Node) -> bool:
    """Return whether a triple describes something documents share (an entity, a study, a design,
    the extractor, a treats edge): such triples live once in the default graph, so that a query
    over all graphs sees each of them once."""
    return p == TKG.treats or str(s).startswith(SHARED_PREFIXES)


def document_quads(doc: Document, results: Iterable[SentenceResult]) -> Iterator[ox.Quad]:
    """Yield a document's triples as quads: its statements and findings in its own named graph,
    the descriptions it shares with other documents in the default graph."""
    g = ox.NamedNode(str(document_iri(doc)))
    for s, p, o in (*agent_triples(), *document_triples(doc, results)):
        graph = ox.DefaultGraph() if is_shared(s, p) else g
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph)  # type: ignore[arg-type]


def prune(store: ox.Store) -> None:
    """Drop treats edges that no remaining, non-negated finding supports."""
    store.update(PRUNE_TREATS)


def write_documents(
    store: ox.Store, items: Iterable[tuple[Document, list[SentenceResult]]], batch: int = BATCH_QUADS
) -> WriteStats:
    """Write documents into the store in batches, replacing any earlier build of the same document."""
    stats = WriteStats()
    buffer: dict[ox.Quad, None] = {}  # ordered and without repeats (shared quads recur across documents)
    pending: set[ox.NamedNode] = set()
    replaced = False

    def flush() -> None:
        stats.quads += len(buffer)
        store.extend(list(buffer))
        buffer.clear()
        pending.clear()

    for doc, results in items:
        graph = ox.NamedNode(str(document_iri(doc)))
        if graph in pending:
            flush()  # the same document twice in one run: the later one wins
        if store.contains_named_graph(graph):
            store.remove_graph(graph)
            replaced = True
        pending.add(graph)
        buffer.update(dict.fromkeys(document_quads(doc, results)))
        stats.documents += 1
        stats.sentences += len(results)
        stats.findings += sum(len(r.findings) for r in results)
        if len(buffer) >= batch:
            flush()
    flush()
    if replaced:
        prune(store)
    store.flush()
    return stats


def remove_document(store: ox.Store, doc_id: str) -> bool:
    """Remove a document (by the identifier it was built under, or its IRI); False if absent."""
    iri = doc_id if doc_id.startswith(("http://", "https://")) else str(document_iri(Document(doc_id, "")))
    graph = ox.NamedNode(iri)
    if not store.contains_named_graph(graph):
        return False
    store.remove_graph(graph)
    prune(store)
    store.flush()
    return True


def store_graph(store: ox.Store) -> Graph:
    """Return every document graph of a store merged into one rdflib graph."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for q in store.quads_for_pattern(None, None, None, None):
        g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return g


def with_values(sparql: str, values: dict[str, Literal]) -> str:
    """Return the query with a VALUES block binding the given variables at the top of its WHERE
    group. Each value is serialised by Oxigraph as an escaped literal, so no caller text can end
    the literal or change the query."""
    if not values:
        return sparql
    m = WHERE_RE.search(sparql)
    if m is None:
        raise KgError("cannot bind values: the query has no WHERE { ... } group")
    names = " ".join(f"?{k}" for k in values)
    row = " ".join(str(ox.Literal(str(v))) for v in values.values())
    return f"{sparql[: m.end()]} VALUES ({names}) {{ ({row}) }} {sparql[m.end() :]}"


def query_store(store: ox.Store, sparql: str, bindings: dict[str, str] | None = None) -> QueryResult:
    """Run SPARQL on Oxigraph's engine; bound values go in as escaped literals, never pasted."""
    values = check_bindings(sparql, bindings or {})
    try:
        res = store.query(
            with_values(sparql, values), prefixes=QUERY_PREFIXES, use_default_graph_as_union=True
        )
    except (SyntaxError, ValueError, OSError) as exc:
        raise KgError(f"bad SPARQL: {first_line(exc)}") from None
    if isinstance(res, ox.QueryBoolean):
        return QueryResult(boolean=bool(res))
    if isinstance(res, ox.QueryTriples):
        g = Graph()
        for t in res:
            g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return QueryResult(graph=g.serialize(format="turtle"))
    names = tuple(v.value for v in res.variables)
    seen: dict[object, Identifier] = {}  # results repeat labels and IRIs: convert each term once

    def convert(term: object) -> Identifier | None:
        if term is None:
            return None
        if term not in seen:
            seen[term] = to_rdflib(term)
        return seen[term]

    cells = tuple(tuple(convert(row[n]) for n in names) for row in res)
    rows = tuple(tuple(None if c is None else str(c) for c in row) for row in cells)
    return QueryResult(vars=names, rows=rows, cells=cells)
