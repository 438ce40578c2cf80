"""Read findings out of a graph as summary rows, and write evidence summaries as RDF.

The rows come from an rdflib graph (a file build), or from the SPARQL engine of a store or a
server, streamed row by row: summarising never loads a store into rdflib.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.evidence.summary import FindingRow, Summary
from kg.evidence.weights import Weights
from kg.graph.build import EXTRACTOR, Triple, literal
from kg.namespaces import (
    DESIGN_IRIS,
    DIRECTION_COUNTS,
    DIRECTION_IRIS,
    PROV,
    RDF,
    TKG,
    XSD,
    hashed_iri,
)

DESIGN_OF_IRI = {str(iri): name for name, iri in DESIGN_IRIS.items()}
DIRECTION_OF_IRI = {str(iri): name for name, iri in DIRECTION_IRIS.items()}
# the rows of every finding with an outcome; `#THERAPIES#` becomes a VALUES block or nothing
FINDING_ROWS = """
PREFIX tkg: <https://w3id.org/therapy-kg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?f ?t ?o ?c ?dir ?hedged ?study ?doc ?design ?n WHERE {
  #THERAPIES#
  ?f a tkg:Finding ; tkg:therapy ?t ; tkg:outcome ?o ; tkg:direction ?dir ; tkg:hedged ?hedged ;
     prov:wasDerivedFrom ?st .
  ?st tkg:inDocument ?doc .
  OPTIONAL { ?f tkg:condition ?c }
  OPTIONAL { ?f tkg:study ?study
             OPTIONAL { ?study tkg:design ?design } OPTIONAL { ?study tkg:sampleSize ?n } }
}
"""

# the findings that support each tkg:treats edge: not negated, naming the therapy and the condition
TREATMENT_ROWS = """
PREFIX tkg: <https://w3id.org/therapy-kg/ontology#>
SELECT ?t ?c (COUNT(DISTINCT ?f) AS ?n) WHERE {
  #THERAPIES#
  ?f a tkg:Finding ; tkg:therapy ?t ; tkg:condition ?c ; tkg:negated false .
}
GROUP BY ?t ?c
"""
# a treatment summary: therapy IRI, condition IRI, the number of findings that support the edge
Treatment = tuple[str, str, int]


def summary_iri(s: Summary) -> URIRef:
    """Return the stable IRI of a summary, from the IRIs of what it is about."""
    t, o, c = s.key
    return hashed_iri("summary", t, o, c or "")


def make_row(values: dict[str, str | None]) -> FindingRow | None:
    """Return the row of one finding from its query values (strings), None if it lacks one."""
    f, t, o, d = values.get("f"), values.get("t"), values.get("o"), values.get("dir")
    if not (f and t and o and d):
        return None
    n = values.get("n")
    return FindingRow(
        finding=f,
        therapy=t,
        outcome=o,
        condition=values.get("c"),
        direction=DIRECTION_OF_IRI.get(d, "unspecified"),
        hedged=(values.get("hedged") or "").lower() in ("true", "1"),
        study=values.get("study") or values.get("doc") or f,
        design=DESIGN_OF_IRI.get(values.get("design") or ""),
        sample_size=int(n) if n and n.lstrip("-").isdigit() else None,
    )


def graph_rows(g: Graph) -> Iterator[FindingRow]:
    """Yield the rows of the findings of an rdflib graph."""
    for f in g.subjects(RDF.type, TKG.Finding):
        st = g.value(f, PROV.wasDerivedFrom)
        study = g.value(f, TKG.study)
        values = {
            "f": f,
            "t": g.value(f, TKG.therapy),
            "o": g.value(f, TKG.outcome),
            "c": g.value(f, TKG.condition),
            "dir": g.value(f, TKG.direction),
            "hedged": g.value(f, TKG.hedged),
            "study": study,
            "doc": g.value(st, TKG.inDocument) if st is not None else None,
            "design": g.value(study, TKG.design) if study is not None else None,
            "n": g.value(study, TKG.sampleSize) if study is not None else None,
        }
        row = make_row({k: None if v is None else str(v) for k, v in values.items()})
        if row is not None:
            yield row


def designs_text(s: Summary, weights: Weights) -> str:
    """Return the designs of a summary's findings with their counts, the weightiest first."""
    order = sorted(s.designs, key=lambda d: (-weights.design(None if d == "no stated design" else d), d))
    return "; ".join(f"{d} {s.designs[d]}" for d in order)


@lru_cache(maxsize=2048)
def strength_literal(value: float) -> Literal:
    """Return a strength (rounded to 3 places) as an xsd:decimal literal in its canonical form
    ("0", "1", "0.5": no trailing zero), the form a store keeps, so that a file and a store agree."""
    return Literal(format((Decimal(str(value)) + 0).normalize(), "f"), datatype=XSD.decimal)


def summary_triples(s: Summary, weights: Weights) -> Iterator[Triple]:
    """Yield the triples of one evidence summary, linked to its findings with PROV."""
    e = summary_iri(s)
    t, o, c = s.key
    yield e, RDF.type, TKG.EvidenceSummary
    yield e, RDF.type, PROV.Entity
    yield e, TKG.aboutTherapy, URIRef(t)
    yield e, TKG.aboutOutcome, URIRef(o)
    if c:
        yield e, TKG.aboutCondition, URIRef(c)
    # counts, strengths and flags recur across summaries: each literal is made once (literal())
    yield e, TKG.findingCount, literal(s.finding_count, XSD.integer)
    yield e, TKG.studyCount, literal(s.study_count, XSD.integer)
    for direction, (findings, studies) in DIRECTION_COUNTS.items():
        yield e, findings, literal(len(s.findings[direction]), XSD.integer)
        yield e, studies, literal(len(s.studies[direction]), XSD.integer)
    yield e, TKG.consensus, DIRECTION_IRIS[s.consensus]
    yield e, TKG.strength, strength_literal(s.strength)
    yield e, TKG.contradicted, literal(s.contradicted)
    yield e, TKG.designCounts, Literal(designs_text(s, weights))
    yield e, PROV.wasAttributedTo, EXTRACTOR
    for ids in s.findings.values():
        for f in ids:
            yield e, PROV.wasDerivedFrom, URIRef(f)


def all_triples(summaries: Iterable[Summary], weights: Weights) -> Iterator[Triple]:
    """Yield the triples of many summaries."""
    for s in summaries:
        yield from summary_triples(s, weights)


def summary_nodes(g: Graph) -> list[Node]:
    """Return the summary nodes of a graph."""
    return list(g.subjects(RDF.type, TKG.EvidenceSummary))


def treatment_triples(rows: Iterable[Treatment]) -> Iterator[Triple]:
    """Yield the triples of the treatment summaries: the support of each tkg:treats edge."""
    for t, c, n in rows:
        e = hashed_iri("summary", "treatment", t, c)  # beside the evidence summaries
        yield e, RDF.type, TKG.TreatmentSummary
        yield e, RDF.type, PROV.Entity
        yield e, TKG.aboutTherapy, URIRef(t)
        yield e, TKG.aboutCondition, URIRef(c)
        yield e, TKG.supportingFindings, literal(n, XSD.integer)
        yield e, PROV.wasAttributedTo, EXTRACTOR


def graph_treatments(g: Graph) -> list[Treatment]:
    """Return the treatment summaries of the findings of an rdflib graph."""
    support: dict[tuple[str, str], set[Node]] = {}
    for f in g.subjects(RDF.type, TKG.Finding):
        negated = g.value(f, TKG.negated)
        if not isinstance(negated, Literal) or negated.toPython() is not False:
            continue
        for t in g.objects(f, TKG.therapy):
            for c in g.objects(f, TKG.condition):
                support.setdefault((str(t), str(c)), set()).add(f)
    return [(t, c, len(fs)) for (t, c), fs in sorted(support.items())]


def treatment_nodes(g: Graph) -> list[Node]:
    """Return the treatment summary nodes of a graph."""
    return list(g.subjects(RDF.type, TKG.TreatmentSummary))
