"""One rdfs:label per entity, the same whichever order documents arrive in and wherever they go.

Documents may spell one ungrounded entity differently ("heme iron", "heme irons": one IRI). Of
all the spellings given as its label, the entity's rdfs:label is the best by one rule: the
shortest, then the first in code-point order; every other spelling, and every alternative name a
mention gave, is a skos:altLabel (never the label itself). The rule depends only on the set of
spellings, so a file build, a store built in any number of batches or builds, and a SPARQL server
agree. A file build applies it as each triple arrives (`add_label`); a store and a server apply it
after each batch with one SPARQL update over the batch's entities (`settle_labels`), which runs in
the batch's transaction on a server. Entity descriptions are shared: removing a document leaves
them, so the label stays one of the spellings the store was given.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from typing import TypeVar

from rdflib import Graph
from rdflib.term import Node

from kg.namespaces import ID, RDF, RDFS, SKOS, TKG

Triple = tuple[Node, Node, Node]
T = TypeVar("T")

LABEL, ALT_LABEL = RDFS.label, SKOS.altLabel
ENTITY_CLASSES = (TKG.Therapy, TKG.Condition, TKG.Outcome)
ENTITY_PREFIXES = tuple(str(ID[f"{kind}/"]) for kind in ("therapy", "condition", "outcome"))
# the N-Triples forms the encoded lines start with
ENTITY_SUBJECTS = tuple(f"<{p}" for p in ENTITY_PREFIXES)
LABEL_NT = f"<{LABEL}>"


def label_rank(label: str) -> tuple[int, str]:
    """Return what orders an entity's candidate labels, best first: length, then code points
    (the same order as SPARQL's STRLEN and string comparison, see BETTER_LABEL)."""
    return len(label), str(label)


def best_label(labels: Iterable[T]) -> T:
    """Return the label the rule chooses among the candidates (strings or literals)."""
    return min(labels, key=lambda o: label_rank(str(o)))


class DocumentLabels:
    """The labels and alt labels one document gives its entities, held back until the document
    ends so that it gives each entity one rdfs:label, chosen by the rule."""

    def __init__(self) -> None:
        self.labels: dict[Node, dict[Node, None]] = {}
        self.alts: dict[Node, dict[Node, None]] = {}

    def hold(self, triples: Iterator[Triple]) -> Iterator[Triple]:
        """Yield the triples but for labels and alt labels, which are held."""
        for s, p, o in triples:
            if p == LABEL:
                self.labels.setdefault(s, {})[o] = None
            elif p == ALT_LABEL:
                self.alts.setdefault(s, {})[o] = None
            else:
                yield s, p, o

    def triples(self) -> Iterator[Triple]:
        """Yield each entity's one label and its alt labels (the other spellings among them)."""
        for s, labels in self.labels.items():
            best = best_label(labels)
            yield s, LABEL, best
            for alt in {**labels, **self.alts.get(s, {})}:
                if alt != best:
                    yield s, ALT_LABEL, alt


def add_label(g: Graph, s: Node, p: Node, o: Node) -> None:
    """Add an entity's label or alt label to a graph, keeping one rdfs:label by the rule."""
    current = g.value(s, LABEL)
    if p == ALT_LABEL:
        if o != current:
            g.add((s, ALT_LABEL, o))
        return
    if current is not None and current != o:
        best = best_label((current, o))
        other = o if best == current else current
        g.remove((s, LABEL, other))
        g.add((s, ALT_LABEL, other))
        o = best
    g.add((s, LABEL, o))
    g.remove((s, ALT_LABEL, o))


# ?b is a better label than ?l (the order of label_rank)
BETTER_LABEL = "STRLEN(?b) < STRLEN(?l) || (STRLEN(?b) = STRLEN(?l) && STR(?b) < STR(?l))"
# full IRIs: Oxigraph takes no PREFIX after the first operation of a request
SETTLE_LABELS = f"""
DELETE {{ GRAPH_OPEN ?e <{LABEL}> ?l GRAPH_CLOSE }}
INSERT {{ GRAPH_OPEN ?e <{ALT_LABEL}> ?l GRAPH_CLOSE }}
WHERE {{ ENTITIES GRAPH_OPEN ?e <{LABEL}> ?l , ?b GRAPH_CLOSE FILTER({BETTER_LABEL}) }} ;
DELETE {{ GRAPH_OPEN ?e <{ALT_LABEL}> ?l GRAPH_CLOSE }}
WHERE {{ ENTITIES GRAPH_OPEN ?e <{LABEL}> ?l ; <{ALT_LABEL}> ?l GRAPH_CLOSE }}
"""


def settle_labels(entities: Collection[str] = (), graph: str | None = None) -> str:
    """Return the update that leaves the entities (N-Triples IRIs; none given: every entity) one
    rdfs:label by the rule, the other labels as alt labels, in a named graph or the default one."""
    if entities:
        values = f"VALUES ?e {{ {' '.join(entities)} }}"
    else:
        classes = " ".join(f"<{c}>" for c in ENTITY_CLASSES)
        values = f"VALUES ?class {{ {classes} }} GRAPH_OPEN ?e <{RDF.type}> ?class GRAPH_CLOSE ."
    opening, closing = (f"GRAPH <{graph}> {{", "}") if graph else ("", "")
    text = SETTLE_LABELS.replace("ENTITIES", values)
    return text.replace("GRAPH_OPEN", opening).replace("GRAPH_CLOSE", closing)


def labelled_entities(lines: Iterable[str]) -> tuple[str, ...]:
    """Return the entities (as N-Triples IRIs) that N-Triples lines give an rdfs:label."""
    found: dict[str, None] = {}
    for line in lines:
        if line.startswith(ENTITY_SUBJECTS):
            subject, predicate, _ = line.split(" ", 2)
            if predicate == LABEL_NT:
                found[subject] = None
    return tuple(found)
