"""Hold every IRI and namespace of the therapy-kg graph contract in one place."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

from kg.text.tokens import tokenize
from kg.vocab.normalize import phrase_key

__all__ = [
    "BIBO",
    "BIOLINK",
    "CONDITION_LISTING",
    "DCTERMS",
    "DESIGN_IRIS",
    "DIRECTION_COUNTS",
    "DIRECTION_IRIS",
    "DRUGBANK",
    "HPO",
    "ID",
    "MESH",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "RO",
    "SCHEMA",
    "SHARED_GRAPH",
    "SKOS",
    "SUMMARY_GRAPH",
    "TKG",
    "XSD",
    "entity_iri",
    "hashed_iri",
    "slug",
]


class TKG(DefinedNamespace):
    """The therapy-kg ontology; an unknown term raises AttributeError."""

    _NS = Namespace("https://w3id.org/therapy-kg/ontology#")
    _fail = True

    # classes
    Document: URIRef
    Statement: URIRef
    Finding: URIRef
    ArmResult: URIRef
    Therapy: URIRef
    Condition: URIRef
    Outcome: URIRef
    Study: URIRef
    StudyDesign: URIRef
    Direction: URIRef
    Extractor: URIRef
    EvidenceSummary: URIRef
    TreatmentSummary: URIRef
    # directions
    Increase: URIRef
    Decrease: URIRef
    NoChange: URIRef
    Unspecified: URIRef
    # study designs
    RandomizedControlledTrial: URIRef
    ProspectiveCohortStudy: URIRef
    RetrospectiveStudy: URIRef
    CaseSeries: URIRef
    CaseReport: URIRef
    CrossSectionalStudy: URIRef
    SystematicReview: URIRef
    MetaAnalysis: URIRef
    Review: URIRef
    ObservationalStudy: URIRef
    OpenLabelStudy: URIRef
    # statement and document properties
    text: URIRef
    inDocument: URIRef
    mentions: URIRef
    cites: URIRef
    startOffset: URIRef
    endOffset: URIRef
    sentenceIndex: URIRef
    # finding properties
    therapy: URIRef
    condition: URIRef
    outcome: URIRef
    direction: URIRef
    negated: URIRef
    hedged: URIRef
    study: URIRef
    comparator: URIRef
    negationCue: URIRef
    hedgeCue: URIRef
    foundBy: URIRef
    arm: URIRef
    armReference: URIRef
    armOutcome: URIRef
    armDirection: URIRef
    # study properties
    citation: URIRef
    design: URIRef
    sampleSize: URIRef
    # published records
    pmid: URIRef
    reports: URIRef
    publicationType: URIRef
    # shortcut edges and provenance
    treats: URIRef
    version: URIRef
    labelKey: URIRef
    # evidence summaries
    aboutTherapy: URIRef
    aboutOutcome: URIRef
    aboutCondition: URIRef
    findingCount: URIRef
    studyCount: URIRef
    increaseFindings: URIRef
    decreaseFindings: URIRef
    noChangeFindings: URIRef
    unspecifiedFindings: URIRef
    increaseStudies: URIRef
    decreaseStudies: URIRef
    noChangeStudies: URIRef
    unspecifiedStudies: URIRef
    consensus: URIRef
    strength: URIRef
    contradicted: URIRef
    designCounts: URIRef
    supportingFindings: URIRef
    # label positions: where each therapy label begins in a listing (kg.evidence.positions)
    LabelPosition: URIRef
    inListing: URIRef
    positionLabel: URIRef
    listedRows: URIRef
    rowsBefore: URIRef


def materialise(ns: type[DefinedNamespace]) -> None:
    """Give each declared term of a namespace a class attribute, so that reading it is a plain
    attribute lookup (DefinedNamespace computes a term on every access); unknown terms still fail."""
    for name in ns.__annotations__:
        if not name.startswith("_"):
            type.__setattr__(ns, name, ns[name])


materialise(TKG)
TKG_NS = Namespace(str(TKG._NS))
ID = Namespace("https://w3id.org/therapy-kg/id/")
# on a SPARQL server: the named graph of the descriptions documents share (entities, studies, treats)
SHARED_GRAPH = ID["graph/shared"]
# on a SPARQL server: the named graph of the evidence summaries, rebuilt after each load
SUMMARY_GRAPH = ID["graph/summaries"]
# the listing of the therapies of findings in a condition (label positions; a design names its own)
CONDITION_LISTING = ID["listing/findings-in-a-condition"]
MESH = Namespace("http://id.nlm.nih.gov/mesh/")
DRUGBANK = Namespace("https://go.drugbank.com/drugs/")
HPO = Namespace("http://purl.obolibrary.org/obo/HP_")
RO = Namespace("http://purl.obolibrary.org/obo/RO_")
BIOLINK = Namespace("https://w3id.org/biolink/vocab/")
SCHEMA = Namespace("https://schema.org/")
BIBO = Namespace("http://purl.org/ontology/bibo/")

DIRECTION_IRIS: dict[str, URIRef] = {
    "increase": TKG.Increase,
    "decrease": TKG.Decrease,
    "no_change": TKG.NoChange,
    "unspecified": TKG.Unspecified,
}

# per direction: the summary properties that count its findings and its studies
DIRECTION_COUNTS: dict[str, tuple[URIRef, URIRef]] = {
    "increase": (TKG.increaseFindings, TKG.increaseStudies),
    "decrease": (TKG.decreaseFindings, TKG.decreaseStudies),
    "no_change": (TKG.noChangeFindings, TKG.noChangeStudies),
    "unspecified": (TKG.unspecifiedFindings, TKG.unspecifiedStudies),
}

DESIGN_IRIS: dict[str, URIRef] = {
    "randomized controlled trial": TKG.RandomizedControlledTrial,
    "prospective cohort study": TKG.ProspectiveCohortStudy,
    "retrospective study": TKG.RetrospectiveStudy,
    "case series": TKG.CaseSeries,
    "case report": TKG.CaseReport,
    "cross-sectional study": TKG.CrossSectionalStudy,
    "systematic review": TKG.SystematicReview,
    "meta-analysis": TKG.MetaAnalysis,
    "review": TKG.Review,
    "observational study": TKG.ObservationalStudy,
    "open-label study": TKG.OpenLabelStudy,
}

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slug(label: str) -> str:
    """Return a readable IRI segment for a label: lower case, runs of other characters as '-'."""
    text = _NON_SLUG.sub("-", label.lower()).strip("-")
    return text[:80] or hashlib.sha1(label.encode("utf-8")).hexdigest()[:12]


@lru_cache(maxsize=1 << 16)
def entity_iri(kind: str, label: str) -> URIRef:
    """Return the stable IRI of a therapy, condition or outcome from its normalised label, so that
    spelling variants, plurals and case ("Tumours", "tumor") name one node."""
    return ID[f"{kind}/{slug(phrase_key(t.text for t in tokenize(label)) or label)}"]


def hashed_iri(kind: str, *parts: str) -> URIRef:
    """Return a stable IRI whose last segment is a hash of the parts (documents, statements...)."""
    key = "\x1f".join(parts)
    return ID[f"{kind}/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"]
