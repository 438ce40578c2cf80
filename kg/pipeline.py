"""Wire the steps: documents -> sentences -> findings -> graph. The one place that does so."""

from __future__ import annotations

import collections
import gc
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import TypeVar

from rdflib import Graph

from kg.extractors.abbreviations import find_abbreviations, resolve
from kg.extractors.arms import document_arms
from kg.extractors.entities import recognise
from kg.extractors.references import reference_list
from kg.extractors.sentence import extract_sentence, sentence_tokens
from kg.extractors.studies import own_study, with_document_studies
from kg.extractors.syntax import tag_sentences
from kg.graph.build import add_document, new_graph
from kg.graph.encode import EncodedDocument, encode_document
from kg.interrupts import ignore_in_worker
from kg.model import Document, Mention, SentenceResult
from kg.resources import ontology_file
from kg.text.sentences import split_sentences
from kg.text.tokens import tokenize
from kg.vocab.lexicon import Lexicon, load_lexicon, with_user_vocabulary


@dataclass
class Extractor:
    """The configured extractors: the compiled vocabularies, with user vocabularies on top."""

    vocabularies: Sequence[Path] = ()
    lexicon: Lexicon = field(init=False)

    def __post_init__(self) -> None:
        base = load_lexicon(ontology_file("vocabulary.ttl"))
        self.lexicon = with_user_vocabulary(base, list(self.vocabularies)) if self.vocabularies else base
        # the vocabularies are some 400,000 long-lived objects: moved out of the collector's reach,
        # they are not traversed again each time extraction's short-lived objects trigger a collection
        # (and forked workers do not touch, so copy, their pages)
        gc.collect()
        gc.freeze()

    def abbreviations(self, pairs: dict[str, str]) -> dict[str, Mention]:
        """Return a document's abbreviations (short -> long) resolved to the entities they name."""
        return resolve(pairs, partial(self._recognise_phrase))

    def _recognise_phrase(self, phrase: str) -> list[Mention]:
        """Return the mentions of a short phrase (an abbreviation's long form)."""
        return recognise(phrase, tokenize(phrase), self.lexicon)

    def document(self, doc: Document) -> list[SentenceResult]:
        """Return the extraction results of every sentence of a document before its reference list,
        with the studies its record and its references name."""
        refs = reference_list(doc.text)
        body = doc.text[: refs.start] if refs else doc.text
        pairs = find_abbreviations(body)
        abbrevs = self.abbreviations(pairs)
        sentences = split_sentences(body, doc.id, doc.breaks)
        tokens = tag_sentences([sentence_tokens(s.text) for s in sentences])
        arms = document_arms(tokens, [s.text for s in sentences], pairs, abbrevs, self._recognise_phrase)
        abbrevs = {**abbrevs, **arms.abbreviations}
        results = [
            extract_sentence(s, self.lexicon, abbrevs, toks, arms)
            for s, toks in zip(sentences, tokens, strict=True)
        ]
        return with_document_studies(results, own_study(doc, results), refs.entries if refs else {}, doc.name)


def extract(text: str, doc_id: str = "text", vocabularies: Sequence[Path] = ()) -> list[SentenceResult]:
    """Return the sentence results (mentions, studies, findings) of a text."""
    return Extractor(vocabularies).document(Document(doc_id, text))


def build(
    documents: Iterable[Document], extractor: Extractor | None = None, graph: Graph | None = None
) -> Graph:
    """Return a graph with every document's statements, entities, studies and findings, and the
    evidence summaries of its findings (with the shipped weights)."""
    from kg.evidence.refresh import summarise_graph
    from kg.evidence.weights import read_weights

    extractor = extractor or Extractor()
    g = graph if graph is not None else new_graph()
    for doc in documents:
        add_document(g, doc, extractor.document(doc))
    summarise_graph(g, read_weights())
    return g


# the extractor of a worker process (inherited from the parent when processes are forked)
_WORKER: Extractor | None = None
# documents go to a worker a few at a time (one message each way per chunk, not per document), and
# at most WINDOW chunks per process are in flight, so that memory stays bounded
CHUNK = 4
WINDOW = 16

T = TypeVar("T")


def _init_worker(vocabularies: Sequence[Path]) -> None:
    """Prepare a worker process: reuse the parent's extractor if forked, else load one."""
    global _WORKER
    ignore_in_worker()
    if _WORKER is None or list(_WORKER.vocabularies) != list(vocabularies):
        _WORKER = Extractor(vocabularies)


def _work(job: tuple[Callable[[Extractor, Document], T], list[Document]]) -> list[T]:
    """Run one job (a module-level function and a few documents) in a worker process."""
    if _WORKER is None:
        raise RuntimeError("worker not initialised")
    fn, docs = job
    return [fn(_WORKER, doc) for doc in docs]


def _chunks(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Yield the items in lists of size (the last one shorter)."""
    chunk: list[Document] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def results_of(extractor: Extractor, doc: Document) -> tuple[Document, list[SentenceResult]]:
    """Return a document with its extraction results."""
    return doc, extractor.document(doc)


def parallel_map(
    fn: Callable[[Extractor, Document], T], documents: Iterable[Document], extractor: Extractor, jobs: int = 1
) -> Iterator[T]:
    """Yield fn(extractor, doc) for each document, in input order, using jobs processes.

    Documents go to the workers in windows, so that results never pile up faster than the caller
    consumes them; the output is the same whatever the number of processes."""
    if jobs <= 1:
        for doc in documents:
            yield fn(extractor, doc)
        return
    global _WORKER
    _WORKER = extractor  # forked workers inherit the loaded vocabularies
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(list(extractor.vocabularies),)) as pool:
        pending: collections.deque[AsyncResult[list[T]]] = collections.deque()
        for chunk in _chunks(documents, CHUNK):
            pending.append(pool.apply_async(_work, ((fn, chunk),)))
            if len(pending) >= WINDOW * jobs:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def encoded_of(extractor: Extractor, doc: Document) -> EncodedDocument:
    """Return a document's extraction serialised as N-Quads for the store (run in a worker)."""
    return encode_document(doc, extractor.document(doc))


def iter_results(
    documents: Iterable[Document], extractor: Extractor, jobs: int = 1
) -> Iterator[tuple[Document, list[SentenceResult]]]:
    """Yield each document with its results, in input order, using jobs processes."""
    return parallel_map(results_of, documents, extractor, jobs)
