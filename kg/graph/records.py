"""Describe the study of a published record: PMID, DOI, title, year, authors, journal, subjects."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.model import Heading, Record
from kg.namespaces import BIBO, DCTERMS, ID, MESH, RDF, RDFS, TKG, XSD, slug

Triple = tuple[Node, Node, Node]


def mesh_iri(ui: str) -> URIRef:
    """Return the MeSH IRI of a descriptor or publication type UI ("D016449")."""
    return MESH[ui]


def heading_triples(s: URIRef, prop: URIRef, headings: tuple[Heading, ...]) -> Iterator[Triple]:
    """Yield the links of a study to MeSH headings, each with its name as label."""
    for h in headings:
        iri = mesh_iri(h.ui)
        yield s, prop, iri
        if h.name:
            yield iri, RDFS.label, Literal(h.name)


def record_triples(s: URIRef, record: Record) -> Iterator[Triple]:
    """Yield the bibliographic description of the study a record reports."""
    if record.pmid:
        yield s, TKG.pmid, Literal(record.pmid)
    if record.doi:
        yield s, BIBO.doi, Literal(record.doi)
    if record.title:
        yield s, DCTERMS.title, Literal(record.title)
    if record.year is not None:
        yield s, DCTERMS.issued, Literal(f"{record.year:04d}", datatype=XSD.gYear)
    for name in record.authors:
        yield s, DCTERMS.creator, Literal(name)
    if record.journal:
        journal = ID[f"journal/{slug(record.journal)}"]
        yield s, DCTERMS.isPartOf, journal
        yield journal, RDF.type, BIBO.Journal
        yield journal, RDFS.label, Literal(record.journal)
    yield from heading_triples(s, TKG.publicationType, record.publication_types)
    yield from heading_triples(s, DCTERMS.subject, record.mesh)
