"""Wire the steps: documents -> sentences -> findings -> graph. The one place that does so."""

from __future__ import annotations

import collections
import gc
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import NamedTuple, TypeVar

from rdflib import Graph

from kg.extractors.entities.abbreviations import Abbreviations, find_abbreviations, resolve
from kg.extractors.entities.recognise import recognise
from kg.extractors.roles.arms import document_arms
from kg.extractors.sentence import extract_sentence, sentence_cuts, with_arm_results
from kg.extractors.studies.document import own_study, with_document_studies
from kg.extractors.studies.references import References
from kg.extractors.syntax import tag_cuts
from kg.graph.build import add_document, new_graph
from kg.graph.encode import EncodedDocument, encode_document
from kg.interrupts import ignore_in_worker
from kg.model import Document, Mention, Sentence, SentenceResult
from kg.pieces import Piece, Unit, placement, units
from kg.pieces import split as split_document
from kg.resources import ontology_file
from kg.text.tokens import Token, tokenize
from kg.vocab.lexicon import Lexicon, load_lexicon, with_user_vocabulary

# short phrases whose mentions an extractor keeps (see `Extractor._recognise_phrase`)
PHRASES = 50_000
# a text whose reading loads every reader (see `Extractor.warm_up`)
WARM_UP = Document(
    "warm-up",
    "Intrathecal baclofen (ITB) did not reduce spasticity in patients with multiple sclerosis"
    " compared with placebo (p = 0.03).",
)


@dataclass
class Extractor:
    """The configured extractors: the compiled vocabularies, with user vocabularies on top."""

    vocabularies: Sequence[Path] = ()
    lexicon: Lexicon = field(init=False)
    # the results of the chunk of documents being read together (see `reading`)
    _ahead: dict[int, list[SentenceResult]] = field(init=False, default_factory=dict, repr=False)
    # the mentions of the short phrases read so far (abbreviations' long forms, arms' names): each
    # piece of a long document resolves every abbreviation defined up to its end
    _phrases: dict[str, list[Mention]] = field(init=False, default_factory=dict, repr=False)
    # each abbreviation (short and long form) resolved so far (see `abbreviations`)
    _resolved: dict[tuple[str, str], Mention | None] = field(init=False, default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        base = load_lexicon(ontology_file("vocabulary.ttl"))
        self.lexicon = with_user_vocabulary(base, list(self.vocabularies)) if self.vocabularies else base
        # the vocabularies are some 400,000 long-lived objects: moved out of the collector's reach,
        # they are not traversed again each time extraction's short-lived objects trigger a collection
        # (and forked workers do not touch, so copy, their pages)
        gc.collect()
        gc.freeze()

    def abbreviations(self, pairs: dict[str, str]) -> dict[str, Mention]:
        """Return a document's abbreviations (short -> long) resolved to the entities they name
        (each pair resolved once per process: a long document's pieces each resolve all the
        abbreviations defined before them)."""
        if len(self._resolved) >= PHRASES:
            self._resolved.clear()
        return resolve(pairs, self._recognise_phrase, self._resolved)

    def _recognise_phrase(self, phrase: str) -> list[Mention]:
        """Return the mentions of a short phrase (an abbreviation's long form), read once."""
        found = self._phrases.get(phrase)
        if found is None:
            if len(self._phrases) >= PHRASES:
                self._phrases.clear()
            found = self._phrases[phrase] = recognise(phrase, tokenize(phrase), self.lexicon)
        return list(found)

    def warm_up(self) -> None:
        """Load every reader's models and tables in this process (the tagger, ConText's rules, the
        abbreviation detector, the vocabularies' preferred labels) by reading one short text: the
        workers forked afterwards inherit them instead of each loading its own."""
        self.documents([WARM_UP])
        gc.collect()
        gc.freeze()

    def document(self, doc: Document) -> list[SentenceResult]:
        """Return the extraction results of every sentence of a document before its reference list,
        with the studies its record and its references name."""
        ahead = self._ahead.get(id(doc))
        return ahead if ahead is not None else self.documents([doc])[0]

    def documents(self, docs: Sequence[Document]) -> list[list[SentenceResult]]:
        """Return the results of several documents, whose sentences the tagger reads as one batch
        (a call costs about as much as tagging a few sentences: short records gain most)."""
        split = [split_document(doc) for doc in docs]
        tagged = iter(tag_cuts([sentence_cuts(s.text) for _, _, sentences in split for s in sentences]))
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
        results = self._read(sentences, tokens, find_abbreviations(body))
        return with_document_studies(results, own_study(doc, results), refs.entries if refs else {}, doc.name)

    def piece(self, p: Piece) -> list[SentenceResult]:
        """Return the results of a piece of a long document, with what it needs of the whole."""
        sentences = list(p.sentences)
        results = self._read(
            sentences, tag_cuts([sentence_cuts(s.text) for s in sentences]), p.context.abbreviations
        )
        return with_document_studies(results, p.context.own, p.context.references, p.doc.name)

    def results(self, unit: Unit) -> list[SentenceResult]:
        """Return the results of a document or of a piece of one."""
        return self.piece(unit) if isinstance(unit, Piece) else self.document(unit)

    def _read(
        self, sentences: list[Sentence], tokens: list[list[Token]], pairs: Mapping[str, str]
    ) -> list[SentenceResult]:
        """Return the results of consecutive sentences, with the abbreviations defined around them
        and the treatment arms they name."""
        abbrevs = self.abbreviations(dict(pairs))
        arms = document_arms(
            tokens, [s.text for s in sentences], dict(pairs), abbrevs, self._recognise_phrase
        )
        abbrevs = Abbreviations({**abbrevs, **arms.abbreviations})
        results = [
            extract_sentence(s, self.lexicon, abbrevs, toks, arms)
            for s, toks in zip(sentences, tokens, strict=True)
        ]
        return with_arm_results(results, sentences, tokens, self.lexicon, abbrevs, arms)


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
    for unit in units(documents):
        add_document(g, placement(unit)[0], extractor.results(unit))
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


def _work(job: tuple[Callable[[Extractor, Unit], T], list[Unit]]) -> list[T]:
    """Run one job (a module-level function and a few documents or one piece) in a worker."""
    if _WORKER is None:
        raise RuntimeError("worker not initialised")
    fn, chunk = job
    return _run(fn, _WORKER, chunk)


def _run(fn: Callable[[Extractor, Unit], T], extractor: Extractor, chunk: list[Unit]) -> list[T]:
    """Return fn(extractor, unit) for each unit of a chunk, its documents read together."""
    with extractor.reading([u for u in chunk if isinstance(u, Document)]):
        return [fn(extractor, unit) for unit in chunk]


def _chunks(items: Iterable[Unit], size: int) -> Iterator[list[Unit]]:
    """Yield the documents in lists of size (the last one shorter), and each piece alone."""
    chunk: list[Unit] = []
    for item in items:
        if isinstance(item, Piece):
            if chunk:
                yield chunk
                chunk = []
            yield [item]
            continue
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class Read(NamedTuple):
    """The results of a document, or of a piece of one (the last says the document is done)."""

    doc: Document
    results: list[SentenceResult]
    last: bool = True


def results_of(extractor: Extractor, unit: Unit) -> Read:
    """Return a document (or a piece of one) with its extraction results."""
    doc, _, last = placement(unit)
    return Read(doc, extractor.results(unit), last)


def parallel_map(
    fn: Callable[[Extractor, Unit], T], documents: Iterable[Document], extractor: Extractor, jobs: int = 1
) -> Iterator[T]:
    """Yield fn(extractor, unit) for each document, or each piece of a long one, in input order,
    using jobs processes.

    Work goes to the workers in windows, so that results never pile up faster than the caller
    consumes them; the output is the same whatever the number of processes."""
    if jobs <= 1:
        for chunk in _chunks(units(documents), CHUNK):
            yield from _run(fn, extractor, chunk)
        return
    global _WORKER
    _WORKER = extractor  # forked workers inherit the loaded vocabularies
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods:
        extractor.warm_up()  # and the loaded models
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(list(extractor.vocabularies),)) as pool:
        pending: collections.deque[AsyncResult[list[T]]] = collections.deque()
        for chunk in _chunks(units(documents), CHUNK):
            pending.append(pool.apply_async(_work, ((fn, chunk),)))
            while pending and (len(pending) >= WINDOW * jobs or pending[0].ready()):
                yield from pending.popleft().get()  # results done go on at once: none wait here
        while pending:
            yield from pending.popleft().get()


def encoded_of(extractor: Extractor, unit: Unit) -> EncodedDocument:
    """Return a document's (or a piece's) extraction serialised as N-Quads for the store (run in a
    worker)."""
    doc, part, last = placement(unit)
    return encode_document(doc, extractor.results(unit), part, last)


def iter_results(documents: Iterable[Document], extractor: Extractor, jobs: int = 1) -> Iterator[Read]:
    """Yield each document (or piece of a long one) with its results, in input order, using jobs
    processes."""
    return parallel_map(results_of, documents, extractor, jobs)
