"""Offer the pipeline's steps as plain Python functions (the same ones the command line runs)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from rdflib import Graph

from kg.graph.query import QueryResult, named_query, run_query
from kg.model import Document, SentenceResult
from kg.pipeline import Extractor, build
from kg.readers.dispatch import read_inputs


def extract(text: str, doc_id: str = "text", vocabularies: Sequence[Path | str] = ()) -> list[SentenceResult]:
    """Return the sentences of a text with their mentions, studies and findings."""
    return Extractor([Path(v) for v in vocabularies]).document(Document(doc_id, text))


def build_graph(inputs: Iterable[Path | str], vocabularies: Sequence[Path | str] = ()) -> Graph:
    """Return the RDF graph built from files or directories of text."""
    docs = read_inputs([str(p) for p in inputs])
    return build(docs, Extractor([Path(v) for v in vocabularies]))


def build_text_graph(text: str, doc_id: str = "text", vocabularies: Sequence[Path | str] = ()) -> Graph:
    """Return the RDF graph built from one text."""
    return build([Document(doc_id, text)], Extractor([Path(v) for v in vocabularies]))


def query(graph: Graph, sparql: str | None = None, name: str | None = None, **bindings: str) -> QueryResult:
    """Run a SPARQL query, or a named query with bound values, on a graph."""
    if (sparql is None) == (name is None):
        raise ValueError("give exactly one of sparql= or name=")
    text = named_query(name).text if name is not None else str(sparql)
    return run_query(graph, text, dict(bindings))
