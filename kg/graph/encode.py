"""Serialise documents for the store and the server, and convert terms between rdflib and Oxigraph.

Encoding runs in the extraction workers: a document's triples become N-Quads text there, each
term serialised (and escaped) by Oxigraph, so that the building process only loads them.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier, Node

from kg.graph.build import agent_triples, document_iri, document_triples
from kg.graph.labels import labelled_entities
from kg.model import Document, SentenceResult
from kg.namespaces import XSD

XSD_STRING = str(XSD.string)


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


class _Stream(io.RawIOBase):
    """N-Quads text given in parts, read as one stream of UTF-8 bytes, a part encoded at a time."""

    def __init__(self, parts: Iterable[str]) -> None:
        super().__init__()
        self._parts = iter(parts)
        self._left = memoryview(b"")

    def readable(self) -> bool:
        """Return True: the stream is read."""
        return True

    def readinto(self, buffer: Any) -> int:
        """Fill a buffer with the next bytes (0 at the end)."""
        while not self._left:
            part = next(self._parts, None)
            if part is None:
                return 0
            self._left = memoryview(part.encode("utf-8"))
        n = min(len(buffer), len(self._left))
        buffer[:n] = self._left[:n]
        self._left = self._left[n:]
        return n


def bulk_load(store: ox.Store, parts: Iterable[str]) -> None:
    """Bulk-load N-Quads text given in parts (documents, lines) into a store, streamed: joined into
    one string, the text would stay in memory during the load beside Oxigraph's copy of it (some
    70 MB more at the peak of a 150,000-quad batch)."""
    store.bulk_load(input=io.BufferedReader(_Stream(parts), 1 << 16), format=ox.RdfFormat.N_QUADS)


@lru_cache(maxsize=1 << 12)
def nt(term: Node) -> str:
    """Return a term as N-Triples, serialised (and escaped) by Oxigraph; predicates, entities and
    flags recur on most lines, so each is serialised once."""
    return str(to_ox(term))


def document_lines(doc: Document, results: Iterable[SentenceResult]) -> dict[str, None]:
    """Return a document's triples as N-Triples lines, each once, in the order they were made."""
    return dict.fromkeys(
        f"{nt(s)} {nt(p)} {nt(o)} .\n" for s, p, o in (*agent_triples(), *document_triples(doc, results))
    )


@dataclass(frozen=True)
class EncodedDocument:
    """A document's quads serialised as N-Quads (done in a worker), with counts for the summary."""

    graph: str
    sentences: int
    findings: int
    quads: int
    nquads: str
    entities: tuple[str, ...] = ()  # the entities it labels (N-Triples IRIs), whose labels settle
    part: int = 0  # a piece of a long document (kg.pieces): its number, and whether it is the last
    last: bool = True


def encode_document(
    doc: Document, results: list[SentenceResult], part: int = 0, last: bool = True
) -> EncodedDocument:
    """Serialise a document's quads (or those of one piece of it), each once, as N-Quads text."""
    lines = document_lines(doc, results)
    text = "".join(lines)
    findings = sum(len(r.findings) for r in results)
    entities = labelled_entities(lines)
    return EncodedDocument(
        str(document_iri(doc)), len(results), findings, len(lines), text, entities, part, last
    )
