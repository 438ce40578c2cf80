"""Wire the steps: documents -> sentences -> findings -> graph. The one place that does so."""

from __future__ import annotations

import collections
import gc
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import TypeVar

from rdflib import Graph

from kg.extractors.entities.abbreviations import find_abbreviations, resolve
from kg.extractors.entities.recognise import recognise
from kg.extractors.roles.arms import document_arms
from kg.extractors.sentence import extract_sentence, sentence_tokens
from kg.extractors.studies.document import own_study, with_document_studies
from kg.extractors.studies.references import References, reference_list
from kg.extractors.syntax import tag_sentences
from kg.graph.build import add_document, new_graph
from kg.graph.encode import EncodedDocument, encode_document
from kg.interrupts import ignore_in_worker
from kg.model import Document, Mention, Sentence, SentenceResult
from kg.resources import ontology_file
from kg.text.sentences import split_sentences
from kg.text.tokens import Token, tokenize
from kg.vocab.lexicon import Lexicon, load_lexicon, with_user_vocabulary


@dataclass
class Extractor:
    """The configured extractors: the compiled vocabularies, with user vocabularies on top."""

    vocabularies: Sequence[Path] = ()
    lexicon: Lexicon = field(init=False)
    # the results of the chunk of documents being read together (see `reading`)
    _ahead: dict[int, list[SentenceResult]] = field(init=False, default_factory=dict, repr=False)

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
        ahead = self._ahead.get(id(doc))
        return ahead if ahead is not None else self.documents([doc])[0]

    def documents(self, docs: Sequence[Document]) -> list[list[SentenceResult]]:
        """Return the results of several documents, whose sentences the tagger reads as one batch
        (a call costs about as much as tagging a few sentences: short records gain most)."""
        split = [_split(doc) for doc in docs]
        tagged = iter(
            tag_sentences([sentence_tokens(s.text) for _, _, sentences in split for s in sentences])
        )
        return [
            self._extract(doc, refs, body, sentences, [next(tagged) for _ in sentences])
            for doc, (refs, body, sentences) in zip(docs, split, strict=True)
        ]

    @contextmanager
    def reading(self, docs: Sequence[Document]) -> Iterator[None]:
        """Extract a chunk of documents together; inside the block, `document` returns their results
        (the chunk holds the documents, so they are known by identity)."""
        self._ahead = {id(d): r for d, r in zip(docs, self.documents(docs), strict=True)}
        try:
            yield
        finally:
            self._ahead = {}

    def _extract(
        self,
        doc: Document,
        refs: References | None,
        body: str,
        sentences: list[Sentence],
        tokens: list[list[Token]],
    ) -> list[SentenceResult]:
        """Return a document's results from its text before the references, its sentences and
        their tagged tokens."""
        pairs = find_abbreviations(body)
        abbrevs = self.abbreviations(pairs)
        arms = document_arms(tokens, [s.text for s in sentences], pairs, abbrevs, self._recognise_phrase)
        abbrevs = {**abbrevs, **arms.abbreviations}
        results = [
            extract_sentence(s, self.lexicon, abbrevs, toks, arms)
            for s, toks in zip(sentences, tokens, strict=True)
        ]
        return with_document_studies(results, own_study(doc, results), refs.entries if refs else {}, doc.name)


def _split(doc: Document) -> tuple[References | None, str, list[Sentence]]:
    """Return a document's reference list (if it ends with one), its text before it and the
    sentences of that text."""
    refs = reference_list(doc.text)
    body = doc.text[: refs.start] if refs else doc.text
    return refs, body, split_sentences(body, doc.id, doc.breaks)


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
    with _WORKER.reading(docs):
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
        for chunk in _chunks(documents, CHUNK):
            with extractor.reading(chunk):
                results = [fn(extractor, doc) for doc in chunk]
            yield from results
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
