"""Label positions: where each therapy label begins in two listings of the named queries, written
at build time so that a first page reads a few nodes instead of every finding.

A listing is the findings of one study design (findings-by-design bound to a design sorts its rows
by the therapy's label within the design) or the findings in a condition (therapies-for-condition
left unbound sorts its rows by the therapy's label first). Each label of a therapy that the
listing's findings name gets one node:

    id:position/… a tkg:LabelPosition ; tkg:inListing tkg:RandomizedControlledTrial ;
        tkg:positionLabel "baclofen" ; tkg:listedRows 12 ; tkg:rowsBefore 340 .

listedRows estimates the query's rows of that label in the listing (the distinct rows of condition,
outcome, direction, negation, hedging and study that its findings make); rowsBefore adds up the
counts of the labels before it in code-point order, the order of the queries' ORDER BY. A window
(`queries/windows/NAME.positions.rq`) reads the labels whose rowsBefore is below the rows a page
needs: a few nodes, found by index. Every label the query's rows can take is listed (a superset:
the listing asks less of a finding than the query does), so the labels a page binds are the first.

A label's position depends on every other label of its listing, so the positions are all computed
again from the whole graph after every change: with the evidence summaries at the end of a file
build, after each store build, removal or recovery (kg.evidence.refresh.refresh_store), and after
each load into or removal from a server (into its summaries graph). However many processes or Dask
workers extracted the documents, one process writes the store or the server, and it computes the
positions from what the store or the server holds once the documents are in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import product

from rdflib import Graph, Literal
from rdflib.term import Node

from kg.graph.build import Triple
from kg.namespaces import CONDITION_LISTING, RDF, RDFS, TKG, XSD, hashed_iri

# each listing (a design, or the findings in a condition) with the labels of its therapies and, for
# each, the number of distinct rows its findings make of condition, outcome, direction, negation,
# hedging and study (the queries' rows fold findings that agree in every column)
POSITION_ROWS = f"""
PREFIX tkg: <https://w3id.org/therapy-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?listing ?label (COUNT(DISTINCT ?row) AS ?rows) WHERE {{
  {{ ?f tkg:therapy ?t ; tkg:study ?s . ?s tkg:design ?listing
     OPTIONAL {{ ?f tkg:condition ?c }} }}
  UNION
  {{ ?f tkg:therapy ?t ; tkg:condition ?c . OPTIONAL {{ ?f tkg:study ?s }}
     BIND(<{CONDITION_LISTING}> AS ?listing) }}
  ?t rdfs:label ?label .
  OPTIONAL {{ ?f tkg:outcome ?o }}
  OPTIONAL {{ ?f tkg:direction ?dir }}
  OPTIONAL {{ ?f tkg:negated ?negated }}
  OPTIONAL {{ ?f tkg:hedged ?hedged }}
  BIND(CONCAT(COALESCE(STR(?c), ""), " ", COALESCE(STR(?o), ""), " ", COALESCE(STR(?dir), ""), " ",
              COALESCE(STR(?negated), ""), " ", COALESCE(STR(?hedged), ""), " ",
              COALESCE(STR(?s), "")) AS ?row)
}}
GROUP BY ?listing ?label
"""
# the columns of a row that POSITION_ROWS reads in OPTIONAL groups, after the condition
OPTIONAL_COLUMNS = (TKG.outcome, TKG.direction, TKG.negated, TKG.hedged)
DELETE_POSITIONS = """
PREFIX tkg: <https://w3id.org/therapy-kg/ontology#>
DELETE { ?p ?x ?y } WHERE { ?p a tkg:LabelPosition ; ?x ?y }
"""


def is_plain(term: Node) -> bool:
    """Return whether a term is a plain string literal (one that ORDER BY compares by code point)."""
    return isinstance(term, Literal) and not term.language and term.datatype in (None, XSD.string)


def position_triples(rows: Iterable[tuple[Node, Node, int]]) -> Iterator[Triple]:
    """Return the label positions of (listing, label, rows) counts. In a listing with a label that
    is not a plain string every label begins at 0: a window then reads them all, finds terms that do
    not compare as plain strings, and the page runs without it."""
    listings: dict[Node, dict[Node, int]] = {}
    for listing, label, n in rows:
        labels = listings.setdefault(listing, {})
        labels[label] = labels.get(label, 0) + n
    for listing, labels in listings.items():
        plain = all(is_plain(label) for label in labels)
        before = 0
        for label in sorted(labels, key=str):
            node = hashed_iri("position", str(listing), str(label), label.n3())
            yield node, RDF.type, TKG.LabelPosition
            yield node, TKG.inListing, listing
            yield node, TKG.positionLabel, label
            yield node, TKG.listedRows, Literal(labels[label])
            yield node, TKG.rowsBefore, Literal(before if plain else 0)
            before += labels[label]


def _values(g: Graph, subject: Node, p: Node) -> list[Node | None]:
    """Return the objects of a subject's property, or [None] (an OPTIONAL pattern left unbound)."""
    found: list[Node | None] = list(g.objects(subject, p))
    return found or [None]


def graph_positions(g: Graph) -> Iterator[tuple[Node, Node, int]]:
    """Return the (listing, label, rows) counts of an in-memory graph's label positions, as
    POSITION_ROWS counts them (walked in Python: rdflib's engine takes far longer)."""
    rows: dict[tuple[Node, Node], set[tuple[str, ...]]] = {}
    for f, t in g.subject_objects(TKG.therapy):
        labels = list(g.objects(t, RDFS.label))
        conditions, studies = _values(g, f, TKG.condition), _values(g, f, TKG.study)
        listed: list[tuple[Node, Node | None, Node | None]] = []
        listed += [
            (d, c, s) for s in studies if s is not None for d in g.objects(s, TKG.design) for c in conditions
        ]
        listed += [(CONDITION_LISTING, c, s) for c in conditions if c is not None for s in studies]
        rest = list(product(*(_values(g, f, p) for p in OPTIONAL_COLUMNS)))
        for (listing, c, s), label in product(listed, labels):
            seen = rows.setdefault((listing, label), set())
            seen.update(tuple("" if v is None else str(v) for v in (c, *more, s)) for more in rest)
    for (listing, label), seen in rows.items():
        yield listing, label, len(seen)
