"""Triples of arm results: findings about an arm that a sentence names by role or label ("the
intervention group", "group B", "between the two groups"), resolved to the treatment the document
gives that arm (kg/extractors/roles/references.py).

The annotation guidelines leave such generic references unannotated, and a resolution can be
wrong, so an arm result is a `tkg:ArmResult`, not a `tkg:Finding`: queries of findings do not see
it, a query of arm results does. It keeps the words that named the arm (`tkg:armReference`)."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.model import Finding
from kg.namespaces import DIRECTION_IRIS, PROV, RDF, TKG, hashed_iri

Triple = tuple[Node, Node, Node]


def arm_result_iri(st: URIRef, f: Finding) -> URIRef:
    """Return a stable IRI for an arm result from its statement, its reference and its claim."""
    outcome = f.outcome.label.lower() if f.outcome else ""
    return hashed_iri(
        "arm-result", str(st), f.therapy.text.lower(), f.therapy.label.lower(), outcome, f.direction
    )


def arm_result_triples(
    ai: URIRef, st: URIRef, f: Finding, therapy: URIRef, outcome: URIRef | None, agent: URIRef
) -> Iterator[Triple]:
    """Yield the triples of one arm result; therapy and outcome are its entities' IRIs."""
    yield ai, RDF.type, TKG.ArmResult
    yield ai, RDF.type, PROV.Entity
    yield ai, PROV.wasDerivedFrom, st
    yield ai, PROV.wasAttributedTo, agent
    yield ai, TKG.arm, therapy
    yield ai, TKG.armReference, Literal(f.therapy.text)
    if outcome is not None:
        yield ai, TKG.armOutcome, outcome
    yield ai, TKG.armDirection, DIRECTION_IRIS[f.direction]
    if f.evidence.found_by:
        yield ai, TKG.foundBy, Literal(f.evidence.found_by)
