"""Tests for kg.graph.encode: N-Quads for the store, and terms between rdflib and Oxigraph."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from kg.graph.build import add_document, new_graph
from kg.graph.encode import bulk_load, encode_document, nt, to_ox, to_rdflib
from kg.model import Document
from kg.namespaces import XSD
from kg.pipeline import Extractor


def test_terms_survive_the_round_trip() -> None:
    # a simple literal comes back without a datatype, as rdflib parses one; typed and tagged keep theirs
    for term in (
        URIRef("https://example.org/a"),
        Literal("plain"),
        Literal("Baclofen", lang="en"),
        Literal(3, datatype=XSD.integer),
        Literal(True),
    ):
        assert to_rdflib(to_ox(term)) == term


def test_literals_are_escaped() -> None:
    # a sentence may hold quotes, backslashes and line breaks: the line must stay one N-Triples line
    text = nt(Literal('said "no"\\ then\nstopped'))
    assert "\n" not in text
    assert (
        ox.Literal('said "no"\\ then\nstopped')
        == next(iter(ox.parse(f"<urn:s> <urn:p> {text} .", format=ox.RdfFormat.N_TRIPLES))).object
    )


def test_encoded_document_is_the_graph_of_the_document(extractor: Extractor) -> None:
    # the store's N-Quads and the in-memory graph are built from the same triples, each line once
    doc = Document("d.txt", "Baclofen reduced spasticity in cerebral palsy. Baclofen reduced spasticity.")
    results = extractor.document(doc)
    enc = encode_document(doc, results)
    lines = enc.nquads.splitlines()
    assert len(lines) == len(set(lines)) == enc.quads
    assert enc.sentences == 2 and enc.findings == sum(len(r.findings) for r in results) > 0
    parsed = Graph().parse(data=enc.nquads, format="nt")
    assert set(parsed) == set(add_document(new_graph(), doc, results))


def test_quads_given_in_parts_load_as_their_joined_text() -> None:
    text = "".join(f'<urn:s{i}> <urn:p> "dé{i} ✓" <urn:g> .\n' for i in range(3000))
    parts = [text[k : k + 997] for k in range(0, len(text), 997)]  # cut inside lines and characters
    streamed, joined = ox.Store(), ox.Store()
    bulk_load(streamed, parts)
    joined.bulk_load(input=text, format=ox.RdfFormat.N_QUADS)
    assert len(streamed) == 3000 and set(streamed) == set(joined)
