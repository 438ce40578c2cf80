"""Turn extracted sentence results into RDF triples that follow the graph contract."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg import __version__
from kg.graph.arm_results import arm_result_iri, arm_result_triples
from kg.graph.labels import ENTITY_PREFIXES, DocumentLabels, add_label
from kg.graph.records import record_triples
from kg.model import Document, Finding, Mention, SentenceResult, Study
from kg.namespaces import (
    BIBO,
    BIOLINK,
    DCTERMS,
    DESIGN_IRIS,
    DIRECTION_IRIS,
    ID,
    MESH,
    PROV,
    RDF,
    RDFS,
    SKOS,
    TKG,
    XSD,
    entity_iri,
    hashed_iri,
)

Triple = tuple[Node, Node, Node]

CLASS_OF_KIND = {"therapy": TKG.Therapy, "condition": TKG.Condition, "outcome": TKG.Outcome}
EXTRACTOR = ID[f"agent/therapy-kg-{__version__}"]
PREFIXES = {
    "tkg": TKG._NS,
    "id": ID,
    "prov": PROV,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "biolink": BIOLINK,
    "bibo": BIBO,
    "mesh": MESH,
}

_NUMERIC_CITATION = set("0123456789,;-– ")
# rdflib's own namespaces compute a term on every attribute access: the ones on most lines, once
TYPE, LABEL, ALT_LABEL, EXACT_MATCH = RDF.type, RDFS.label, SKOS.altLabel, SKOS.exactMatch
ENTITY, DERIVED_FROM, ATTRIBUTED_TO = PROV.Entity, PROV.wasDerivedFrom, PROV.wasAttributedTo
INTEGER = XSD.integer


@lru_cache(maxsize=1 << 12, typed=True)
def literal(value: str | int | bool, datatype: URIRef | None = None) -> Literal:
    """Return the literal of a value that recurs across documents (a label, an offset, a flag),
    made once: building an rdflib Literal costs more than the rest of its triple."""
    return Literal(value, datatype=datatype)


def new_graph() -> Graph:
    """Return an empty graph with the project's prefixes bound."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def document_iri(doc: Document) -> URIRef:
    """Return the stable IRI of a document, from its identifier."""
    return hashed_iri("document", doc.id)


def statement_iri(doc: Document, index: int) -> URIRef:
    """Return the stable IRI of the index-th statement of a document."""
    return hashed_iri("statement", doc.id, str(index))


def study_iri(doc: Document, study: Study, statement: URIRef) -> URIRef:
    """Return a study IRI: a record's from its identifier, numbered citations local to their
    document, author-year ones global."""
    if study.key:
        return hashed_iri("study", study.key)
    if study.citation:
        if set(study.citation) <= _NUMERIC_CITATION:
            return hashed_iri("study", doc.id, study.citation)
        return hashed_iri("study", " ".join(study.citation.lower().split()))
    return hashed_iri("study", str(statement), study.design or "")


def node_iri(m: Mention, kind: str | None = None) -> URIRef:
    """Return the IRI of the node a mention names: its concept's when it names one exactly
    (every surface form of a MeSH, DrugBank or HPO concept is one node), else its label's."""
    return entity_iri(kind or m.kind, m.node_label)


def mention_triples(m: Mention, kind: str | None = None) -> Iterator[Triple]:
    """Yield the type, labels and identifiers of the entity a mention names; the mention's own
    label and abbreviations become alt labels of a concept's node."""
    kind = kind or m.kind
    e = node_iri(m, kind)
    label = m.node_label
    yield e, TYPE, CLASS_OF_KIND[kind]
    yield e, LABEL, literal(label)
    yield e, TKG.labelKey, literal(label.lower())
    for alt in dict.fromkeys((m.label, *m.alt_labels)):
        if alt.lower() != label.lower():
            yield e, ALT_LABEL, literal(alt)
            yield e, TKG.labelKey, literal(alt.lower())
    for ident in m.identifiers:
        yield e, EXACT_MATCH, URIRef(ident)


def study_triples(s: URIRef, study: Study) -> Iterator[Triple]:
    """Yield the triples describing a study and its design."""
    yield s, TYPE, TKG.Study
    if study.citation:
        yield s, TKG.citation, literal(study.citation)
    if study.label or study.citation:
        yield s, LABEL, literal(study.label or study.citation)
    if study.design:
        design = DESIGN_IRIS[study.design]
        yield s, TKG.design, design
        yield design, TYPE, TKG.StudyDesign
        yield design, LABEL, literal(study.design)
        yield design, TKG.labelKey, literal(study.design.lower())
    if study.sample_size is not None:
        yield s, TKG.sampleSize, literal(study.sample_size, datatype=INTEGER)


def finding_iri(st: URIRef, f: Finding) -> URIRef:
    """Return a stable IRI for a finding from its statement and its claim."""
    parts = [
        str(st),
        f.therapy.label.lower(),
        f.condition.label.lower() if f.condition else "",
        f.outcome.label.lower() if f.outcome else "",
        f.direction,
        str(f.negated),
    ]
    return hashed_iri("finding", *parts)


def finding_triples(fi: URIRef, st: URIRef, f: Finding, studies: dict[Study, URIRef]) -> Iterator[Triple]:
    """Yield the triples of one finding, its provenance and its shortcut edge."""
    therapy = node_iri(f.therapy)
    yield fi, TYPE, TKG.Finding
    yield fi, TYPE, ENTITY
    yield fi, DERIVED_FROM, st
    yield fi, ATTRIBUTED_TO, EXTRACTOR
    yield fi, TKG.therapy, therapy
    if f.condition is not None:
        condition = node_iri(f.condition)
        yield fi, TKG.condition, condition
        if not f.negated:
            yield therapy, TKG.treats, condition
    if f.outcome is not None:
        yield fi, TKG.outcome, node_iri(f.outcome)
    if f.comparator is not None:
        yield fi, TKG.comparator, node_iri(f.comparator, "therapy")
    yield fi, TKG.direction, DIRECTION_IRIS[f.direction]
    yield fi, TKG.negated, literal(f.negated)
    yield fi, TKG.hedged, literal(f.hedged)
    if f.evidence.negation_cue:
        yield fi, TKG.negationCue, literal(f.evidence.negation_cue)
    if f.evidence.hedge_cue:
        yield fi, TKG.hedgeCue, literal(f.evidence.hedge_cue)
    if f.evidence.found_by:
        yield fi, TKG.foundBy, literal(f.evidence.found_by)
    if f.study is not None and f.study in studies:
        yield fi, TKG.study, studies[f.study]


def document_triples(doc: Document, results: Iterable[SentenceResult]) -> Iterator[Triple]:
    """Yield every triple for one document and its extracted sentences."""
    d = document_iri(doc)
    yield d, TYPE, TKG.Document
    yield d, TYPE, ENTITY
    yield d, LABEL, Literal(doc.name)
    yield d, DCTERMS.source, Literal(doc.id)
    own = doc.study
    reported: dict[Study, URIRef] = {}
    described: set[tuple[object, ...]] = set()  # entities and studies already described here
    labels = DocumentLabels()  # the entities' labels, given once the document is read
    if own is not None and doc.record is not None:
        reported[own] = study_iri(doc, own, d)
        yield d, TKG.reports, reported[own]
        yield from study_triples(reported[own], own)
        yield from record_triples(reported[own], doc.record)
    for r in results:
        st = statement_iri(doc, r.sentence.index)
        yield st, TYPE, TKG.Statement
        yield st, TKG.text, Literal(r.sentence.text)  # unique: not cached
        yield st, TKG.inDocument, d
        yield st, TKG.sentenceIndex, literal(r.sentence.index, datatype=INTEGER)
        yield st, TKG.startOffset, literal(r.sentence.start, datatype=INTEGER)
        yield st, TKG.endOffset, literal(r.sentence.end, datatype=INTEGER)
        yield st, DERIVED_FROM, d
        for m in r.mentions:
            yield st, TKG.mentions, node_iri(m)
            yield from labels.hold(_once(described, _entity_key(m), mention_triples(m)))
        studies = dict(reported)
        for study in r.studies:
            s = studies.setdefault(study, study_iri(doc, study, st))
            yield st, TKG.cites, s
            yield from _once(described, (s, study), study_triples(s, study))
        for f in r.findings:
            for part in (f.therapy, f.condition, f.outcome, f.comparator):
                if part is not None:
                    yield from labels.hold(_once(described, _entity_key(part), mention_triples(part)))
            if f.study is not None and f.study.key == doc.own_key and f.study not in studies:
                # the study a plain text describes as its own, stated in an earlier sentence
                studies[f.study] = reported.setdefault(f.study, study_iri(doc, f.study, st))
                yield d, TKG.reports, studies[f.study]
                yield from study_triples(studies[f.study], f.study)
            yield from finding_triples(finding_iri(st, f), st, f, studies)
        for f in r.arm_results:
            for part in (f.therapy, f.outcome):
                if part is not None:
                    yield from labels.hold(_once(described, _entity_key(part), mention_triples(part)))
            outcome = node_iri(f.outcome) if f.outcome is not None else None
            yield from arm_result_triples(
                arm_result_iri(st, f), st, f, node_iri(f.therapy), outcome, EXTRACTOR
            )
    yield from labels.triples()


def _entity_key(m: Mention) -> tuple[object, ...]:
    """Return what a mention's description depends on (its offsets do not change its triples)."""
    return (m.kind, m.label, m.alt_labels, m.identifiers, m.preferred)


def _once(
    described: set[tuple[object, ...]], key: tuple[object, ...], triples: Iterator[Triple]
) -> Iterator[Triple]:
    """Yield a description (an entity's, a study's) unless the document has given it already."""
    if key not in described:
        described.add(key)
        yield from triples


def agent_triples() -> Iterator[Triple]:
    """Yield the PROV description of the extractor that generated the findings."""
    yield EXTRACTOR, TYPE, PROV.SoftwareAgent
    yield EXTRACTOR, TYPE, TKG.Extractor
    yield EXTRACTOR, LABEL, literal(f"therapy-kg extractor {__version__}")
    yield EXTRACTOR, TKG.version, literal(__version__)


def add_document(g: Graph, doc: Document, results: Iterable[SentenceResult]) -> Graph:
    """Add one document's triples (and the extractor's description) to a graph, an entity's
    labels by the rule of kg.graph.labels (one rdfs:label, whatever the order of the documents)."""
    for t in agent_triples():
        g.add(t)
    for s, p, o in document_triples(doc, results):
        if p in (LABEL, ALT_LABEL) and str(s).startswith(ENTITY_PREFIXES):
            add_label(g, s, p, o)
        else:
            g.add((s, p, o))
    return g
