"""Keep graphs in an embedded on-disk Oxigraph store.

Every triple lives in the store's default graph, so that SPARQL sees each of them once and
Oxigraph's indexes serve every query. A document owns the triples of its statements, findings
and itself (everything reachable as `?s tkg:inDocument <doc>`, `?f prov:wasDerivedFrom ?s`):
re-building a document deletes those before loading the new ones, and `remove_document` deletes
them; descriptions that documents share (entities with their labels, studies, designs) stay, and
treats edges that no finding supports any more are pruned. After each batch its entities are left
one rdfs:label each (kg.graph.labels), so that a store holds the graph of a file build.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Identifier

from kg.errors import KgError, first_line
from kg.graph.build import PREFIXES, document_iri
from kg.graph.encode import to_rdflib
from kg.graph.labels import settle_labels
from kg.graph.query import PREFIXES as QUERY_PREFIXES
from kg.graph.query import QueryResult, check_bindings
from kg.graph.sparql_text import Choices, lateral_optionals, with_values
from kg.model import Document

if TYPE_CHECKING:
    from kg.evidence.weights import Weights
from kg.namespaces import TKG

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
TKG_DOCUMENT = ox.NamedNode(str(TKG.Document))
DCTERMS_SOURCE = ox.NamedNode("http://purl.org/dc/terms/source")
# the document IRI goes in as an IRI term serialised by Oxigraph (it is our own hash IRI)
DELETE_DOCUMENT = """
PREFIX tkg: <https://w3id.org/therapy-kg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
DELETE { ?x ?p ?o }
WHERE {
  { BIND(?doc_iri AS ?x) }
  UNION { ?x tkg:inDocument ?doc_iri }
  UNION { ?st tkg:inDocument ?doc_iri . ?x prov:wasDerivedFrom ?st . ?x a tkg:Finding }
  UNION { ?doc_iri tkg:reports ?x FILTER NOT EXISTS { ?other tkg:reports ?x FILTER(?other != ?doc_iri) } }
  ?x ?p ?o .
}
"""
PRUNE_TREATS = """
PREFIX tkg: <https://w3id.org/therapy-kg/ontology#>
DELETE { ?t tkg:treats ?c }
WHERE {
  ?t tkg:treats ?c .
  FILTER NOT EXISTS { ?f tkg:therapy ?t ; tkg:condition ?c ; tkg:negated false }
}
"""
# the journal of the batch being loaded (bulk loading is not atomic: an interrupted batch is removed)
JOURNAL_NAME = "therapy-kg-loading.txt"
LOG = logging.getLogger("kg")
# files that only an Oxigraph (RocksDB) store folder holds
STORE_MARKERS = ("CURRENT", "IDENTITY")


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
        store = ox.Store(str(p))
    except OSError as exc:
        raise KgError(f"cannot open store {p}: {first_line(exc)}") from None
    removed = recover(store, p)
    if removed:
        LOG.warning(
            "kg: %d document(s) of an interrupted build were removed from %s; build them again", removed, p
        )
    return store


def journal_path(folder: Path) -> Path:
    """Return the file that lists the documents of the batch being loaded into a store."""
    return folder / JOURNAL_NAME


def recover(store: ox.Store, folder: Path) -> int:
    """Remove the documents of a batch whose loading was interrupted, so that none is left half
    written; return how many there were."""
    journal = journal_path(folder)
    if not journal.exists():
        return 0
    iris = [line for line in journal.read_text(encoding="utf-8").splitlines() if line]
    for iri in iris:
        delete_document(store, iri)
    prune(store)
    store.update(settle_labels())  # the batch may have added labels before it stopped
    from kg.evidence.refresh import refresh_store
    from kg.evidence.weights import store_weights

    refresh_store(store, store_weights(folder, None))  # all of them: the batch's are unknown
    store.flush()
    journal.unlink()
    return len(iris)


def has_document(store: ox.Store, iri: str) -> bool:
    """Return whether the store holds a document."""
    pattern = store.quads_for_pattern(ox.NamedNode(iri), RDF_TYPE, TKG_DOCUMENT, ox.DefaultGraph())
    return next(iter(pattern), None) is not None


def delete_document(store: ox.Store, iri: str) -> None:
    """Delete the triples a document owns: itself, its statements and their findings."""
    store.update(DELETE_DOCUMENT.replace("?doc_iri", str(ox.NamedNode(iri))))


def prune(store: ox.Store) -> None:
    """Drop treats edges that no remaining, non-negated finding supports."""
    store.update(PRUNE_TREATS)


def remove_document(store: ox.Store, doc_id: str, weights: Weights | None = None) -> bool:
    """Remove a document (by the identifier it was built under, or its IRI) and rebuild the
    evidence summaries of the therapies it named; False if absent."""
    from kg.evidence.refresh import document_therapies, refresh_store
    from kg.evidence.weights import read_weights

    iri = doc_id if doc_id.startswith(("http://", "https://")) else str(document_iri(Document(doc_id, "")))
    if not has_document(store, iri):
        return False
    therapies = document_therapies(store, iri)
    delete_document(store, iri)
    prune(store)
    refresh_store(store, weights or read_weights(), therapies)
    store.flush()
    return True


def documents_of(store: ox.Store, key: str) -> list[str]:
    """Return the identifiers a removal names: the key itself, and the records built from a file
    of that name ("records.xml#12345" for "records.xml")."""
    prefix = f"{key}#"
    sources = store.quads_for_pattern(None, DCTERMS_SOURCE, None, ox.DefaultGraph())
    records = sorted(
        q.object.value
        for q in sources
        if isinstance(q.object, ox.Literal) and q.object.value.startswith(prefix)
    )
    return [key, *records]


def store_graph(store: ox.Store) -> Graph:
    """Return every document graph of a store merged into one rdflib graph."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return g


def query_store(
    store: ox.Store,
    sparql: str,
    bindings: dict[str, str] | None = None,
    lateral: bool = False,
    choices: Choices | None = None,
) -> QueryResult:
    """Run SPARQL on Oxigraph's engine; bound values (and the terms a variable may take, choices)
    go in as escaped terms in VALUES blocks, never pasted."""
    values = check_bindings(sparql, bindings or {})
    try:
        text = (
            lateral_optionals(sparql) if lateral and (values or choices) else sparql
        )  # lateral pays off on bound, selective queries
        res = store.query(with_values(text, values, choices), prefixes=QUERY_PREFIXES)
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

    cells = tuple(tuple(convert(t) for t in row) for row in res)  # a solution yields its values in order
    rows = tuple(tuple(None if c is None else str(c) for c in row) for row in cells)
    return QueryResult(vars=names, rows=rows, cells=cells)
